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
    what = said_problem(str(error.context or ""), str(error.problem or ""))
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


INDENT = Message("a line is indented differently from the lines around it")
PARSER_WORDS = [
    ("expected ',' or ']'", Message("a list opened with '[' is not closed with ']'")),
    ("expected ',' or '}'", Message("a mapping opened with '{{' is not closed with '}}'")),
    ("did not find expected key", INDENT),
    ("expected <block end>", INDENT),
    ("expected '-' indicator", Message(
        "a line indented as one of the list's '- ' entries is not one; check its indentation"
    )),
    ("mapping values are not allowed", Message(
        "a second ': ' on the line, or a line indented under a value; put a text that holds "
        "': ' in quotes, or check the indentation"
    )),
    ("cannot start any token", Message(
        "a character that cannot start a value here (a tab, @, ` or %); indent with spaces, "
        "and put such a value in quotes"
    )),
    ("tab character", Message("a tab in the indentation; indent with spaces")),
    ("undefined alias", Message("a value starts with '*' but names nothing; put it in quotes")),
    ("unknown escape character", Message(
        "a backslash in double quotes that starts no escape; write \\\\, or use single quotes"
    )),
    ("constructor for the tag", Message(
        "a '!' tag hplan does not read; remove it, or put the value in quotes"
    )),
    ("second occurrence", Message("a '&' name used twice; put the values in quotes")),
    ("could not find expected ':'", Message("a key without ':' after it")),
    ("node content", Message("a value is missing, or cannot start here")),
]  # fmt: skip
"""PyYAML's and libyaml's words for what they could not parse, and hplan's for each (the
parsers speak English only, and of tokens)."""


def said_problem(context: str, problem: str) -> Message:
    """What a parser could not read, in hplan's words (in the plan's language)."""
    if "end of stream" in problem:
        if "quoted scalar" in context:
            return Message("a quote is not closed")
        return Message("the file ends in the middle of a value")
    for words, message in PARSER_WORDS:
        if words in problem or words in context:
            return message
    return Message(
        "the text cannot be read here; look for a quote or bracket that is not closed, or an "
        "indentation that differs from the lines around it"
    )


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
