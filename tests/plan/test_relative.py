"""Days relative to today, in either language and in hledger's and git's short forms."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hplan.api import Session
from hplan.plan.clock import today
from hplan.plan.relative import relative_day

TODAY = date(2025, 7, 1)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("idag", date(2025, 7, 1)),
        ("igår", date(2025, 6, 30)),
        ("I går", date(2025, 6, 30)),
        ("yesterday", date(2025, 6, 30)),
        ("i morgon", date(2025, 7, 2)),
        ("tomorrow", date(2025, 7, 2)),
        ("förra veckan", date(2025, 6, 24)),
        ("last week", date(2025, 6, 24)),
        ("2 weeks ago", date(2025, 6, 17)),
        ("3 dagar sedan", date(2025, 6, 28)),
        ("om 2 veckor", date(2025, 7, 15)),
        ("in 1 month", date(2025, 8, 1)),
        ("+2w", date(2025, 7, 15)),
        ("-30d", date(2025, 6, 1)),
        ("-1m", date(2025, 6, 1)),
        ("+1y", date(2026, 7, 1)),
    ],
)
def test_relative_days(text: str, day: date) -> None:
    assert relative_day(text, TODAY) == day


@pytest.mark.parametrize("text", ["2025-07-01", "1 juli", "-30x", "2 furlongs ago", "HEAD~2"])
def test_what_is_not_relative_is_left_to_the_other_readers(text: str) -> None:
    assert relative_day(text, TODAY) is None


def test_as_of_counts_from_today_in_the_plans_time_zone() -> None:
    from datetime import UTC, datetime

    late_sunday_utc = datetime(2025, 6, 29, 22, 30, tzinfo=UTC)  # Monday in Stockholm
    assert today("igår", now=late_sunday_utc) == date(2025, 6, 29)


def test_due_before_takes_a_relative_day_from_the_sessions_day(plan_file: Path) -> None:
    session = Session(plan_file, as_of="2025-07-01")
    relative = session.select(due_before="-2w")
    assert [r.activity.id for r in relative] == [
        r.activity.id for r in session.select(due_before="2025-06-17")
    ]
    assert relative  # 7 (18 May) and 5 (25 May)
