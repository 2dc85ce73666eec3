"""Plan text in Markdown is text: no heading, list, rule or bare link from it, and no
invisible character in a name (issue 17, items 14 and 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hplan.render import markdown_text

from ..conftest import Run


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("# Rubrik", "\\# Rubrik"),
        ("1. lista", "1\\. lista"),
        ("---", "\\---"),
        ("- punkt", "\\- punkt"),
        ("> citat", "&gt; citat"),
        ("Se https://halsingland.se/x|y nu", "Se `https://halsingland.se/x\\|y` nu"),
        ("www.halsingland.se", "`www.halsingland.se`"),
    ],
)
def test_plan_text_makes_no_markdown_structure(text: str, shown: str) -> None:
    assert markdown_text(text) == shown


def test_a_goal_text_stays_a_paragraph_in_the_report(run: Run, plan_file: Path) -> None:
    text = plan_file.read_text(encoding="utf-8")
    goal = "      Fokus för målet om effektiv samverkan"
    plan_file.write_text(text.replace(goal, "      '# Fokus' https://example.org", 1))
    report = run("report", "--as-of", "2025-07-01").stdout
    assert "\n# Fokus" not in report and "`https://example.org`" in report


@pytest.mark.parametrize("invisible", ["\u202e", "\u200b", "\u2066", "\ufeff", "\u200f"])
def test_an_invisible_character_in_a_name_is_refused_where_it_is(
    run: Run, plan_file: Path, invisible: str
) -> None:
    text = plan_file.read_text(encoding="utf-8")
    escaped = f"\\u{ord(invisible):04x}"
    plan_file.write_text(
        text.replace("  - name: Linda Beigler", f'  - name: "Linda{escaped}Beigler"', 1)
    )
    result = run("validate")
    assert result.code == 3
    assert f"U+{ord(invisible):04X}" in result.stderr and f"{plan_file}:" in result.stderr
    assert invisible not in result.stderr
