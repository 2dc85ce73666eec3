"""Every deadline form the plan may use, its variants, and the errors for what it may not."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hplan.plan.deadlines import ACCEPTED_FORMS, DeadlineError, parse_day, parse_deadline

D = date


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("Löpande", None, None),
        ("ongoing", None, None),
        ("25 maj", D(2025, 5, 25), D(2025, 5, 25)),
        ("17–18 maj", D(2025, 5, 17), D(2025, 5, 18)),
        ("25–27 september", D(2025, 9, 25), D(2025, 9, 27)),
        ("30 maj–2 juni", D(2025, 5, 30), D(2025, 6, 2)),
        ("Juni", D(2025, 6, 1), D(2025, 6, 30)),
        ("December", D(2025, 12, 1), D(2025, 12, 31)),
        ("februari 2024", D(2024, 2, 1), D(2024, 2, 29)),
        ("Första halvåret 2025", D(2025, 1, 1), D(2025, 6, 30)),
        ("Andra halvåret 2025", D(2025, 7, 1), D(2025, 12, 31)),
        ("första halvåret", D(2025, 1, 1), D(2025, 6, 30)),
        ("Senast oktober 2025", None, D(2025, 10, 31)),
        ("Senast 25 maj", None, D(2025, 5, 25)),
        ("2025", D(2025, 1, 1), D(2025, 12, 31)),
        ("2025-05-25", D(2025, 5, 25), D(2025, 5, 25)),
        ("2025-06", D(2025, 6, 1), D(2025, 6, 30)),
        ("2025-H1", D(2025, 1, 1), D(2025, 6, 30)),
        ("2025-h2", D(2025, 7, 1), D(2025, 12, 31)),
        ("2025-Q3", D(2025, 7, 1), D(2025, 9, 30)),
        ("2025-Q1", D(2025, 1, 1), D(2025, 3, 31)),
        ("2025-09-25..2025-09-27", D(2025, 9, 25), D(2025, 9, 27)),
        ("25 maj 2026", D(2026, 5, 25), D(2026, 5, 25)),
        ("1 sept.", D(2025, 9, 1), D(2025, 9, 1)),
        # as Swedish plans write them (issue 18): a week is Monday to Sunday (ISO 8601)
        ("Vecka 38", D(2025, 9, 15), D(2025, 9, 21)),
        ("v. 38", D(2025, 9, 15), D(2025, 9, 21)),
        ("v38", D(2025, 9, 15), D(2025, 9, 21)),
        ("vecka 1 2026", D(2025, 12, 29), D(2026, 1, 4)),
        ("Senast vecka 38", None, D(2025, 9, 21)),
        # the terms a municipality's year runs by
        ("Våren 2025", D(2025, 1, 1), D(2025, 6, 30)),
        ("Hösten 2025", D(2025, 8, 1), D(2025, 12, 31)),
        ("under hösten", D(2025, 8, 1), D(2025, 12, 31)),
        ("Sommaren", D(2025, 6, 1), D(2025, 8, 31)),
        ("Början av juni", D(2025, 6, 1), D(2025, 6, 10)),
        ("Mitten av juni", D(2025, 6, 11), D(2025, 6, 20)),
        ("Slutet av maj", D(2025, 5, 21), D(2025, 5, 31)),
        ("Slutet av februari 2024", D(2024, 2, 21), D(2024, 2, 29)),
        ("Q3", D(2025, 7, 1), D(2025, 9, 30)),
        ("Q1 2026", D(2026, 1, 1), D(2026, 3, 31)),
        ("kvartal 2", D(2025, 4, 1), D(2025, 6, 30)),
        ("H2", D(2025, 7, 1), D(2025, 12, 31)),
        ("autumn 2025", D(2025, 8, 1), D(2025, 12, 31)),
    ],
)
def test_every_form_gives_its_dates(text: str, start: date | None, due: date | None) -> None:
    deadline = parse_deadline(text, 2025)
    assert (deadline.start, deadline.due) == (start, due)
    assert deadline.text == text
    assert deadline.ongoing == (due is None)


@pytest.mark.parametrize(
    "variant",
    [
        "25-27 september",
        "25—27 september",
        "25 – 27 September",
        "25 -27 SEPTEMBER",
        "  25–27   september ",
        "25−27 september",
    ],
)
def test_case_hyphen_and_dash_variants_are_the_same(variant: str) -> None:
    deadline = parse_deadline(variant, 2025)
    assert (deadline.start, deadline.due) == (D(2025, 9, 25), D(2025, 9, 27))


@pytest.mark.parametrize("variant", ["LÖPANDE", "löpande", "Lo\u0308pande", "Ongoing"])
def test_ongoing_variants(variant: str) -> None:
    assert parse_deadline(variant, 2025).ongoing


def test_nfd_text_reads_like_nfc() -> None:
    nfd = "Fo\u0308rsta halva\u030aret 2025"
    assert parse_deadline(nfd, 2025).due == D(2025, 6, 30)


def test_the_plan_year_fills_in_a_missing_year() -> None:
    assert parse_deadline("Juni", 2026).due == D(2026, 6, 30)
    assert parse_deadline("Juni 2024", 2026).due == D(2024, 6, 30)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("snart", "cannot read the deadline 'snart'"),
        ("", "cannot read the deadline"),
        ("31 juni", "names a day that does not exist"),
        ("30 februari", "names a day that does not exist"),
        ("27–25 september", "ends before it starts"),
        ("2025-13", "names a month that does not exist"),
        ("2025-02-30", "names a day that does not exist"),
        ("2025-Q5", "cannot read"),
        ("Tredje halvåret 2025", "cannot read"),
        ("Senast löpande", "cannot read"),
        ("Senast", "cannot read"),
        ("9999-H2", "lies outside the calendar"),
        ("maj 25", "cannot read"),
        ("2025-09-27..2025-09-25", "ends before it starts"),
        ("Vecka 53", "names a week that does not exist"),
        ("vecka 0", "names a week that does not exist"),
        ("Q5", "cannot read"),
        ("Slutet av", "cannot read"),
    ],
)
def test_unreadable_deadlines_say_why(text: str, fragment: str) -> None:
    with pytest.raises(DeadlineError, match=fragment):
        parse_deadline(text, 2025)


def test_the_error_lists_every_accepted_form() -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline("nästa vecka", 2025)
    for form in ACCEPTED_FORMS:
        assert form in str(caught.value)


@pytest.mark.parametrize(
    ("text", "day"),
    [("2025-07-01", D(2025, 7, 1)), ("1 juli 2025", D(2025, 7, 1)), ("1 Juli 2025", D(2025, 7, 1))],
)
def test_parse_day(text: str, day: date) -> None:
    assert parse_day(text) == day


def test_parse_day_uses_a_given_year_and_demands_one_otherwise() -> None:
    assert parse_day("1 juli", 2025) == D(2025, 7, 1)
    with pytest.raises(DeadlineError, match="has no year"):
        parse_day("1 juli")
    with pytest.raises(DeadlineError, match="as a day"):
        parse_day("juni 2025")
    with pytest.raises(DeadlineError, match="as a day"):
        parse_day("i morgon")


@given(st.text(max_size=40))
def test_any_text_gives_a_deadline_or_a_clear_error(text: str) -> None:
    try:
        deadline = parse_deadline(text, 2025)
    except DeadlineError as error:
        assert str(error)
    else:
        assert deadline.due is None or deadline.start is None or deadline.start <= deadline.due


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2999, 12, 31)))
def test_iso_days_round_trip(day: date) -> None:
    assert parse_deadline(day.isoformat(), 2025).due == day
    assert parse_day(day.isoformat()) == day


@given(
    st.dates(min_value=D(1900, 1, 1), max_value=D(2999, 12, 31)),
    st.integers(min_value=0, max_value=400),
)
def test_iso_ranges_round_trip(start: date, length: int) -> None:
    from datetime import timedelta

    due = min(start + timedelta(days=length), D(2999, 12, 31))
    deadline = parse_deadline(f"{start.isoformat()}..{due.isoformat()}", 2025)
    assert (deadline.start, deadline.due) == (start, due)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Löpande", "ongoing"),
        ("25 maj", "day"),
        ("2025-05-25", "day"),
        ("17–18 maj", "range"),
        ("2025-09-25..2025-09-27", "range"),
        ("30 maj–2 juni", "range"),
        ("Juni", "period"),
        ("Första halvåret 2025", "period"),
        ("2025", "period"),
        ("2025-Q3", "period"),
        ("Senast oktober 2025", "by"),
        ("25–25 maj", "day"),
    ],
)
def test_the_kind_of_deadline(text: str, kind: str) -> None:
    assert parse_deadline(text, 2025).kind == kind
