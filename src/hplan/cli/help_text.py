"""`--help` in the plan's language (issue 18): each command's text, its options' and arguments'
texts, and Click's own headings, through the same catalogs as every other word for people.

The help texts are written in English where they are defined (docstrings, `help=`); the
catalogs hold them as written (tests/catalogs.py collects them from every command). Only a
help page pays for this: nothing is translated when a command runs.
"""

from __future__ import annotations

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
}
"""Click's words on a help page, and the Message each is said as."""


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
    """The command's help texts in `language` while its help page is written."""
    if language == "en":
        yield
        return
    from hplan.render.i18n import gettext_for

    _ = gettext_for(language)
    saved = [(command, "help", command.help), (command, "epilog", command.epilog)]
    saved += [(p, "help", getattr(p, "help", None)) for p in command.params]
    try:
        for owner, name, text in saved:
            if text and name == "epilog":  # the command's own, then the global options'
                setattr(owner, name, "\n\n".join(_(part) for part in text.split("\n\n")))
            elif text:
                setattr(owner, name, _(text))
        yield
    finally:
        for owner, name, text in saved:
            setattr(owner, name, text)


def in_language(text: str, language: str) -> str:
    """One help text in `language`."""
    if language == "en":
        return text
    from hplan.render.i18n import gettext_for

    return str(gettext_for(language)(text))


def click_words(lines: list[str], language: str) -> list[str]:
    """A written help page with Click's headings in `language`."""
    if language == "en":
        return lines
    from hplan.render.i18n import say

    words = {english: say(message, language) for english, message in CLICK_WORDS.items()}
    return [_swap(line, words) for line in lines]


def _swap(line: str, words: dict[str, str]) -> str:
    for english, said in words.items():
        if english in line:
            line = line.replace(english, said)
    return line
