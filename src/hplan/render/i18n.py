"""The words hplan says to people, from its gettext catalogs, in Swedish or English.

Every text for people is written in English in the code, marked for extraction (`_()`,
`N_()`, `NP_()` or a `Message`), and translated through the catalogs in src/hplan/locale:
`hplan.po` per language, compiled to `hplan.mo` when hplan is built (setup.py). Where the
compiled file is missing or older than its `.po` (a developer's edit), Babel compiles the
`.po` in memory, so what hplan says never lags its catalog. JSON and CSV keys stay English.
Dates and month names come from Babel's CLDR data, never from hand-written lists.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hplan.errors import HplanError, Message
from hplan.plan.assessments import Assessment
from hplan.plan.model import check_language
from hplan.plan.statuses import Status

if TYPE_CHECKING:
    from gettext import GNUTranslations

LOCALE = Path(__file__).resolve().parent.parent / "locale"
"""The catalogs: LOCALE/<language>/LC_MESSAGES/hplan.po (and .mo once built)."""

DOMAIN = "hplan"


def N_(text: str) -> str:
    """Marks an English text for the catalogs where it is translated later (`_(text)`)."""
    return text


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a singular and plural English text for the catalogs (`ngettext`)."""
    return singular, plural


@cache
def translation(language: str) -> GNUTranslations:
    """The catalog of a language hplan speaks, compiled.

    An installed hplan has only the .mo files. In a checkout, a .po edited after the last
    build is compiled here instead, so that what hplan says never lags its catalog.
    """
    import gettext

    po = LOCALE / check_language(language) / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    try:
        if not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime:
            with mo.open("rb") as compiled:
                return gettext.GNUTranslations(compiled)
    except OSError:
        pass
    return _compiled(po)


def _compiled(po: Path) -> GNUTranslations:
    import gettext
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as text:
        catalog = read_po(text)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def visible(text: str) -> str:
    """Text for a person's screen: a control character (ESC, which starts a terminal escape;
    CR; DEL …) shown as its escape (\\x1b), never sent raw."""
    from hplan.plan.rules import CONTROL

    return CONTROL.sub(lambda found: repr(found[0])[1:-1], text)


def needs_escapes(text: str) -> bool:
    """True when `text` holds a character `visible` would escape."""
    from hplan.plan.rules import CONTROL

    return CONTROL.search(text) is not None


def gettext_for(language: str) -> Callable[[str], str]:
    """`_` for a language: the function that translates one English text."""
    return translation(language).gettext


def say(message: Message | str, language: str) -> str:
    """A message in the language: its text translated, then its values (messages themselves
    translated) put in."""
    if isinstance(message, str):
        return message
    catalog = translation(language)
    if message.plural is None:
        text = catalog.gettext(message.text)
    else:
        text = catalog.ngettext(message.text, message.plural, message.count)
    values = {k: _value(v, language) for k, v in message.values.items()}
    group = DIGIT_GROUPS.get(language)
    return _Grouped(group).format(text, **values) if group else text.format(**values)


DIGIT_GROUPS = {"sv": "\u00a0"}
"""How a language groups a large number's digits where English writes a comma (`{count:,}`):
Swedish with a (no-break) space, 3 283."""


class _Grouped(string.Formatter):
    """str.format, with the digit groups of `{n:,}` in the language's own separator."""

    def __init__(self, group: str) -> None:
        self.group = group

    def format_field(self, value: Any, format_spec: str) -> str:
        text = format(value, format_spec)
        return text.replace(",", self.group) if "," in format_spec else text


def _value(value: Any, language: str) -> Any:
    if isinstance(value, list):
        return "\n".join(say(v, language) for v in value)
    return say(value, language) if isinstance(value, Message) else value


STATUS_NAMES = {
    Status.NOT_STARTED: N_("not started"),
    Status.IN_PROGRESS: N_("in progress"),
    Status.DONE: N_("done"),
    Status.BLOCKED: N_("blocked"),
    Status.CANCELLED: N_("cancelled"),
}
"""Each status as people say it, in English (the catalogs have the other languages)."""

STATUS_COUNTS = {
    Status.NOT_STARTED: NP_("{count} not started", "{count} not started"),
    Status.IN_PROGRESS: NP_("{count} in progress", "{count} in progress"),
    Status.DONE: NP_("{count} done", "{count} done"),
    Status.BLOCKED: NP_("{count} blocked", "{count} blocked"),
    Status.CANCELLED: NP_("{count} cancelled", "{count} cancelled"),
}
"""A count of activities in a status, its words agreeing: `1 genomförd`, `2 genomförda`."""


ASSESSMENT_NAMES = {
    Assessment.ON_TRACK: N_("on track"),
    Assessment.AT_RISK: N_("at risk"),
    Assessment.OFF_TRACK: N_("off track"),
}
"""Each assessment as people say it (the catalogs: enligt plan, risk, avvikelse)."""


def assessment_word(assessment: Assessment, language: str) -> str:
    """An assessment as people of the language say it (JSON and CSV keep the canonical form)."""
    return str(translation(language).gettext(ASSESSMENT_NAMES[assessment]))


def status_word(status: Status, language: str) -> str:
    """A status as people of the language say it (JSON and CSV keep the canonical form)."""
    return str(translation(language).gettext(STATUS_NAMES[status]))


def status_count(count: int, status: Status, language: str) -> str:
    """`1 genomförd`, `2 genomförda`: a count with the status word agreeing with it."""
    singular, plural = STATUS_COUNTS[status]
    return str(translation(language).ngettext(singular, plural, count)).format(count=count)


def format_day(day: date, language: str) -> str:
    """A day as people write it, Babel's 'd MMMM y': '25 maj 2025', '25 May 2025'."""
    return f"{day.day} {_months(language)[day.month - 1]} {day.year}"


MONTHS_FILE = "months.txt"
"""CLDR's month names of a language, one a line, written beside its catalog when hplan is
built (setup.py): Babel is needed to build hplan, not to run it (issue 32: its 30 MB of
locale data), and a table of dates need not load it (a tenth of a second)."""

MONTH_FORMS = (("format", "wide"), ("stand-alone", "abbreviated"), ("stand-alone", "wide"))
"""The forms in the file, twelve names each, in this order (setup.py writes the same)."""


@cache
def _months(language: str) -> list[str]:
    """The months' names in each of MONTH_FORMS, January first ('maj', 'maj', 'maj'): from
    the file the build wrote, else from Babel (a source tree)."""
    kept = LOCALE / check_language(language) / MONTHS_FILE
    try:
        names = kept.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        names = []
    count = 12 * len(MONTH_FORMS)
    # Twelve different names in each form and a final newline, as the build writes them.
    whole = len(names) == count + 1 and not names[count] and all(names[:count])
    if whole and all(len(set(names[at : at + 12])) == 12 for at in range(0, count, 12)):
        return names[:count]
    return cldr_months(language)


def cldr_months(language: str) -> list[str]:
    """The months' names in each of MONTH_FORMS, from Babel's CLDR data."""
    try:
        from babel import Locale
    except ImportError:
        raise HplanError(
            Message(
                "hplan's file of month names ({path}) is missing or damaged; install hplan again",
                path=LOCALE / check_language(language) / MONTHS_FILE,
            )
        ) from None
    months = Locale.parse(language).months
    return [str(months[c][w][m]) for c, w in MONTH_FORMS for m in range(1, 13)]


def month_names(language: str, width: str = "abbreviated") -> list[str]:
    """The twelve months' standalone names, January first ('jan.', 'feb.' … in Swedish)."""
    at = 12 * MONTH_FORMS.index(("stand-alone", width))
    return _months(language)[at : at + 12]
