"""A YAML syntax error said as a person needs it (issue 18): in the language the broken file
states, whatever the locale, and an unclosed quote named where it opened, not only where the
parser gave up lines later."""

from __future__ import annotations

from pathlib import Path

import pytest

from hplan.store.syntax import _unclosed_quote, stated_language

from ..conftest import Run


def unclosed(plan_file: Path) -> int:
    text = plan_file.read_text(encoding="utf-8")
    opened = "title: Planera och genomföra Hälsingegårdarnas dag"
    plan_file.write_text(text.replace(opened, opened.replace(": ", ': "'), 1), encoding="utf-8")
    return text[: text.index(opened)].count("\n") + 1


def test_an_unclosed_quote_is_named_where_it_opened_in_the_plans_language(
    run: Run, plan_file: Path, swedish: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # the locale says English; the plan says sv
    line = unclosed(plan_file)
    result = run("validate")
    assert result.code == 3
    assert "YAML-syntaxfel" in result.stderr and "1 fel; rätta det" in result.stderr
    assert f"citattecknet som öppnas på rad {line} stängs inte på den raden" in result.stderr


def test_the_quote_hint_in_english(run: Run, plan_file: Path) -> None:
    line = unclosed(plan_file)
    result = run("validate")
    assert f"the quote opened on line {line} is not closed on that line" in result.stderr


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (['title: "Plan 2025"', "  - id: 5", '    title: "Planera och'], 3),
        (["title: 'it''s fine'", "note: 'and ''this'' too'"], None),
        (['  - "escaped \\" quote', "x: 1"], 1),
        (['  - "two \\\\" closed'], None),
        (["text: no quotes here, it's plain"], None),
    ],
)
def test_which_line_leaves_a_quote_open(lines: list[str], expected: int | None) -> None:
    assert _unclosed_quote(lines) == expected


def test_the_stated_language_is_read_as_text() -> None:
    assert stated_language("title: x\nlanguage: sv\nyear: [") == "sv"
    assert stated_language("title: x\n  language: sv\n") is None  # not at the top level
    assert stated_language('language: "en"  # English\n') == "en"


BROKEN = {
    "title: [ej stängd\n": "'['",
    'title: "ej stängd\n': "citattecken",
    "title: x\ngoals:\n  - id: 1\n - id: 2\n": "indragen",
    "title: a: b\n": "': '",
    "title: @x\n": "citattecken",
    "goals:\n  - id: 1\n  x: 2\n": "'- '",
    'title: "\\q"\n': "omvänt snedstreck",
    "title: {a: 1\n": "'{'",
}
"""Broken plans, and a word of what hplan says of each (aliases, anchors and tags hplan's
own reader refuses in its words before the parser would)."""


@pytest.mark.parametrize("text", BROKEN)
def test_a_syntax_error_is_said_in_the_plans_words_not_the_parsers(
    run: Run, plan_file: Path, swedish: None, text: str
) -> None:
    """Issue 33: PyYAML's and libyaml's English ("while parsing a flow node did not find
    expected node content") inside a Swedish error."""
    from ..cli.test_one_language import CATALOG_ENGLISH, english_in

    plan_file.write_text("language: sv\n" + text, encoding="utf-8")
    result = run("validate")
    assert result.code == 3
    said = result.stderr.split("YAML-syntaxfel: ", 1)[1].split("\n")[0]
    assert BROKEN[text] in said, said
    assert english_in(said, CATALOG_ENGLISH) == [] and "while " not in said
    assert "kan inte läsas här" not in said  # each has words of its own, not the fallback
