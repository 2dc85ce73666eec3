"""The one place hplan learns what day it is: `--as-of`, or else the system date."""

from __future__ import annotations

from datetime import date

from hplan.plan.deadlines import parse_day


def today(as_of: str | None = None) -> date:
    """The day queries run as of: `as_of` (2025-07-01 or 1 juli 2025) when given."""
    if as_of:
        return parse_day(as_of)
    return date.today()
