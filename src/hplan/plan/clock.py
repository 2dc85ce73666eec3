"""The one place hplan learns what day it is: `--as-of`, or else the date in the plan's time
zone (not the machine's: a CI runner on UTC late on Sunday evening answers as of Monday)."""

from __future__ import annotations

import re
from datetime import date, datetime

from hplan.errors import Message
from hplan.plan.deadlines import DeadlineError, parse_day
from hplan.plan.model import DEFAULT_TIME_ZONE, FIRST_YEAR, LAST_YEAR

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def as_of_day(text: str) -> date:
    """The day `--as-of` names (2025-07-01, 1 juli 2025), within the years a plan may have:
    hplan answers neither as of year 1 nor as of 9999 (a window past it would overflow)."""
    day = parse_day(text)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise DeadlineError(
            Message(
                "'{text}' is outside the days hplan answers as of (the years {first}–{last})",
                text=text,
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
        )
    return day


def today(
    as_of: str | None = None, zone: str = DEFAULT_TIME_ZONE, now: datetime | None = None
) -> date:
    """The day queries run as of: `as_of` (2025-07-01 or 1 juli 2025) when given, else the
    date in the time zone `zone` at `now` (this moment)."""
    step = None
    if as_of and ISO_DAY.fullmatch(as_of):
        return as_of_day(as_of)  # the common case, without the relative reader's imports
    if as_of:
        from hplan.plan.relative import relative_step

        step = relative_step(as_of)  # igår, 2 weeks ago, -30d: from today, read below
        if step is None:
            return as_of_day(as_of)
    from zoneinfo import ZoneInfo

    moment = now if now is not None else datetime.now().astimezone()
    current = moment.astimezone(ZoneInfo(zone)).date()
    return current if step is None else as_of_day((current + step).isoformat())
