"""What is wrong with a plan's text before or while YAML reads it, in words a person can act
on: characters a plan never holds, tabs, lone CRs; a syntax error with its line, and the line
where an unclosed quote opened; the language a broken file states."""

from __future__ import annotations

import re

import yaml

from hplan.errors import Message, Problem
from hplan.plan.rules import CONTROL

UNKNOWN_VERSION = Message("a %YAML version hplan does not read; remove the %YAML line")

_LANGUAGE = re.compile(r"""^language:[ \t]*(["']?)(sv|en)\1[ \t]*(?:#.*)?$""", re.MULTILINE)


def stated_language(text: str) -> str | None:
    """The language a plan's text states at the top level (`language: sv`), read as text:
    for the words of an error in a file YAML cannot parse."""
    found = _LANGUAGE.search(text)
    return found[2] if found else None


_RAW = re.compile(
    CONTROL.pattern.replace("\\x0b-\\x1f", "\\x0b\\x0c\\x0e-\\x1f") + "|\r(?!\n)|\ufeff"
)


_LONE_CR = Message("the lines end in CR alone (old Mac style); save the file with LF or CRLF")

_TABS = re.compile(r"^[^#'\"\n]*?:(\t)|(\t+)\r?$", re.MULTILINE)


def raw_text_problems(text: str, limit: int = 20) -> list[Problem]:
    """What no plan may hold, each at its own line and column: control characters (which the
    two YAML parsers report differently, or not at all); tabs where libyaml accepts them and
    PyYAML's own parser does not (after `key:`, at a line's end), so that both give one
    verdict; and line ends of a lone CR, which an edit could not keep."""

    def at(index: int, message: Message) -> Problem:
        line = text.count("\n", 0, index) + 1
        return Problem(line, index - (text.rfind("\n", 0, index) + 1) + 1, message)

    problems = []
    for found in _RAW.finditer(text):
        if found[0] == "\r":
            problems.append(at(found.start(), _LONE_CR))
            continue
        if found[0] == "\ufeff":
            message = Message(
                "a byte-order mark (U+FEFF) inside the file (a second one?); remove it"
            )
            problems.append(at(found.start(), message))
            continue
        message = Message(
            "the control character U+{code:04X} is not allowed in a plan; remove it (Word's "
            "line break U+000B: use a space or a new line)",
            code=ord(found[0]),
        )
        problems.append(at(found.start(), message))
    for found in _TABS.finditer(text):
        if found[1]:
            problems.append(at(found.start(1), Message("a tab after ':'; write a space instead")))
        else:
            problems.append(at(found.start(2), Message("a tab at the end of the line; remove it")))
    lone_cr = [p for p in problems if p.message is _LONE_CR]
    problems = [p for p in problems if p not in lone_cr[1:]]  # once is enough for that
    return sorted(problems)[:limit]


def syntax_problem(error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if "incompatible YAML document" in str(error.problem):
        return Problem(1, 1, UNKNOWN_VERSION)
    what = " ".join(str(p) for p in (error.context, error.problem) if p)
    lines = text.splitlines()
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    tabbed = "\t" in bad_line[: len(bad_line) - len(bad_line.lstrip())]
    hint: Message | str = Message("; indent with spaces, not tabs") if tabbed else ""
    opened = _unclosed_quote(lines[: line - 1])
    if not hint and opened is not None:
        hint = Message(
            "; the quote opened on line {line} is not closed on that line; close it there",
            line=opened,
        )
    return Problem(line, column, Message("YAML syntax error: {what}{hint}", what=what, hint=hint))


_QUOTED_VALUE = re.compile(r"""^[ \t]*(?:-[ \t]+)?(?:[^\s#'"-][^#]*?:[ \t]+)?(["'])(.*)$""")


def _unclosed_quote(lines: list[str]) -> int | None:
    """The first line (1-based) whose value opens a quote that the line does not close: where
    an unclosed quote is, when the parser only gives up lines later."""
    for number, line in enumerate(lines, start=1):
        found = _QUOTED_VALUE.match(line)
        if found is None:
            continue
        quote, rest = found[1], found[2]
        closing = r'(?<!\\)(?:\\\\)*"' if quote == '"' else r"'(?!')"
        if re.search(closing, rest.replace("''", "") if quote == "'" else rest) is None:
            return number
    return None
