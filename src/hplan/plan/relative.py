"""Days said relative to today, as people type them and as hledger and git take them:
`igår`, `i morgon`, `förra veckan`, `yesterday`, `2 weeks ago`, `om 3 dagar`, `+2w`, `-30d`."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from dateutil.relativedelta import relativedelta

NAMED = {
    "idag": 0, "i dag": 0, "today": 0,
    "igår": -1, "i går": -1, "yesterday": -1,
    "i förrgår": -2, "förrgår": -2,
    "imorgon": 1, "i morgon": 1, "tomorrow": 1,
    "i övermorgon": 2, "övermorgon": 2,
    "förra veckan": -7, "last week": -7,
    "nästa vecka": 7, "next week": 7,
}  # fmt: skip
"""Days named by words, as a number of days from today."""

UNITS = {
    "d": "days", "day": "days", "days": "days", "dag": "days", "dagar": "days",
    "w": "weeks", "week": "weeks", "weeks": "weeks", "v": "weeks", "vecka": "weeks",
    "veckor": "weeks",
    "m": "months", "month": "months", "months": "months", "mån": "months", "månad": "months",
    "månader": "months",
    "y": "years", "year": "years", "years": "years", "år": "years",
}  # fmt: skip

_COMPACT = re.compile(r"([+-])([0-9]{1,4}) ?([a-zåäö]+)")
_AGO = re.compile(r"([0-9]{1,4}) ([a-zåäö]+) (ago|sedan)")
_AHEAD = re.compile(r"(in|om) ([0-9]{1,4}) ([a-zåäö]+)")


def relative_day(text: str, today: date) -> date | None:
    """The day `text` names relative to `today`, or None when it names none this way."""
    step = relative_step(text)
    return None if step is None else today + step


def relative_step(text: str) -> relativedelta | None:
    """How far from today `text` says (`igår`: a day back), or None when it is no relative
    day: read without knowing today, which a caller may not need to learn then."""
    key = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    if key in NAMED:
        return relativedelta(days=NAMED[key])
    if found := _COMPACT.fullmatch(key):
        direction, count, unit = (-1 if found[1] == "-" else 1), found[2], found[3]
    elif found := _AGO.fullmatch(key):
        direction, count, unit = -1, found[1], found[2]
    elif found := _AHEAD.fullmatch(key):
        direction, count, unit = 1, found[2], found[3]
    else:
        return None
    if unit not in UNITS:
        return None
    amount = direction * int(count)
    steps = {
        "days": relativedelta(days=amount),
        "weeks": relativedelta(weeks=amount),
        "months": relativedelta(months=amount),
        "years": relativedelta(years=amount),
    }
    return steps[UNITS[unit]]
