"""The small things of issue 17: each says what it means."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from hplan.errors import HplanError, PlanInvalid
from hplan.plan.model import Note
from hplan.store import cache
from hplan.store.lock import lock_timeout
from hplan.store.reading import read_plan

from ..conftest import Run


@pytest.mark.parametrize("text", ["\u0665", "5_0", "1e3", " ", "-1"])
def test_a_lock_timeout_is_written_in_digits(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setenv("HPLAN_LOCK_TIMEOUT", text)
    with pytest.raises(HplanError, match="is not a number of seconds"):
        lock_timeout()


@pytest.mark.parametrize(("value", "used"), [("0", True), ("false", True), ("1", False)])
def test_hplan_no_cache_means_what_it_says(
    run: Run, monkeypatch: pytest.MonkeyPatch, value: str, used: bool
) -> None:
    monkeypatch.setenv("HPLAN_NO_CACHE", value)
    assert run("overdue", "--as-of", "2025-07-01").code == 0
    assert bool(list(cache.cache_folder().glob("*.plan"))) is used


def test_a_utf32_file_is_called_utf32(tmp_path: Path) -> None:
    path = tmp_path / "plan2025.yaml"
    path.write_bytes("title: x\n".encode("utf-32"))
    with pytest.raises(PlanInvalid, match="UTF-32"):
        read_plan(path)


@pytest.mark.parametrize("escaped", ["\\ufdd0", "\\ufeff"])
def test_escaped_noncharacters_are_refused(run: Run, plan_file: Path, escaped: str) -> None:
    text = plan_file.read_text(encoding="utf-8")
    title = "title: Planera och genomföra Hälsingegårdarnas dag"
    plan_file.write_text(text.replace(title, f'title: "Planera{escaped}dag"'))
    result = run("validate")
    assert result.code == 3 and "U+" in result.stderr


def test_a_calendar_sequence_is_never_negative(run: Run, plan_file: Path) -> None:
    from hplan.render.ics import to_ics

    plan = read_plan(plan_file)
    first = plan.activities[4]
    first.notes = [Note(date=date(1999, 5, 1), text="Tidigt")]
    text = to_ics(plan, [], date(2025, 7, 1), "sv", False)
    assert b"SEQUENCE:-" not in text
    from hplan.queries.filters import as_of

    rows = [as_of(first, date(2025, 7, 1))]
    assert b"SEQUENCE:0" in to_ics(plan, rows, date(2025, 7, 1), "sv", False)


@pytest.mark.parametrize("argv", [["calendar"], ["rollover", "2026"]])
def test_a_title_with_a_line_break_is_no_crash(run: Run, plan_file: Path, argv: list[str]) -> None:
    text = plan_file.read_text(encoding="utf-8")
    title = "title: Planera och genomföra Hälsingegårdarnas dag"
    plan_file.write_text(text.replace(title, 'title: "Planera\\nHälsingegårdarnas dag"'))
    result = run(*argv, "--as-of", "2025-07-01")
    assert result.code == 0, result.stderr


def test_a_lock_timeout_in_digits_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HPLAN_LOCK_TIMEOUT", "2.5")
    assert lock_timeout() == 2.5


def test_an_anchor_is_refused_where_it_is(run: Run, plan_file: Path) -> None:
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(
        text.replace("organisation: Hälsingerådet", "organisation: &o Hälsingerådet")
    )
    result = run("validate")
    assert result.code == 3 and f"{plan_file}:16:15: anchors (&o) are not allowed" in result.stderr


@pytest.mark.usefixtures("yaml_parser")
def test_an_unknown_yaml_version_is_one_verdict(run: Run, plan_file: Path) -> None:
    plan_file.write_text("%YAML 1.3\n---\n" + plan_file.read_text(encoding="utf-8"))
    result = run("validate")
    assert result.code == 3
    assert f"{plan_file}:1:1: a %YAML version hplan does not read" in result.stderr


def test_two_organisations_plans_of_one_title_have_their_own_event_uids(plan_file: Path) -> None:
    from hplan.render.ics import event_uid

    plan = read_plan(plan_file)
    activity = next(a for a in plan.activities if a.id == "7")
    ours = event_uid(plan, activity)
    assert ours == "halsingeradets-handlingsplan-2025-activity-7@hplan"  # as it always was
    same_title = {"title": "Handlingsplan 2025"}
    theirs = event_uid(replace(plan, **same_title, organisation="Region Gävleborg"), activity)
    mine = event_uid(replace(plan, **same_title, organisation="Hälsingerådet"), activity)
    assert theirs != mine
    assert theirs == "region-gavleborg-handlingsplan-2025-activity-7@hplan"


@pytest.mark.parametrize("typed", ["r.md/", "folder"])
def test_an_export_to_a_folder_is_refused_as_typed(run: Run, plan_file: Path, typed: str) -> None:
    (plan_file.parent / "folder").mkdir()
    result = run("report", "-o", f"{plan_file.parent}/{typed}")  # as typed: Path drops a "/"
    assert result.code == 2 and "names a folder" in result.stderr
    assert sorted(p.name for p in plan_file.parent.iterdir()) == ["folder", "plan2025.yaml"]
