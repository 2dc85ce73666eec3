"""At 80 columns a table keeps what its question needs, the same columns in every group, and
says what it left out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hplan.queries.filters import Filter, GroupBy, group, overdue, select
from hplan.render import Format, views
from hplan.store.reading import read_plan

DAY = date(2025, 7, 1)


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")


def headings(text: str) -> list[str]:
    """Each table's heading line, as the rule under it marks it."""
    lines = text.splitlines()
    return [lines[n - 1].split() for n, line in enumerate(lines) if line.startswith("────")]


def test_a_list_keeps_the_deadline_and_says_what_it_left_out(plan_file: Path) -> None:
    plan = read_plan(plan_file)
    rows = select(plan, Filter(), DAY)
    text = views.activities(rows, None, None, Format.TABLE, "en", "", True, terminal=True)
    assert "Deadline" in headings(text)[0]
    assert all(len(line) <= 80 for line in text.splitlines())
    said = " ".join(text.split())  # the note wraps between words
    assert "not shown at 80 columns; widen the window or use --format json" in said


def test_a_column_that_says_the_same_on_every_row_goes_first_and_the_note_says_it(
    plan_file: Path,
) -> None:
    """Issue 33: at 80 columns `overdue` dropped Ansvarig and kept Status, "not started" on
    every row."""
    plan = read_plan(plan_file)
    rows = overdue(plan, DAY, Filter())
    assert len({r.activity.status for r in rows}) == 1 and len(rows) > 1
    text = views.activities(rows, None, None, Format.TABLE, "en", "", True, True, late=True)
    found = headings(text)[0]
    assert "Status" not in found and all(h in found for h in ("Owners", "Goals", "Deadline"))
    assert "Status (not started on every row) not shown at 80 columns" in " ".join(text.split())


def test_overdue_keeps_whose_it_is_and_every_group_has_the_same_columns(
    plan_file: Path,
) -> None:
    plan = read_plan(plan_file)
    rows = overdue(plan, DAY, Filter())
    text = views.activities(rows, None, None, Format.TABLE, "en", "", True, True, late=True)
    assert "Owners" in headings(text)[0] and "Late" in headings(text)[0]
    groups = group(plan, rows, GroupBy.OWNER)
    text = views.activities(rows, groups, "owner", Format.TABLE, "en", "", True, True, True)
    found = headings(text)
    assert len(found) == len(groups) > 1
    assert all(h == found[0] for h in found)
    assert text.count("not shown at 80 columns") == 1


def test_show_wraps_between_words_under_the_value(plan_file: Path) -> None:
    from hplan.queries.filters import as_of

    plan = read_plan(plan_file)
    row = as_of(next(a for a in plan.activities if a.id == "9"), DAY)
    whole = views.detail(plan, row, Format.TABLE, "en", None)
    text = views.detail(plan, row, Format.TABLE, "en", 60)
    lines = text.splitlines()
    assert all(len(line) < 60 for line in lines)
    indent = len(lines[0]) - len(lines[0].split(":", 1)[1].lstrip())
    continued = [line for line in lines if not line[0].strip()]
    assert continued and all(
        line[:indent].strip() == "" and line[indent] != " " for line in continued
    )
    assert text.split() == whole.split()  # the same words, none cut


def test_errors_wrap_between_words_at_a_terminal(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    import hplan.cli.output
    from hplan.cli import app

    monkeypatch.setenv("COLUMNS", "50")
    argv = ["list", "--owner", "nobody", "--plan", str(plan_file)]
    whole = CliRunner().invoke(app, argv).stderr
    monkeypatch.setattr(hplan.cli.output, "stderr_is_terminal", lambda: True)
    wrapped = CliRunner().invoke(app, argv).stderr
    lines = wrapped.splitlines()
    assert len(lines) > 1 and all(len(line) < 50 for line in lines)
    assert all(line.startswith("  ") for line in lines[1:])
    assert wrapped.split() == whole.split()  # the same words, none cut


def test_goals_counts_read_as_a_small_list_at_80_columns(plan_file: Path) -> None:
    """Issue 18: 'Per status' was wrapped a word a line ('18 ej', 'påbörjade,', '1')."""
    from dataclasses import replace

    from hplan.plan.statuses import Status
    from hplan.queries.filters import goal_summaries

    plan = read_plan(plan_file)
    plan = replace(
        plan,
        activities=[
            replace(a, status=Status.DONE) if a.id in ("5", "13") else a for a in plan.activities
        ],
    )
    text = views.goals(goal_summaries(plan, DAY), Format.TABLE, "sv", terminal=True)
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert headings(text)[0] == ["Mål", "Titel", "Aktiviteter", "Per", "status", "Försenade"]
    row = next(n for n, line in enumerate(lines) if line.startswith("4.2 "))
    assert "17 ej påbörjade" in lines[row] and lines[row + 1].strip() == "2 genomförda"
    assert not any(line.rstrip().endswith((" ej", "påbörjade,")) for line in lines)
