"""`hplan status` writes: whole files compared before and after, refused writes, locking."""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from hplan.errors import HplanError, LockTimeout
from hplan.plan.statuses import Status
from hplan.store.lock import plan_lock
from hplan.store.reading import parse_plan, read_plan
from hplan.store.source import read_source

from ..conftest import REAL_PLAN, Result, set_status

# Every test here runs with both YAML parsers: their results must be identical.
pytestmark = pytest.mark.usefixtures("yaml_parser")

DAY = date(2025, 5, 26)
BLOCK_5 = """\
  - id: 5
    title: Planera och genomföra Hälsingegårdarnas dag
    goals:
      - 4.2.1
    owners:
      - Linda Beigler
    deadline: 25 maj
    status: not-started
"""


def original() -> str:
    return REAL_PLAN.read_text(encoding="utf-8")


def with_block_5(extra: str, status: str = "done") -> str:
    """The real plan with activity 5 changed as expected: status replaced, lines added after."""
    new = BLOCK_5.replace("status: not-started", f"status: {status}") + extra
    assert BLOCK_5 in original()
    return original().replace(BLOCK_5, new)


def test_status_changes_only_the_status_line_and_adds_the_date(plan_file: Path) -> None:
    change = set_status(plan_file, "5", Status.DONE, DAY)
    assert change.written and change.before.status is Status.NOT_STARTED
    assert plan_file.read_text(encoding="utf-8") == with_block_5("    status_date: 2025-05-26\n")


def test_a_note_is_added_as_a_dated_entry_and_later_notes_append(plan_file: Path) -> None:
    set_status(plan_file, "5", Status.IN_PROGRESS, DAY, note="Lokaler bokade: Bollnäs")
    set_status(plan_file, "5", Status.DONE, date(2025, 5, 27), note="Genomförd, 300 besökare")
    expected = with_block_5(
        "    status_date: 2025-05-27\n"
        "    notes:\n"
        "      - date: 2025-05-26\n"
        "        text: 'Lokaler bokade: Bollnäs'\n"
        "      - date: 2025-05-27\n"
        "        text: Genomförd, 300 besökare\n"
    )
    assert plan_file.read_text(encoding="utf-8") == expected
    notes = read_plan(plan_file).activity("5").notes  # type: ignore[union-attr]
    assert [(n.date, n.text) for n in notes] == [
        (date(2025, 5, 26), "Lokaler bokade: Bollnäs"),
        (date(2025, 5, 27), "Genomförd, 300 besökare"),
    ]


def test_a_note_without_a_status_change_leaves_status_and_date_alone(plan_file: Path) -> None:
    change = set_status(plan_file, "5", Status.NOT_STARTED, DAY, note="Väntar på budget")
    assert change.written
    expected = with_block_5(
        "    notes:\n      - date: 2025-05-26\n        text: Väntar på budget\n",
        status="not-started",
    )
    assert plan_file.read_text(encoding="utf-8") == expected


def test_the_same_status_without_a_note_writes_nothing(plan_file: Path) -> None:
    before = plan_file.stat().st_mtime_ns
    change = set_status(plan_file, "5", Status.NOT_STARTED, DAY)
    assert not change.written
    assert plan_file.read_text(encoding="utf-8") == original()
    assert plan_file.stat().st_mtime_ns == before


@pytest.mark.parametrize(
    ("note", "written"),
    [
        ("Klart: #1 [x] {y}", "'Klart: #1 [x] {y}'"),
        ("- lista", "'- lista'"),
        ('Sa "ja"', 'Sa "ja"'),
        ("yes", "'yes'"),
        ("2025-06-01", "'2025-06-01'"),
        ("rad ett\nrad två", '"rad ett\\nrad två"'),
        ("\tindrag", '"\\tindrag"'),
        ("  två mellanslag först", '"  två mellanslag först"'),
    ],
)
def test_any_note_text_is_written_as_safe_yaml(plan_file: Path, note: str, written: str) -> None:
    set_status(plan_file, "5", Status.DONE, DAY, note=note)
    assert f"        text: {written}\n" in plan_file.read_text(encoding="utf-8")
    stored = read_plan(plan_file).activity("5").notes[0].text  # type: ignore[union-attr]
    assert stored == note  # kept exactly as typed


def test_an_existing_status_date_is_replaced_in_place(tmp_path: Path) -> None:
    text = original().replace(
        BLOCK_5,
        BLOCK_5.replace(
            "status: not-started\n",
            "status: in-progress  # sedan maj\n    status_date: '2025-05-01'\n",
        ),
    )
    path = tmp_path / "plan2025.yaml"
    path.write_text(text, encoding="utf-8")
    set_status(path, "5", Status.DONE, DAY)
    assert path.read_text(encoding="utf-8") == text.replace(
        "status: in-progress  # sedan maj\n    status_date: '2025-05-01'\n",
        "status: done  # sedan maj\n    status_date: '2025-05-26'\n",
    )


def test_quoting_and_comments_around_the_status_are_kept(tmp_path: Path) -> None:
    text = original().replace(
        BLOCK_5,
        BLOCK_5.replace(
            "    status: not-started\n", '    # Ansvarig: Linda\n    status: "ej påbörjad" # !\n'
        ),
    )
    path = tmp_path / "plan2025.yaml"
    path.write_text(text, encoding="utf-8")
    set_status(path, "5", Status.IN_PROGRESS, DAY)
    assert path.read_text(encoding="utf-8") == text.replace(
        '    status: "ej påbörjad" # !\n',
        '    status: "in-progress" # !\n    status_date: 2025-05-26\n',
    )


def test_crlf_line_endings_are_kept_everywhere(tmp_path: Path) -> None:
    path = tmp_path / "plan2025.yaml"
    path.write_bytes(original().replace("\n", "\r\n").encode("utf-8"))
    set_status(path, "5", Status.DONE, DAY, note="Klar")
    expected = with_block_5(
        "    status_date: 2025-05-26\n    notes:\n      - date: 2025-05-26\n        text: Klar\n"
    ).replace("\n", "\r\n")
    assert path.read_bytes() == expected.encode("utf-8")
    set_status(path, "5", Status.DONE, DAY, note="Igen")
    assert path.read_bytes().count(b"\n") == path.read_bytes().count(b"\r\n")


def test_a_utf8_bom_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "plan2025.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + original().encode("utf-8"))
    set_status(path, "5", Status.DONE, DAY)
    assert path.read_bytes() == b"\xef\xbb\xbf" + with_block_5(
        "    status_date: 2025-05-26\n"
    ).encode("utf-8")


def test_nfd_text_stays_nfd_including_the_new_note(tmp_path: Path) -> None:
    path = tmp_path / "plan2025.yaml"
    path.write_text(unicodedata.normalize("NFD", original()), encoding="utf-8")
    set_status(path, "5", Status.DONE, DAY, note="Hälsingegårdar besökta")
    expected = with_block_5(
        "    status_date: 2025-05-26\n    notes:\n      - date: 2025-05-26\n"
        "        text: Hälsingegårdar besökta\n"
    )
    assert path.read_text(encoding="utf-8") == unicodedata.normalize("NFD", expected)


def test_flow_style_activity_and_notes_keep_their_style(tmp_path: Path) -> None:
    flow = (
        "  - {id: 5, title: Planera, goals: [4.2.1], owners: [Linda Beigler], "
        "deadline: 25 maj, status: not-started, notes: [{date: 2025-05-01, text: Första}]}\n"
    )
    text = original().replace(BLOCK_5, flow)
    path = tmp_path / "plan2025.yaml"
    path.write_text(text, encoding="utf-8")
    set_status(path, "5", Status.DONE, DAY, note="Andra")
    assert path.read_text(encoding="utf-8") == text.replace(
        "status: not-started, notes: [{date: 2025-05-01, text: Första}]}",
        "status: done, notes: [{date: 2025-05-01, text: Första}, {date: 2025-05-26, text: Andra}]"
        ", status_date: 2025-05-26}",
    )
    assert read_plan(path).activity("5").status is Status.DONE  # type: ignore[union-attr]


def test_the_last_activity_without_a_final_newline(tmp_path: Path) -> None:
    text = original().rstrip("\n")
    path = tmp_path / "plan2025.yaml"
    path.write_text(text, encoding="utf-8")
    set_status(path, "19", Status.DONE, DAY)
    assert path.read_text(encoding="utf-8") == (
        text.replace("    status: not-started", "    status: done", 19).replace(
            "    status: done", "    status: not-started", 18
        )
        + "\n    status_date: 2025-05-26\n"
    )


def test_file_mode_is_kept_and_no_temporary_file_is_left(plan_file: Path) -> None:
    plan_file.chmod(0o640)
    set_status(plan_file, "5", Status.DONE, DAY)
    assert stat.S_IMODE(plan_file.stat().st_mode) == 0o640
    assert sorted(p.name for p in plan_file.parent.iterdir()) == ["plan2025.yaml"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write read-only files")
def test_a_read_only_plan_is_refused(plan_file: Path) -> None:
    plan_file.chmod(0o444)
    with pytest.raises(HplanError, match="read-only"):
        set_status(plan_file, "5", Status.DONE, DAY)
    assert plan_file.read_text(encoding="utf-8") == original()


def test_a_read_only_plan_is_refused_even_for_root(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "access", lambda *_args, **_kw: False)
    with pytest.raises(HplanError, match="is read-only; make it writable"):
        set_status(plan_file, "5", Status.DONE, DAY)
    assert plan_file.read_text(encoding="utf-8") == original()


def test_refused_writes_leave_the_file_byte_identical(
    run: Callable[..., Result], plan_file: Path
) -> None:
    before = plan_file.read_bytes()
    assert run("status", "99", "done").code == 4
    assert run("status", "5", "finished").code == 2
    assert run("status", "5", "done", "--note", "   ").code == 7
    assert plan_file.read_bytes() == before
    broken = before.replace(b"deadline: Juni", b"deadline: Midsommar")
    plan_file.write_bytes(broken)
    result = run("status", "5", "done")
    assert result.code == 3
    assert "cannot read the deadline 'Midsommar'" in result.stderr
    assert plan_file.read_bytes() == broken
    assert sorted(p.name for p in plan_file.parent.iterdir()) == ["plan2025.yaml"]


def test_a_held_lock_gives_a_clear_message_not_a_hang(
    run: Callable[..., Result], plan_file: Path
) -> None:
    with plan_lock(plan_file):
        result = run("status", "5", "done", env={"HPLAN_LOCK_TIMEOUT": "0.3"})
    assert result.code == 5
    assert "another hplan has been writing this plan for 0.3 s; try again" in result.stderr
    assert plan_file.read_text(encoding="utf-8") == original()


def test_the_lock_timeout_error_type(plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HPLAN_LOCK_TIMEOUT", "0.1")
    with plan_lock(plan_file), pytest.raises(LockTimeout):
        set_status(plan_file, "5", Status.DONE, DAY)


@pytest.mark.parametrize("empty", ["    notes: []\n", "    notes:\n"])
def test_an_empty_notes_key_gets_the_first_note(tmp_path: Path, empty: str) -> None:
    text = original().replace(BLOCK_5, BLOCK_5 + empty)
    path = tmp_path / "plan2025.yaml"
    path.write_text(text, encoding="utf-8")
    set_status(path, "5", Status.DONE, DAY, note="Första, andra")
    assert path.read_text(encoding="utf-8") == text.replace(
        "    status: not-started\n" + empty,
        "    status: done\n    status_date: 2025-05-26\n"
        "    notes: [{date: 2025-05-26, text: 'Första, andra'}]\n",
    )


def test_a_plan_read_before_is_written_without_parsing_it_whole(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hplan.store.document

    read_plan(plan_file)  # `hplan list` and friends fill the cache

    def whole_parse(*_args: object) -> None:
        raise AssertionError("the whole plan was parsed")

    monkeypatch.setattr(hplan.store.document, "parse_plan", whole_parse)
    set_status(plan_file, "5", Status.DONE, DAY, note="Klar")
    set_status(plan_file, "6", Status.IN_PROGRESS, DAY)  # the write kept the cache current
    expected = with_block_5(
        "    status_date: 2025-05-26\n    notes:\n      - date: 2025-05-26\n        text: Klar\n"
    ).replace(
        "    deadline: 25–27 september\n    status: not-started\n",
        "    deadline: 25–27 september\n    status: in-progress\n    status_date: 2025-05-26\n",
    )
    assert plan_file.read_text(encoding="utf-8") == expected
    monkeypatch.undo()
    from hplan.store.reading import parse_plan
    from hplan.store.source import read_source

    assert read_plan(plan_file) == parse_plan(read_source(plan_file)).plan


def test_a_cache_that_does_not_match_the_lines_falls_back_to_a_whole_parse(
    plan_file: Path,
) -> None:
    from hplan.store import cache

    loaded = parse_plan(read_source(plan_file))
    assert loaded.regions is not None
    wrong = [(s + 3, e + 3) for s, e in loaded.regions]
    cache.store_plan(plan_file.read_bytes(), loaded.plan, wrong)
    set_status(plan_file, "5", Status.DONE, DAY)
    assert plan_file.read_text(encoding="utf-8") == with_block_5("    status_date: 2025-05-26\n")


@pytest.mark.parametrize("lines", ["its own lines", "the whole file"])
def test_an_edit_that_would_change_more_than_asked_is_refused(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, lines: str
) -> None:
    """The save reads the new text back and compares it with the intended plan: an edit that
    strays writes nothing. Made on the activity's own lines (from the cache's regions), a
    stray edit can only change that activity (here its deadline); made on the whole file, it
    moves another activity's deadline."""
    import hplan.store.document as document
    from hplan.errors import WriteRefused
    from hplan.store.edits import Edit
    from hplan.store.source import Source

    before = plan_file.read_bytes()
    edits = document.record_edits
    if lines == "the whole file":
        monkeypatch.setattr(document.PlanDocument, "_parse_region", lambda self, index: None)

    def straying(source: Source, *args: object) -> list[Edit]:
        old, new = ("Juni", "Juli") if lines == "the whole file" else ("25", "30")  # 25 maj
        stray = source.text.index(f"deadline: {old}") + len("deadline: ")
        return [*edits(source, *args), Edit(stray, stray + len(old), new)]  # type: ignore[arg-type]

    monkeypatch.setattr(document, "record_edits", straying)
    with pytest.raises(WriteRefused, match="could not make this change safely"):
        set_status(plan_file, "5", Status.DONE, DAY)
    assert plan_file.read_bytes() == before
