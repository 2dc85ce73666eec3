"""Pure queries over a plan: filters, overdue, upcoming, groups and roll-ups.

Every function takes the plan and a `today` and returns data; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Literal

from hplan.errors import OptionError
from hplan.plan.deadlines import DeadlineError, parse_day
from hplan.plan.lookup import find_goal, find_owner
from hplan.plan.matching import fold, same_text
from hplan.plan.model import Activity, Goal, Owner, Plan
from hplan.plan.statuses import Status, StatusError, parse_status

SortKey = Literal["id", "due", "goal", "owner", "status"]
GroupBy = Literal["goal", "owner"]

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


@dataclass(frozen=True)
class Filter:
    """What `hplan list` selects; every criterion given must hold."""

    owners: tuple[Owner, ...] = ()
    """An activity naming any of them."""
    goals: tuple[Goal, ...] = ()
    """An activity serving any of them or their sub-goals."""
    statuses: frozenset[Status] = field(default_factory=frozenset)
    due_before: date | None = None
    due_after: date | None = None
    ongoing: bool | None = None
    overdue: bool = False
    search: str | None = None


@dataclass(frozen=True)
class Wanted:
    """A filter as typed on the command line: names, goal ids, status words and days as text."""

    owners: list[str] | None = None
    goals: list[str] | None = None
    statuses: list[str] = field(default_factory=list)
    due_before: str | None = None
    due_after: str | None = None
    ongoing: bool | None = None
    overdue: bool = False
    search: str | None = None

    def filter(self, plan: Plan) -> Filter:
        """The filter these words mean in `plan`; OptionError naming the option if not."""
        try:
            statuses = frozenset(parse_status(s) for s in self.statuses)
        except StatusError as error:
            raise OptionError("--status", error.message) from None
        return Filter(
            owners=tuple(find_owner(plan, o) for o in self.owners or []),
            goals=tuple(find_goal(plan, g) for g in self.goals or []),
            statuses=statuses,
            due_before=_plan_day(plan, self.due_before, "--due-before"),
            due_after=_plan_day(plan, self.due_after, "--due-after"),
            ongoing=self.ongoing,
            overdue=self.overdue,
            search=self.search,
        )


def _plan_day(plan: Plan, text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return parse_day(text, plan.year)
    except DeadlineError as error:
        raise OptionError(option, error.message) from None


def is_overdue(activity: Activity, today: date) -> bool:
    """Overdue from the day after its due date until it is done or cancelled."""
    due = activity.deadline.due
    return due is not None and due < today and not activity.status.closed


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


def select(plan: Plan, wanted: Filter, today: date, sort: SortKey = "id") -> list[ActivityRow]:
    """The activities that match every criterion, as of `today`, sorted."""
    rows = [as_of(a, today) for a in plan.activities if _matches(a, wanted, today)]
    return sort_rows(rows, sort)


def _matches(activity: Activity, wanted: Filter, today: date) -> bool:
    due = activity.deadline.due
    if wanted.owners and not any(names(activity, owner) for owner in wanted.owners):
        return False
    if wanted.goals and not any(serves(activity, goal) for goal in wanted.goals):
        return False
    if wanted.statuses and activity.status not in wanted.statuses:
        return False
    if wanted.due_before is not None and (due is None or due >= wanted.due_before):
        return False
    if wanted.due_after is not None and (due is None or due <= wanted.due_after):
        return False
    if wanted.ongoing is not None and activity.deadline.ongoing != wanted.ongoing:
        return False
    if wanted.overdue and not is_overdue(activity, today):
        return False
    return wanted.search is None or fold(wanted.search) in fold(activity.title)


def sort_rows(rows: Iterable[ActivityRow], sort: SortKey) -> list[ActivityRow]:
    """Rows in the order asked for; ties keep document order."""
    keys: dict[str, Callable[[ActivityRow], tuple[object, ...]]] = {
        "id": lambda r: (int(r.activity.id),),
        "due": lambda r: (r.activity.deadline.due is None, r.activity.deadline.due or date.min),
        "goal": lambda r: (min(goal_key(g) for g in r.activity.goals),),
        "owner": lambda r: (fold(r.activity.owners[0]),),
        "status": lambda r: (STATUS_ORDER.index(r.activity.status),),
    }
    return sorted(rows, key=keys[sort])


def goal_key(goal_id: str) -> tuple[int, ...]:
    """Numeric order of goal ids: 4.2 < 4.2.1 < 4.10."""
    return tuple(int(part) for part in goal_id.split("."))


def overdue(plan: Plan, today: date, wanted: Filter | None = None) -> list[ActivityRow]:
    """Overdue activities, most days late first."""
    return select(plan, replace(wanted or Filter(), overdue=True), today, "due")


def upcoming(
    plan: Plan, today: date, within: int, wanted: Filter | None = None
) -> list[ActivityRow]:
    """Open activities due from today up to `within` days ahead, soonest first."""
    last = today + timedelta(days=within)
    rows = select(plan, wanted or Filter(), today, "due")
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
    if by == "goal":
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


def goal_summaries(plan: Plan, today: date) -> list[GoalSummary]:
    """Every goal in tree order, sub-goals rolled up into their parents."""
    goals = sorted(plan.goals, key=lambda g: goal_key(g.id))
    top = min((g.id.count(".") for g in goals), default=0)
    summaries = []
    for goal in goals:
        mine = [a for a in plan.activities if serves(a, goal)]
        by_status = {s: sum(1 for a in mine if a.status == s) for s in Status}
        summaries.append(
            GoalSummary(
                goal=goal,
                depth=goal.id.count(".") - top,
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
