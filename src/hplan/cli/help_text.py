"""`--help` in the plan's language (issue 18): each command's text, its options' and arguments'
texts, and Click's own headings, through the same catalogs as every other word for people.

The help texts are written in English where they are defined (docstrings, `help=`); the
catalogs hold them as written (tests/catalogs.py collects them from every command). Only a
help page pays for this: nothing is translated when a command runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from hplan.errors import HplanError, Message

CLICK_WORDS = {
    "Usage:": Message("Usage:"),
    "Options:": Message("Options:"),
    "Commands:": Message("Commands:"),
    "Arguments:": Message("Arguments:"),
    "Show this message and exit.": Message("Show this message and exit."),
    "[default: ": Message("[default: "),
    "[required]": Message("[required]"),
    "env var: ": Message("env var: "),
    "; default: ": Message("; default: "),
    "; required": Message("; required"),
}
"""Click's words on a help page, and the Message each is said as."""

METAVARS = {
    "[OPTIONS]": Message("[OPTIONS]"),
    "COMMAND [ARGS]...": Message("COMMAND [ARGS]..."),
    "ACTION": Message("ACTION"),
    "ADDRESS": Message("ADDRESS"),
    "ASSESSMENT": Message("ASSESSMENT"),
    "DATE": Message("DATE"),
    "DAYS": Message("DAYS"),
    "DIR": Message("DIR"),
    "DOCUMENT": Message("DOCUMENT"),
    "FILE": Message("FILE"),
    "FOLDER": Message("FOLDER"),
    "GOAL": Message("GOAL"),
    "HOST": Message("HOST"),
    "NAME": Message("NAME"),
    "PATH": Message("PATH"),
    "PLAN": Message("PLAN"),
    "PLATFORM": Message("PLATFORM"),
    "REV|DATE": Message("REV|DATE"),
    "ROUND": Message("ROUND"),
    "SECONDS": Message("SECONDS"),
    "SOURCE": Message("SOURCE"),
    "SPEC": Message("SPEC"),
    "TEXT": Message("TEXT"),
    "TITLE": Message("TITLE"),
    "USER": Message("USER"),
    "VERSION": Message("VERSION"),
    "YEAR": Message("YEAR"),
}
"""The placeholders a usage line and the options' column show (`--plan PATH`), each said in
the help page's language; ID, N, PORT, STATUS and URL read the same in both."""
RANGE = re.compile(r"\b(?:(-?\d+)<=x<=(-?\d+)|x>=(-?\d+))(?=[];\s]|$)")
"""Click's note of a number's range: 1<=x<=65535, x>=1 (alone in brackets, or after the
default)."""


def help_language(ctx: Any) -> str:
    """The language of a help page: --lang or HPLAN_LANG, else the plan's (also a broken
    plan's, as it states it), else the locale's."""
    from hplan.api import Session

    root = ctx.find_root()
    session = root.obj if isinstance(root.obj, Session) else None
    if session is None:
        given = root.params.get("lang") if root.params else None
        session = Session(root.params.get("plan"), language=given)
    try:
        return session.language
    except HplanError as error:  # no plan, or one that does not read: as its errors are said
        return session.error_language(error)


@contextmanager
def translated(command: Any, language: str) -> Iterator[None]:
    """The command's help texts and placeholders in `language` while its help page is
    written; an argument's row without Typer's type (`TITLE`, not `TITLE <str>`)."""
    from hplan.render.i18n import gettext_for

    _ = gettext_for(language)
    saved = [(command, "help", command.help), (command, "epilog", command.epilog)]
    saved += [(p, "help", getattr(p, "help", None)) for p in command.params]
    saved += [(p, "metavar", p.metavar) for p in command.params]
    usage = [
        (command, n, getattr(command, n, None)) for n in ("options_metavar", "subcommand_metavar")
    ]
    saved += [(owner, name, text) for owner, name, text in usage if text]
    untyped = [p for p in command.params if p.param_type_name == "argument"]
    try:
        for owner, name, text in saved:
            if not text:
                continue
            if name == "epilog":  # the command's own, then the global options'
                setattr(owner, name, "\n\n".join(_(part) for part in text.split("\n\n")))
            elif name == "help":
                setattr(owner, name, _(text))
            else:
                setattr(owner, name, placeholder(text, language))
        for argument in untyped:
            argument.display_type_rich = _no_type  # an instance's own, over Typer's method
        for param in command.params:
            param.get_help_record = _in_words(param.get_help_record, language)
        yield
    finally:
        for owner, name, text in saved:
            setattr(owner, name, text)
        for argument in untyped:
            vars(argument).pop("display_type_rich", None)
        for param in command.params:
            vars(param).pop("get_help_record", None)


def _in_words(record: Any, language: str) -> Any:
    """A param's help row with Click's notes in `language` before the row is wrapped (a
    wrapped "[env" / "var:" can no longer be found)."""

    def said(ctx: Any) -> Any:
        row = record(ctx)
        if row is None:
            return None
        return row[0], click_words([row[1]], language)[0]

    return said


def _no_type(*args: Any, **kwargs: Any) -> None:
    return None


def placeholder(word: str, language: str) -> str:
    """A placeholder (`PATH`, `[OPTIONS]`, `ID...`) in `language`."""
    if language == "en":
        return word
    from hplan.render.i18n import say

    if word in METAVARS:
        return say(METAVARS[word], language)
    bare = word.removesuffix("...")
    found = METAVARS.get(bare)
    return say(found, language) + word[len(bare) :] if found else word


def in_language(text: str, language: str) -> str:
    """One help text in `language`."""
    if language == "en":
        return text
    from hplan.render.i18n import gettext_for

    return str(gettext_for(language)(text))


def click_words(lines: list[str], language: str) -> list[str]:
    """A written help page with Click's headings in `language`."""
    if language == "en":
        return [_ranges(line, language) for line in lines]
    from hplan.render.i18n import say

    words = {english: say(message, language) for english, message in CLICK_WORDS.items()}
    return [_ranges(_swap(line, words), language) for line in lines]


def _ranges(line: str, language: str) -> str:
    """Click's range notes in words: 1<=x<=65535 is 1–65535, x>=1 is "at least 1"."""
    from hplan.render.i18n import say

    def said(found: re.Match[str]) -> str:
        if found[3] is not None:
            return say(Message("at least {low}", low=int(found[3])), language)
        return f"{found[1]}–{found[2]}"

    return RANGE.sub(said, line)


def _swap(line: str, words: dict[str, str]) -> str:
    for english, said in words.items():
        if english in line:
            line = line.replace(english, said)
    return line
