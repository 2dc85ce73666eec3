"""The calendar folds its lines itself, on bytes, exactly as icalendar folds them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from icalendar.parser import Contentline

from hplan.queries.filters import as_of
from hplan.render.ics import fold, to_ics
from hplan.store.reading import read_plan

# Text where folding is delicate: multi-byte letters, a four-byte symbol, escapes.
delicate = st.text(alphabet='ab åäö€𝄞\\^;,:"', max_size=400)


@given(delicate)
def test_a_line_folds_as_icalendar_folds_it(text: str) -> None:
    line = Contentline(text)
    assert fold(line.encode("utf-8")) == line.to_ical()
    assert all(len(piece) <= 75 for piece in fold(line.encode("utf-8")).split(b"\r\n"))


def test_the_calendar_is_the_file_icalendar_writes(plan_file: Path) -> None:
    from icalendar import Calendar

    plan = read_plan(plan_file)
    rows = [as_of(a, date(2025, 7, 1)) for a in plan.activities]
    made = to_ics(plan, rows, date(2025, 7, 1), "sv", True)
    assert made.count(b"\r\n ") > 19  # lines were folded
    assert made == Calendar.from_ical(made).to_ical()
