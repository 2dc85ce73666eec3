"""Deadline text, as the plan writes it, to a start and a due date.

The plan keeps the text exactly as written ("Första halvåret 2025", "25–27 september");
hplan reads it with the plan's year. A due date is the last day of the deadline.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from hplan.errors import Message, WordedError

MONTHS = {
    "januari": 1, "jan": 1,
    "februari": 2, "feb": 2,
    "mars": 3, "mar": 3,
    "april": 4, "apr": 4,
    "maj": 5,
    "juni": 6, "jun": 6,
    "juli": 7,
    "augusti": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

ACCEPTED_FORMS = (
    "Löpande",
    "25 maj",
    "17–18 maj",
    "30 maj–2 juni",
    "Juni",
    "Första halvåret 2025",
    "Andra halvåret 2025",
    "Senast oktober 2025",
    "Vecka 38",
    "Våren 2025",
    "Hösten 2025",
    "Slutet av maj",
    "Början av juni",
    "Q3",
    "2025",
    "2025-05-25",
    "2025-06",
    "2025-H1",
    "2025-Q3",
    "2025-09-25..2025-09-27",
    "ongoing",
)
"""Examples of every accepted form; a year may follow any Swedish form."""

ONGOING_WORDS = frozenset({"löpande", "ongoing"})

DeadlineKind = Literal["ongoing", "day", "range", "period", "by"]


class DeadlineError(WordedError, ValueError):
    """The text is not a deadline hplan can read."""


@dataclass(slots=True)
class Deadline:
    """A deadline as written, with the dates it means.

    `due` is None for an ongoing deadline ("Löpande"): it is never overdue.
    `start` is None where the text names only an end ("Senast oktober 2025").
    `kind` says which: "day" (25 maj), "range" of days (25–27 september), "period" (Juni,
    Första halvåret 2025, 2025: a deadline at its end), "by" (Senast …) or "ongoing".
    """

    text: str
    start: date | None
    due: date | None
    kind: DeadlineKind = "day"

    @property
    def ongoing(self) -> bool:
        """Löpande: never overdue."""
        return self.due is None

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.with_info_plain_validator_function(
            _validate_deadline,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda d: d.text),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "anyOf": [{"type": "string"}, {"type": "integer", "description": "a year: 2025"}],
            "description": "As the plan document writes it, read with the plan's year. "
            "Accepted forms: " + accepted_forms() + ".",
            "examples": list(ACCEPTED_FORMS),
        }


def _validate_deadline(value: Any, info: Any) -> Deadline:
    from pydantic_core import PydanticCustomError

    if isinstance(value, Deadline):
        return value
    if not isinstance(value, str):
        message = Message("a deadline is text such as 'Löpande' or '25 maj'")
        raise PydanticCustomError("deadline", "{message}", {"message": message})
    # Validation passes the plan's year (validated first); a deadline without a year needs it.
    year = (info.context or {}).get("year")
    if year is None:  # the year's own error makes the plan invalid; one message is enough
        return Deadline(value, None, None, "ongoing")
    try:
        return parse_deadline(value, year)
    except DeadlineError as error:
        raise PydanticCustomError("deadline", "{message}", {"message": error.message}) from None


def parse_deadline(text: str, year: int) -> Deadline:
    """Read a deadline written in Swedish or ISO form, with `year` where the text has none."""
    try:
        span = _read(_normalise(text), year)
    except _Unreadable:
        raise DeadlineError(
            Message(
                "cannot read the deadline '{text}'; write one of: {forms}",
                text=text,
                forms=accepted_forms(),
            )
        ) from None
    except DeadlineError as reason:
        raise DeadlineError(
            Message("the deadline '{text}' {reason}", text=text, reason=reason.message)
        ) from None
    if span is None:
        return Deadline(text, None, None, "ongoing")
    return Deadline(text, *span)


def parse_day(text: str, year: int | None = None) -> date:
    """Read one day: `2025-07-01`, `1 juli 2025`, or `1 juli` when `year` is given."""
    normal = _normalise(text)
    try:
        span = _read(normal, year if year is not None else 1)
    except _Unreadable:
        span = None
    except DeadlineError as reason:
        raise DeadlineError(
            Message("'{text}' {reason}", text=text, reason=reason.message)
        ) from None
    if span is None or span[0] != span[1] or span[1] is None:
        raise DeadlineError(
            Message(
                "cannot read '{text}' as a day; write it as 2025-07-01 or 1 juli 2025", text=text
            )
        )
    if year is None and not re.search(r"\d{4}", normal):
        raise DeadlineError(
            Message("'{text}' has no year; write it as 2025-07-01 or 1 juli 2025", text=text)
        )
    return span[1]


def accepted_forms() -> str:
    """The accepted forms, for error messages and help."""
    return ", ".join(ACCEPTED_FORMS)


_DASHES = re.compile(r"\s*[-‐‑‒–—―−]\s*")
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:\s+(\d{4}))?"


def _normalise(text: str) -> str:
    if any(c.isdigit() and not "0" <= c <= "9" for c in text):
        raise _unreadable()  # digits are 0-9: a Bengali ৪ is not read as 4
    text = unicodedata.normalize("NFC", text).casefold().strip()
    text = re.sub(r"\s+", " ", text)
    # ISO ranges use "..", which must survive; every other dash is the same dash.
    return _DASHES.sub("-", text)


def _day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DeadlineError(Message("names a day that does not exist")) from None


def _month_span(year: int, month: int) -> Span:
    from dateutil.relativedelta import relativedelta

    first = date(year, month, 1)
    return first, first + relativedelta(day=31), "period"


def _months_span(year: int, first_month: int, months: int) -> Span:
    from dateutil.relativedelta import relativedelta

    first = date(year, first_month, 1)
    return first, first + relativedelta(months=months, days=-1), "period"


Span = tuple[date | None, date | None, DeadlineKind]


AMBIGUOUS = {
    "jul": Message(
        "'jul' is Christmas in Swedish: write 'juli' for July, or a day such as '24 december'"
    ),
}
"""Words a deadline could mean two things by, and what to write instead."""


def _read(t: str, year: int) -> Span | None:
    for word, instead in AMBIGUOUS.items():
        if re.search(rf"(?<![\w]){word}\b", t):
            raise DeadlineError(Message("is ambiguous: {instead}", instead=instead))
    try:
        return _parse(t, year)
    except DeadlineError:
        raise
    except (ValueError, OverflowError):
        # A year like 9999-H2 runs past the calendar's end.
        raise DeadlineError(Message("lies outside the calendar")) from None


def _parse(t: str, year: int) -> Span | None:
    """Parse a normalised deadline; None means ongoing."""
    if t in ONGOING_WORDS:
        return None
    if m := re.fullmatch(r"senast (.+)", t):
        inner = _parse(m[1], year)
        if inner is None or m[1].startswith("senast"):
            raise _unreadable()
        return None, inner[1], "by"
    if m := re.fullmatch(r"(\d{4})", t):
        return _months_span(int(m[1]), 1, 12)
    if m := re.fullmatch(r"(första|andra) halvåret" + _YEAR, t):
        return _months_span(int(m[2] or year), 1 if m[1] == "första" else 7, 6)
    if m := re.fullmatch(r"(\d{4})-h([12])", t):
        return _months_span(int(m[1]), 1 if m[2] == "1" else 7, 6)
    if m := re.fullmatch(r"(\d{4})-q([1-4])", t):
        return _months_span(int(m[1]), 3 * int(m[2]) - 2, 3)
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", t):
        if not 1 <= int(m[2]) <= 12:
            raise DeadlineError(Message("names a month that does not exist"))
        return _month_span(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t):
        day = _day(int(m[1]), int(m[2]), int(m[3]))
        return day, day, "day"
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})\.\.(\d{4})-(\d{1,2})-(\d{1,2})", t):
        start = _day(int(m[1]), int(m[2]), int(m[3]))
        return _ordered(start, _day(int(m[4]), int(m[5]), int(m[6])))
    if m := re.fullmatch(_MONTH + _YEAR, t):
        return _month_span(int(m[2] or year), MONTHS[m[1]])
    if m := re.fullmatch(r"(\d{1,2}) " + _MONTH + _YEAR, t):
        day = _day(int(m[3] or year), MONTHS[m[2]], int(m[1]))
        return day, day, "day"
    if m := re.fullmatch(r"(\d{1,2})-(\d{1,2}) " + _MONTH + _YEAR, t):
        y, month = int(m[4] or year), MONTHS[m[3]]
        return _ordered(_day(y, month, int(m[1])), _day(y, month, int(m[2])))
    if m := re.fullmatch(r"(\d{1,2}) " + _MONTH + r"-(\d{1,2}) " + _MONTH + _YEAR, t):
        y = int(m[5] or year)
        start = _day(y, MONTHS[m[2]], int(m[1]))
        return _ordered(start, _day(y, MONTHS[m[4]], int(m[3])))
    if (found := _plain_words(t, year)) is not None:
        return found
    raise _unreadable()


SEASONS = {
    "våren": (1, 6), "vårterminen": (1, 6), "spring": (1, 6),
    "sommaren": (6, 3), "summer": (6, 3),
    "hösten": (8, 5), "höstterminen": (8, 5), "autumn": (8, 5), "fall": (8, 5),
}  # fmt: skip
"""A season as a plan means it (first month, months): the spring term January–June, the
summer June–August, the autumn term August–December, as a municipality's year runs."""
PARTS = {"början av": (1, 10), "mitten av": (11, 20), "slutet av": (21, 31)}
"""Part of a month (first day, last day): its first, middle and last ten days or so (the
month named in Swedish, as every month of a deadline is)."""


def _plain_words(t: str, year: int) -> Span | None:
    """Weeks, seasons, parts of months and quarters, as plans write them; None if none."""
    if m := re.fullmatch(r"(?:vecka|v\.?|week|w\.?) ?(\d{1,2})" + _YEAR, t):
        y, week = int(m[2] or year), int(m[1])
        try:
            return date.fromisocalendar(y, week, 1), date.fromisocalendar(y, week, 7), "period"
        except ValueError:
            raise DeadlineError(Message("names a week that does not exist")) from None
    if m := re.fullmatch(r"(?:under )?(" + "|".join(SEASONS) + ")" + _YEAR, t):
        first, months = SEASONS[m[1]]
        return _months_span(int(m[2] or year), first, months)
    if m := re.fullmatch("(" + "|".join(PARTS) + ") " + _MONTH + _YEAR, t):
        y, month = int(m[3] or year), MONTHS[m[2]]
        first, last = PARTS[m[1]]
        end = _month_span(y, month)[1]
        assert end is not None
        return date(y, month, first), date(y, month, min(last, end.day)), "period"
    if m := re.fullmatch(r"(?:q|kvartal )([1-4])" + _YEAR, t):
        return _months_span(int(m[2] or year), 3 * int(m[1]) - 2, 3)
    if m := re.fullmatch(r"h([12])" + _YEAR, t):
        return _months_span(int(m[2] or year), 1 if m[1] == "1" else 7, 6)
    return None


def _ordered(start: date, due: date) -> Span:
    if due < start:
        raise DeadlineError(Message("ends before it starts"))
    return start, due, "range" if start != due else "day"


class _Unreadable(Exception):
    """No accepted form fits; the caller words the message with the text as written."""


def _unreadable() -> _Unreadable:
    return _Unreadable()
