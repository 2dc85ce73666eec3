"""Pure queries over a plan: filters, overdue, upcoming, groups and roll-ups.

Every function takes the plan and a `today` and returns data; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

from hplan.errors import HplanError, UsageError
from hplan.plan.assessments import Assessment, AssessmentError, parse_assessment
from hplan.plan.deadlines import DeadlineError, parse_day
from hplan.plan.lookup import find_goal, find_owner
from hplan.plan.matching import fold, folded_contains, same_text
from hplan.plan.model import Activity, Goal, Owner, Plan
from hplan.plan.statuses import Status, StatusError, parse_statuses


class SortKey(StrEnum):
    """The orders activities can be listed in."""

    ID = "id"
    DUE = "due"
    GOAL = "goal"
    OWNER = "owner"
    STATUS = "status"
    LATE = "late"


class GroupBy(StrEnum):
    """What activities can be grouped under."""

    GOAL = "goal"
    OWNER = "owner"


UPCOMING_DAYS = 30
"""How many days ahead "coming due" looks unless told otherwise (upcoming, the report)."""

STATUS_ORDER = list(Status)


@dataclass(frozen=True)
class ActivityRow:
    """An activity as of a day: whether it is overdue and by how many days."""

    activity: Activity
    overdue: bool
    days_overdue: int


@dataclass(frozen=True)
class Group:
    """Activities under one goal or one owner."""

    key: str
    label: str
    rows: list[ActivityRow]


@dataclass(frozen=True)
class GoalSummary:
    """A goal with its activities rolled up from its sub-goals."""

    goal: Goal
    depth: int
    total: int
    direct: int
    by_status: dict[Status, int]
    overdue: int


@dataclass(frozen=True)
class OwnerSummary:
    """An owner's open (not started, in progress, blocked), overdue and done activities."""

    owner: Owner
    total: int
    open: int
    overdue: int
    done: int


def _typed(name: str, parse: Callable[[Plan, str], Any]) -> dict[str, Any]:
    """A filter field's metadata: what one typed value is called and how it is read."""
    return {"typed": name, "parse": parse}


def _status(plan: Plan, text: str) -> frozenset[Status]:
    try:
        return parse_statuses(text)
    except StatusError as error:
        raise HplanError(error.message) from None


def _assessment(plan: Plan, text: str) -> frozenset[Assessment]:
    try:
        return frozenset({parse_assessment(text)})
    except AssessmentError as error:
        raise HplanError(error.message) from None


def _day(plan: Plan, text: str) -> date:
    try:
        return parse_day(text, plan.year)
    except DeadlineError as error:
        raise HplanError(error.message) from None


@dataclass(frozen=True)
class Filter:
    """What `hplan list` selects; every criterion given must hold.

    `Filter.typed` makes one from text as a person types it; each field's metadata says
    what one typed value is called (the field an error names) and how it is read."""

    owners: tuple[Owner, ...] = field(default=(), metadata=_typed("owner", find_owner))
    """An activity naming any of them."""
    goals: tuple[Goal, ...] = field(default=(), metadata=_typed("goal", find_goal))
    """An activity serving any of them or their sub-goals."""
    statuses: frozenset[Status] = field(default=frozenset(), metadata=_typed("status", _status))
    due_before: date | None = field(default=None, metadata=_typed("due_before", _day))
    due_after: date | None = field(default=None, metadata=_typed("due_after", _day))
    ongoing: bool | None = None
    overdue: bool = False
    search: str | None = None
    assessments: frozenset[Assessment] = field(
        default=frozenset(), metadata=_typed("assessment", _assessment)
    )
    """An activity whose answer to `round` is any of them."""
    round: str | None = None
    """The follow-up round `assessments` asks about (the session's current one)."""

    @classmethod
    def typed(cls, plan: Plan, **given: Any) -> Filter:
        """The filter that typed values mean in `plan` (names, goal ids, status words and
        days as text; a list where the field holds several). A value that means nothing is a
        UsageError naming its field ("status"), never a silent miss."""
        unknown = set(given) - {f.name for f in fields(cls)}
        if unknown:
            raise TypeError(f"Filter has no field {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        for spec in fields(cls):
            value = given.get(spec.name)
            if value is None or value == []:
                continue
            parse = spec.metadata.get("parse")
            if parse is None:
                values[spec.name] = value
                continue
            try:
                if isinstance(spec.default, frozenset):  # a word may name several (open)
                    values[spec.name] = frozenset().union(*(parse(plan, v) for v in value))
                elif isinstance(spec.default, tuple):
                    values[spec.name] = type(spec.default)(parse(plan, v) for v in value)
                else:
                    values[spec.name] = parse(plan, value)
            except HplanError as error:
                raise UsageError(spec.metadata["typed"], error.message) from None
        return cls(**values)


def is_overdue(activity: Activity, today: date) -> bool:
    """Overdue from the day after its due date until it is done or cancelled."""
    due = activity.deadline.due
    return due is not None and due < today and not activity.status.closed


@runtime_checkable
class DueDays(Protocol):
    """An activity list that knows each open activity's due day (a plan read from the cache:
    store/activities.py): it gives the open activities due from `first` (None: any day
    before) to `last` without making the others."""

    def open_due_within(self, first: date | None, last: date) -> list[Activity]: ...


def may_be_due(
    activities: Sequence[Activity], first: date | None, last: date
) -> Iterable[Activity]:
    """The activities that may be open and due from `first` to `last`: all of them, or of a
    list that knows its due days only those (a query of 3,333 late among 10,000 makes 3,333).
    It only narrows: the query's own test (`is_overdue`) decides."""
    if isinstance(activities, DueDays):
        return activities.open_due_within(first, last)
    return activities


def as_of(activity: Activity, today: date) -> ActivityRow:
    """The activity with its overdue state on `today`."""
    late = is_overdue(activity, today)
    due = activity.deadline.due
    days = (today - due).days if late and due is not None else 0
    return ActivityRow(activity, late, days)


def serves(activity: Activity, goal: Goal) -> bool:
    """True when the activity serves the goal or one of its sub-goals."""
    return any(g == goal.id or g.startswith(goal.id + ".") for g in activity.goals)


def names(activity: Activity, owner: Owner) -> bool:
    """True when the activity names the owner as responsible or alongside."""
    return any(same_text(n, owner.name) for n in (*activity.owners, *activity.with_))


def select(
    plan: Plan, wanted: Filter, today: date, sort: SortKey = SortKey.ID
) -> list[ActivityRow]:
    """The activities that match every criterion, as of `today`, sorted."""
    test = _test(wanted, today)
    activities: Iterable[Activity] = plan.activities
    if wanted.overdue:
        activities = may_be_due(plan.activities, None, today - timedelta(days=1))
    rows = [as_of(a, today) for a in activities if test(a)]
    return sort_rows(rows, sort)


def _test(wanted: Filter, today: date) -> Callable[[Activity], bool]:
    """The test of every criterion given, made once for all activities (10,000 of them)."""
    tests: list[Callable[[Activity], bool]] = []
    if wanted.owners:
        tests.append(lambda a: any(names(a, owner) for owner in wanted.owners))
    if wanted.goals:
        tests.append(lambda a: any(serves(a, goal) for goal in wanted.goals))
    if wanted.statuses:
        tests.append(lambda a: a.status in wanted.statuses)
    if (before := wanted.due_before) is not None:
        tests.append(lambda a: a.deadline.due is not None and a.deadline.due < before)
    if (after := wanted.due_after) is not None:
        tests.append(lambda a: a.deadline.due is not None and a.deadline.due > after)
    if (ongoing := wanted.ongoing) is not None:
        tests.append(lambda a: a.deadline.ongoing == ongoing)
    if wanted.overdue:
        tests.append(lambda a: is_overdue(a, today))
    if (search := wanted.search) is not None:
        tests.append(lambda a: folded_contains(a.title, search))
    if wanted.assessments:
        words, asked = wanted.assessments, wanted.round or ""
        tests.append(lambda a: (found := a.answer(asked)) is not None and found.assessment in words)
    if len(tests) == 1:
        return tests[0]
    return lambda a: all(test(a) for test in tests)


def sort_rows(rows: Iterable[ActivityRow], sort: SortKey) -> list[ActivityRow]:
    """Rows in the order asked for; ties keep document order."""
    keys: dict[SortKey, Callable[[ActivityRow], tuple[object, ...]]] = {
        SortKey.ID: lambda r: (int(r.activity.id),),
        SortKey.DUE: lambda r: (
            r.activity.deadline.due is None,
            r.activity.deadline.due or date.min,
        ),
        SortKey.GOAL: lambda r: (min(goal_key(g) for g in r.activity.goals),),
        SortKey.OWNER: lambda r: (fold(r.activity.owners[0]),),
        SortKey.STATUS: lambda r: (STATUS_ORDER.index(r.activity.status),),
        SortKey.LATE: lambda r: (-r.days_overdue if r.overdue else 0,),  # most days late first
    }
    return sorted(rows, key=keys[SortKey(sort)])


def goal_key(goal_id: str) -> tuple[int, ...]:
    """Numeric order of goal ids: 4.2 < 4.2.1 < 4.10."""
    return tuple(int(part) for part in goal_id.split("."))


def overdue(plan: Plan, today: date, wanted: Filter | None = None) -> list[ActivityRow]:
    """Overdue activities, most days late first."""
    return select(plan, replace(wanted or Filter(), overdue=True), today, SortKey.DUE)


def upcoming(
    plan: Plan, today: date, within: int = UPCOMING_DAYS, wanted: Filter | None = None
) -> list[ActivityRow]:
    """Open activities due from today up to `within` days ahead, soonest first."""
    last = today + timedelta(days=within)
    rows = select(plan, wanted or Filter(), today, SortKey.DUE)
    return [
        r
        for r in rows
        if not r.activity.status.closed
        and r.activity.deadline.due is not None
        and today <= r.activity.deadline.due <= last
    ]


def group(plan: Plan, rows: list[ActivityRow], by: GroupBy) -> list[Group]:
    """Rows grouped by goal (in the goal tree's order) or by owner (in declared order).

    An activity with two goals or two owners appears under both.
    """
    groups: list[Group] = []
    if by == GroupBy.GOAL:
        for goal in sorted(plan.goals, key=lambda g: goal_key(g.id)):
            mine = [r for r in rows if goal.id in r.activity.goals]
            if mine:
                groups.append(Group(goal.id, goal.title, mine))
    else:
        for owner in plan.owners:
            mine = [r for r in rows if names(r.activity, owner)]
            if mine:
                groups.append(Group(owner.name, "(role)" if owner.kind == "role" else "", mine))
    return groups


def goal_tree(plan: Plan) -> list[tuple[Goal, int]]:
    """Every goal in tree order, with its depth below the top goals (4.2 is 0, 4.2.1 is 1)."""
    goals = sorted(plan.goals, key=lambda g: goal_key(g.id))
    top = min((g.id.count(".") for g in goals), default=0)
    return [(goal, goal.id.count(".") - top) for goal in goals]


def goal_summaries(plan: Plan, today: date) -> list[GoalSummary]:
    """Every goal in tree order, sub-goals rolled up into their parents."""
    summaries = []
    for goal, depth in goal_tree(plan):
        mine = [a for a in plan.activities if serves(a, goal)]
        by_status = {s: sum(1 for a in mine if a.status == s) for s in Status}
        summaries.append(
            GoalSummary(
                goal=goal,
                depth=depth,
                total=len(mine),
                direct=sum(1 for a in mine if goal.id in a.goals),
                by_status=by_status,
                overdue=sum(1 for a in mine if is_overdue(a, today)),
            )
        )
    return summaries


def owner_summaries(plan: Plan, today: date) -> list[OwnerSummary]:
    """Every declared owner with counts of the activities that name them."""
    summaries = []
    for owner in plan.owners:
        mine = [a for a in plan.activities if names(a, owner)]
        summaries.append(
            OwnerSummary(
                owner=owner,
                total=len(mine),
                open=sum(1 for a in mine if not a.status.closed),
                overdue=sum(1 for a in mine if is_overdue(a, today)),
                done=sum(1 for a in mine if a.status == Status.DONE),
            )
        )
    return summaries


def outside_the_year(plan: Plan) -> list[Activity]:
    """Activities whose deadline lies outside the plan's year (december 2024 in a 2025
    plan): allowed, but most likely a slip."""
    return [
        a
        for a in plan.activities
        if a.deadline.due is not None
        and (
            a.deadline.due.year != plan.year
            or (a.deadline.start or a.deadline.due).year < plan.year
        )
    ]
