"""Property tests: mutated plans never crash hplan; status writes change only what they must."""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from hplan.cli import app
from hplan.errors import HplanError
from hplan.plan.statuses import Status
from hplan.store.reading import parse_plan, read_plan
from hplan.store.source import read_source

from ..conftest import REAL_PLAN, set_status

ORIGINAL = REAL_PLAN.read_text(encoding="utf-8")
LINES = ORIGINAL.splitlines(keepends=True)

mutation = st.one_of(
    st.tuples(st.just("delete-line"), st.integers(0, len(LINES) - 1)),
    st.tuples(st.just("duplicate-line"), st.integers(0, len(LINES) - 1)),
    st.tuples(st.just("swap-lines"), st.integers(0, len(LINES) - 2)),
    st.tuples(st.just("change-char"), st.integers(0, len(ORIGINAL) - 1), st.characters()),
    st.tuples(
        st.just("insert-text"),
        st.integers(0, len(ORIGINAL) - 1),
        st.sampled_from(
            [
                ":",
                "-",
                " ",
                "\t",
                "[",
                "{",
                '"',
                "'",
                "&a",
                "*a",
                "!!",
                "#",
                "\n",
                "\n  - ",
                "---\n",
                "<<<<<<< HEAD\n",
                "\x00",
                "ä",
                "\ufeff",
            ]
        ),
    ),
    st.tuples(st.just("delete-chars"), st.integers(0, len(ORIGINAL) - 1), st.integers(1, 40)),
    st.tuples(st.just("truncate"), st.integers(0, len(ORIGINAL) - 1)),
)


def mutate(text: str, operations: list[tuple[object, ...]]) -> str:
    for op in operations:
        kind, where = str(op[0]), int(op[1])  # type: ignore[call-overload]
        lines = text.splitlines(keepends=True)
        if kind == "delete-line" and where < len(lines):
            del lines[where]
            text = "".join(lines)
        elif kind == "duplicate-line" and where < len(lines):
            lines.insert(where, lines[where])
            text = "".join(lines)
        elif kind == "swap-lines" and where + 1 < len(lines):
            lines[where], lines[where + 1] = lines[where + 1], lines[where]
            text = "".join(lines)
        elif kind == "change-char" and where < len(text):
            text = text[:where] + str(op[2]) + text[where + 1 :]
        elif kind == "insert-text":
            text = text[:where] + str(op[2]) + text[where:]
        elif kind == "delete-chars":
            text = text[:where] + text[where + int(op[2]) :]  # type: ignore[call-overload]
        elif kind == "truncate":
            text = text[:where]
    return text


COMMANDS = [
    ["validate"],
    ["list"],
    ["overdue", "--by", "owner"],
    ["goals"],
    ["owners"],
    ["show", "5"],
    ["status", "5", "done", "--note", "klar"],
]


@given(st.lists(mutation, min_size=1, max_size=3), st.sampled_from(COMMANDS))
def test_mutated_plans_give_success_or_a_message_never_a_crash(
    tmp_path_factory: object, operations: list[tuple[object, ...]], command: list[str]
) -> None:
    folder = Path(tmp_path_factory.mktemp("mutated"))  # type: ignore[attr-defined]
    plan = folder / "plan2025.yaml"
    plan.write_bytes(mutate(ORIGINAL, operations).encode("utf-8", "surrogatepass"))
    before = plan.read_bytes()
    result = CliRunner().invoke(
        app,
        [*command, "--plan", str(plan), "--as-of", "2025-07-01"]
        if command[0] != "validate"
        else [*command, str(plan)],
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    # 0, or an error's code: 1, an invalid plan 3, a missing activity 4, a refused write 7.
    assert result.exit_code in (0, 1, 3, 4, 7), (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    if result.exit_code != 0:
        assert result.stderr.startswith((str(plan), "hplan: ")), result.stderr
    if command[0] == "status" and result.exit_code != 0:
        assert plan.read_bytes() == before
    if command[0] == "status" and result.exit_code == 0:
        assert read_plan(plan).activity("5").status is Status.DONE  # type: ignore[union-attr]
    assert [p.name for p in folder.iterdir()] == ["plan2025.yaml"]


STATUS_SPELLINGS = {"plain": "{s}", "single": "'{s}'", "double": '"{s}"'}


@st.composite
def plans(draw: st.DrawFn) -> tuple[str, bool, bool, bool]:
    """A valid plan in varied clothes: quoting, comments, flow lists, CRLF, BOM, NFD."""
    count = draw(st.integers(1, 6))
    lines = [
        "# Planen",
        "title: Testplan för Hälsingland",
        "organisation: Hälsingerådet",
        "year: 2025",
        "goals:",
        "  - id: 4.2",
        "    title: Hållbar tillväxt",
        "  - id: 4.2.1",
        "    title: Varumärket",
        "owners:",
        "  - name: Linda Beigler",
        "  - name: Åsa Öberg",
        "activities:",
    ]
    for n in range(1, count + 1):
        status = draw(st.sampled_from([s.value for s in Status] + ["pågår", "klar"]))
        spelled = STATUS_SPELLINGS[draw(st.sampled_from(sorted(STATUS_SPELLINGS)))]
        comment = draw(st.sampled_from(["", "  # följs upp", " #x"]))
        lines.append(f"  - id: {n}")
        lines.append(f"    title: Aktivitet {n} i Söderhamn")
        if draw(st.booleans()):
            lines.append("    goals: [4.2.1, 4.2]")
        else:
            lines += ["    goals:", "      - 4.2.1"]
        lines += ["    owners:", "      - Åsa Öberg" if n % 2 else "      - Linda Beigler"]
        lines.append("    deadline: " + draw(st.sampled_from(["Löpande", "25 maj", "Juni"])))
        lines.append("    status: " + spelled.format(s=status) + comment)
        status_date = draw(st.sampled_from(["none", "day", "empty", "commented"]))
        if status_date == "day":
            lines.append("    status_date: 2025-01-0" + str(draw(st.integers(1, 9))))
        elif status_date == "empty":
            lines.append("    status_date:")
        elif status_date == "commented":
            lines.append("    status_date:   # sätts av hplan")
        if draw(st.booleans()):
            lines += ["    notes:", "      - date: 2025-02-01", "        text: Första noten"]
        if draw(st.booleans()):
            lines.append("")
    text = "\n".join(lines) + "\n"
    crlf, bom, nfd = draw(st.booleans()), draw(st.booleans()), draw(st.booleans())
    return text, crlf, bom, nfd


CHANGED = re.compile(r"^\s*(status|status_date|notes):|^\s*- date: |^\s*text: ")


@given(
    plans(),
    st.integers(1, 6),
    st.sampled_from(list(Status)),
    st.one_of(st.none(), st.text(min_size=1, max_size=30).filter(str.strip)),
    st.booleans(),
)
def test_a_status_write_changes_only_the_status_and_its_lines(
    tmp_path_factory: object,
    generated: tuple[str, bool, bool, bool],
    which: int,
    status: Status,
    note: str | None,
    cached: bool,
) -> None:
    """`cached`: the plan was read before, so the write re-parses only the activity's lines."""
    text, crlf, bom, nfd = generated
    if nfd:
        text = unicodedata.normalize("NFD", text)
    if crlf:
        text = text.replace("\n", "\r\n")
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    plan = Path(tmp_path_factory.mktemp("generated")) / "plan2025.yaml"  # type: ignore[attr-defined]
    plan.write_bytes(raw)
    before = read_plan(plan) if cached else parse_plan(read_source(plan)).plan
    activity_id = str(min(which, len(before.activities)))
    try:
        set_status(plan, activity_id, status, date(2025, 6, 1), note)
    except HplanError as error:  # a note hplan cannot keep is refused, the file untouched
        assert plan.read_bytes() == raw, error
        assert "control character" in str(error), error
        return
    after_raw = plan.read_bytes()
    assert after_raw.startswith(b"\xef\xbb\xbf") == bom
    after = after_raw.decode("utf-8").removeprefix("\ufeff")
    if crlf:
        assert after.count("\n") == after.count("\r\n")
    if nfd:
        assert unicodedata.is_normalized("NFD", after)
    removed, added = [], []
    for line in difflib.ndiff(text.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    assert len(removed) <= 2, removed
    assert all(CHANGED.search(line) or "{date:" in line for line in removed + added), (
        removed,
        added,
    )
    loaded = read_plan(plan)
    changed = loaded.activity(activity_id)
    assert changed is not None and changed.status is status
    others = [a for a in loaded.activities if a.id != activity_id]
    assert others == [a for a in before.activities if a.id != activity_id]


@given(
    plans(),
    st.text(min_size=1, max_size=40),
    st.sampled_from(["Löpande", "25 maj", "Första halvåret 2025", "jul", "32 maj", "Senast jul"]),
)
def test_add_appends_only_its_own_lines_or_writes_nothing(
    tmp_path_factory: object,
    generated: tuple[str, bool, bool, bool],
    title: str,
    deadline: str,
) -> None:
    """For any plan that validates and any `add`: the old text stays, the new activity's
    lines follow it and read back as typed; or nothing is written and a message says why."""
    text, crlf, bom, _nfd = generated
    if crlf:
        text = text.replace("\n", "\r\n")
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    plan = Path(tmp_path_factory.mktemp("generated")) / "plan2025.yaml"  # type: ignore[attr-defined]
    plan.write_bytes(raw)
    before = read_plan(plan)
    argv = ["add", "--goal", "4.2.1", "--owner", "Åsa", "--deadline", deadline]
    # `--` before the title: a title such as "-0" is not an option.
    result = CliRunner().invoke(app, [*argv, "--plan", str(plan), "--", title])
    if result.exit_code != 0:
        assert plan.read_bytes() == raw
        assert result.stderr.startswith("hplan: ") and "Traceback" not in result.stderr
        return
    after = plan.read_bytes()
    assert after.startswith(raw)  # every byte there was stays, in place
    added = after[len(raw) :].decode("utf-8")
    assert all(line.startswith("  ") for line in added.splitlines() if line.strip())
    loaded = read_plan(plan)
    assert loaded.activities[:-1] == before.activities
    assert loaded.activities[-1].title == title
