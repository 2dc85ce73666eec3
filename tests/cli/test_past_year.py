"""When the day is past the plan's year, list, overdue, status and note say so once; a write
at a terminal asks first."""

from __future__ import annotations

from pathlib import Path

import pytest

from hplan.plan.clock import today

from ..conftest import Run

WARNING = "The plan is for"


def plan_of_year(plan_file: Path, year: int) -> Path:
    text = plan_file.read_text(encoding="utf-8").replace("year: 2025", f"year: {year}", 1)
    plan_file.write_text(text, encoding="utf-8")
    return plan_file


def this_year() -> int:
    return today(None).year  # the one clock hplan reads; both sides of each test read it


@pytest.mark.parametrize(
    "argv", [["list"], ["overdue"], ["status", "7", "done"], ["note", "7", "x"]]
)
def test_a_plan_of_a_past_year_is_said_once(run: Run, plan_file: Path, argv: list[str]) -> None:
    plan = plan_of_year(plan_file, this_year() - 1)
    result = run(*argv, plan=plan)
    assert result.code in (0, 1), result
    assert result.stderr.count(WARNING) == 1
    assert f"hplan rollover {this_year()}" in result.stderr


@pytest.mark.parametrize("argv", [["list"], ["overdue"], ["status", "7", "done"]])
def test_no_word_of_it_for_this_year_s_plan_or_a_day_given(
    run: Run, plan_file: Path, argv: list[str]
) -> None:
    plan = plan_of_year(plan_file, this_year())
    assert WARNING not in run(*argv, plan=plan).stderr
    past = plan_of_year(plan_file, this_year() - 1)
    given = f"{this_year() - 1}-07-01"
    assert WARNING not in run(*argv, "--as-of", given, plan=past).stderr


def test_a_write_at_a_terminal_asks_and_writes_nothing_on_no(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    import hplan.cli.output
    from hplan.cli import app

    plan = plan_of_year(plan_file, this_year() - 1)
    before = plan.read_bytes()
    monkeypatch.setattr(hplan.cli.output, "can_ask", lambda: True)
    result = CliRunner().invoke(app, ["status", "7", "done", "--plan", str(plan)], input="n\n")
    assert result.exit_code == 1
    assert "all the same?" in result.stderr
    assert plan.read_bytes() == before
    result = CliRunner().invoke(app, ["status", "7", "done", "--plan", str(plan)], input="y\n")
    assert result.exit_code == 0, result.stderr
    assert plan.read_bytes() != before


def test_the_words_are_swedish_in_a_swedish_plan(run: Run, plan_file: Path) -> None:
    plan = plan_of_year(plan_file, this_year() - 1)
    result = run("list", plan=plan, env={"HPLAN_LANG": "sv"})
    assert f"Planen gäller {this_year() - 1}; idag är" in result.stderr


def test_a_swedish_question_takes_a_swedish_answer(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 33: `[j/N]` in a Swedish plan; `j`, `ja`, `nej` read as the words they are (and
    `y`, `n` too); a word it cannot read is said in Swedish and the question asked again."""
    from typer.testing import CliRunner

    import hplan.cli.output
    from hplan.cli import app

    monkeypatch.delenv("HPLAN_LANG", raising=False)
    plan = plan_of_year(plan_file, this_year() - 1)
    monkeypatch.setattr(hplan.cli.output, "can_ask", lambda: True)
    before = plan.read_bytes()
    refused = CliRunner().invoke(app, ["status", "7", "done", "--plan", str(plan)],
                                 input="kanske\nnej\n")  # fmt: skip
    assert f"Skriva i planen för {this_year() - 1} ändå? [j/N]: " in refused.stderr
    assert "svara j eller n" in refused.stderr and "invalid input" not in refused.stderr
    assert refused.exit_code == 1 and plan.read_bytes() == before
    written = CliRunner().invoke(app, ["status", "7", "done", "--plan", str(plan)], input="j\n")
    assert written.exit_code == 0, written.stderr
    assert "status: done" in plan.read_text(encoding="utf-8")
