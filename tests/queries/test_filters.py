"""Queries on the real plan as of several dates: overdue, upcoming, filters, roll-ups."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from hplan.errors import HplanError
from hplan.plan.lookup import find_activity, find_goal, find_owner
from hplan.plan.model import Plan
from hplan.plan.statuses import Status
from hplan.queries.filters import (
    Filter,
    goal_summaries,
    group,
    overdue,
    owner_summaries,
    select,
    upcoming,
)
from hplan.store.reading import read_plan

from ..conftest import REAL_PLAN


@pytest.fixture(scope="module")
def plan() -> Plan:
    return read_plan(REAL_PLAN)


def ids(rows: list) -> list[str]:  # type: ignore[type-arg]
    return [r.activity.id for r in rows]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 1, 1), []),
        (date(2025, 5, 18), []),  # due today is not overdue
        (date(2025, 5, 19), ["7"]),
        (date(2025, 5, 26), ["7", "5"]),
        (date(2025, 6, 30), ["7", "5"]),
        (date(2025, 7, 1), ["7", "5", "2", "8", "17"]),
        (date(2025, 9, 28), ["7", "5", "2", "8", "17", "6"]),
        (date(2025, 11, 1), ["7", "5", "2", "8", "17", "6", "9"]),
        (date(2026, 1, 1), ["7", "5", "2", "8", "17", "6", "9", "10", "19"]),
    ],
)
def test_overdue_on_the_real_plan(plan: Plan, today: date, expected: list[str]) -> None:
    assert ids(overdue(plan, today)) == expected


def test_days_overdue_count_from_the_day_after_due(plan: Plan) -> None:
    rows = overdue(plan, date(2025, 7, 1))
    assert {r.activity.id: r.days_overdue for r in rows} == {
        "7": 44,
        "5": 37,
        "2": 1,
        "8": 1,
        "17": 1,
    }


def test_done_and_cancelled_are_never_overdue(plan: Plan) -> None:
    activities = list(plan.activities)
    activities[6] = replace(activities[6], status=Status.DONE)
    activities[4] = replace(activities[4], status=Status.CANCELLED)
    activities[1] = replace(activities[1], status=Status.BLOCKED)
    changed = replace(plan, activities=activities)
    assert ids(overdue(changed, date(2025, 7, 1))) == ["2", "8", "17"]


def test_ongoing_is_never_overdue(plan: Plan) -> None:
    late = ids(overdue(plan, date(2099, 1, 1)))
    assert not {a.id for a in plan.activities if a.deadline.ongoing} & set(late)


def test_upcoming_within_days(plan: Plan) -> None:
    assert ids(upcoming(plan, date(2025, 5, 1), 30)) == ["7", "5"]
    assert ids(upcoming(plan, date(2025, 5, 18), 0)) == ["7"]
    assert ids(upcoming(plan, date(2025, 6, 1), 30)) == ["2", "8", "17"]
    assert ids(upcoming(plan, date(2025, 9, 1), 90)) == ["6", "9"]
    assert ids(upcoming(plan, date(2025, 9, 1), 121)) == ["6", "9", "10", "19"]


def test_owner_matching_is_forgiving_but_never_guesses(plan: Plan) -> None:
    assert find_owner(plan, "Linda Beigler").name == "Linda Beigler"
    assert find_owner(plan, "linda").name == "Linda Beigler"
    assert find_owner(plan, "  LINDA   beigler ").name == "Linda Beigler"
    assert find_owner(plan, "naringslivschefer").name == "Näringslivschefer"
    assert find_owner(plan, "Na\u0308ringslivschefer").name == "Näringslivschefer"
    assert find_owner(plan, "kommunikationschef").name == "Sammankallande kommunikationschef"
    with pytest.raises(HplanError, match="ambiguous: it matches 'Sammankallande kommunika"):
        find_owner(plan, "chef")
    with pytest.raises(HplanError, match="did you mean 'Karin Flordal'"):
        find_owner(plan, "Karin Flordahl")


def test_owner_filter_includes_those_named_alongside(plan: Plan) -> None:
    linda = find_owner(plan, "linda")
    assert len(select(plan, Filter(owners=(linda,)), date(2025, 1, 1))) == 14
    karin = find_owner(plan, "karin")
    assert ids(select(plan, Filter(owners=(karin,)), date(2025, 1, 1))) == [
        "1",
        "9",
        "12",
        "13",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
    ]
    helpers = find_owner(plan, "Näringslivschefer")
    assert ids(select(plan, Filter(owners=(helpers,)), date(2025, 1, 1))) == ["9"]


def test_goal_filter_includes_sub_goals(plan: Plan) -> None:
    everything = select(plan, Filter(goals=(find_goal(plan, "4.2"),)), date(2025, 1, 1))
    assert len(everything) == 19
    assert ids(select(plan, Filter(goals=(find_goal(plan, "4.2.2"),)), date(2025, 1, 1))) == [
        "1",
        "8",
        "9",
        "10",
        "14",
        "15",
    ]
    assert select(plan, Filter(goals=(find_goal(plan, "4.1"),)), date(2025, 1, 1)) == []
    with pytest.raises(HplanError, match=r"unknown goal '4\.3'"):
        find_goal(plan, "4.3")


def test_combined_filters(plan: Plan) -> None:
    today = date(2025, 7, 1)
    wanted = Filter(
        owners=(find_owner(plan, "linda"),),
        goals=(find_goal(plan, "4.2.1"),),
        ongoing=False,
        due_before=date(2025, 7, 1),
    )
    assert ids(select(plan, wanted, today, "due")) == ["7", "5", "2", "8"]
    assert ids(select(plan, Filter(due_after=date(2025, 9, 30)), today)) == ["9", "10", "19"]
    assert ids(select(plan, Filter(search="MASSAN"), today)) == ["6", "7"]
    assert ids(select(plan, Filter(search="halsingland.se"), today)) == ["8", "10", "11"]
    assert ids(select(plan, Filter(ongoing=True, search="www"), today)) == ["11", "18"]
    assert ids(
        select(plan, Filter(overdue=True, statuses=frozenset({Status.NOT_STARTED})), today, "id")
    ) == ["2", "5", "7", "8", "17"]
    assert select(plan, Filter(statuses=frozenset({Status.DONE})), today) == []


@pytest.mark.parametrize(
    ("sort", "first", "last"),
    [
        ("id", "1", "19"),
        ("due", "7", "18"),
        ("goal", "1", "19"),
        ("owner", "9", "1"),
        ("status", "1", "19"),
    ],
)
def test_sorting(plan: Plan, sort: str, first: str, last: str) -> None:
    rows = select(plan, Filter(), date(2025, 1, 1), sort)  # type: ignore[arg-type]
    assert (rows[0].activity.id, rows[-1].activity.id) == (first, last)


def test_group_by_owner_lists_shared_activities_under_each(plan: Plan) -> None:
    rows = overdue(plan, date(2025, 11, 1))
    groups = group(plan, rows, "owner")
    assert [(g.key, ids(g.rows)) for g in groups] == [
        ("Linda Beigler", ["7", "5", "2", "8", "6", "9"]),
        ("Karin Flordal", ["17", "9"]),
        ("Näringslivschefer", ["9"]),
    ]


def test_group_by_goal_follows_the_goal_tree(plan: Plan) -> None:
    groups = group(plan, overdue(plan, date(2025, 11, 1)), "goal")
    assert [(g.key, ids(g.rows)) for g in groups] == [
        ("4.2.1", ["7", "5", "2", "8", "6", "9"]),
        ("4.2.2", ["8", "9"]),
        ("4.2.3", ["17"]),
    ]


def test_goal_roll_up(plan: Plan) -> None:
    summaries = {s.goal.id: s for s in goal_summaries(plan, date(2025, 7, 1))}
    assert summaries["4.1"].total == 0 and summaries["4.1.1"].total == 0
    assert summaries["4.2"].total == 19 and summaries["4.2"].direct == 0
    assert summaries["4.2.1"].total == 14
    assert summaries["4.2.2"].total == 6
    assert summaries["4.2.3"].total == 7
    assert summaries["4.2"].overdue == 5
    assert summaries["4.2.1"].overdue == 4
    assert summaries["4.2.1"].by_status[Status.NOT_STARTED] == 14
    assert [s.depth for s in summaries.values()] == [0, 1, 0, 1, 1, 1]


def test_owner_summaries(plan: Plan) -> None:
    counts = {
        s.owner.name: (s.total, s.open, s.overdue, s.done)
        for s in owner_summaries(plan, date(2025, 7, 1))
    }
    assert counts == {
        "Linda Beigler": (14, 14, 4, 0),
        "Karin Flordal": (10, 10, 1, 0),
        "Sammankallande kommunikationschef": (1, 1, 0, 0),
        "Näringslivschefer": (1, 1, 0, 0),
    }


def test_find_activity(plan: Plan) -> None:
    assert find_activity(plan, " 5 ").title == "Planera och genomföra Hälsingegårdarnas dag"
    with pytest.raises(HplanError, match="no activity has id '20' \\(ids in this plan: 1–19\\)"):
        find_activity(plan, "20")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["open"], {Status.NOT_STARTED, Status.IN_PROGRESS, Status.BLOCKED}),
        (["öppna"], {Status.NOT_STARTED, Status.IN_PROGRESS, Status.BLOCKED}),
        (["closed"], {Status.DONE, Status.CANCELLED}),
        (["Avslutade", "pågår"], {Status.DONE, Status.CANCELLED, Status.IN_PROGRESS}),
        (["done"], {Status.DONE}),
    ],
)
def test_a_status_filter_takes_open_and_closed(
    plan: Plan, words: list[str], expected: set[Status]
) -> None:
    assert Filter.typed(plan, statuses=words).statuses == expected


def test_open_work_leaves_out_what_is_done(plan: Plan) -> None:
    changed = replace(
        plan,
        activities=[replace(a, status=Status.DONE) if a.id == "7" else a for a in plan.activities],
    )
    rows = select(changed, Filter.typed(changed, statuses=["open"]), date(2025, 7, 1))
    assert "7" not in ids(rows) and len(rows) == len(plan.activities) - 1
