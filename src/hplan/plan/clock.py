"""The one place hplan learns what day it is: `--as-of`, or else the date in the plan's time
zone (not the machine's: a CI runner on UTC late on Sunday evening answers as of Monday)."""

from __future__ import annotations

from datetime import date, datetime

from hplan.plan.deadlines import parse_day
from hplan.plan.model import DEFAULT_TIME_ZONE


def today(
    as_of: str | None = None, zone: str = DEFAULT_TIME_ZONE, now: datetime | None = None
) -> date:
    """The day queries run as of: `as_of` (2025-07-01 or 1 juli 2025) when given, else the
    date in the time zone `zone` at `now` (this moment)."""
    if as_of:
        return parse_day(as_of)
    from zoneinfo import ZoneInfo

    moment = now if now is not None else datetime.now().astimezone()
    return moment.astimezone(ZoneInfo(zone)).date()
