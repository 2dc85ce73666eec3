"""The board's follow-up: everything a report or timeline shows, as data, as of a day.

Pure: takes the plan and a `today`, returns data; rendering lives in hplan.render.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from hplan.plan.model import Followup, Goal, Plan
from hplan.plan.statuses import Status

if TYPE_CHECKING:
    from hplan.queries.changes import Change
from hplan.queries.filters import (
    UPCOMING_DAYS,
    ActivityRow,
    Filter,
    GoalSummary,
    OwnerSummary,
    SortKey,
    as_of,
    goal_key,
    goal_summaries,
    overdue,
    owner_summaries,
    select,
    upcoming,
)
from hplan.queries.followups import RoundSection, round_section


@dataclass(frozen=True)
class GoalSection:
    """A goal with the activities that serve it directly and its rolled-up counts."""

    goal: Goal
    summary: GoalSummary
    rows: list[ActivityRow]


@dataclass(frozen=True)
class TimelineRow:
    """A dated activity on the timeline: a bar from `start` to `end`, or a marker at `end`."""

    row: ActivityRow
    start: date
    end: date
    bar: bool


@dataclass(frozen=True)
class Timeline:
    """The plan year, its dated activities in due order, and the ongoing ones apart."""

    first: date
    last: date
    today: date
    rows: list[TimelineRow]
    ongoing: list[ActivityRow]

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def position(self, day: date) -> float:
        """Where a day falls in the year, from 0.0 (first day) to 1.0 (after the last)."""
        clipped = min(max(day, self.first), self.last + timedelta(days=1))
        return (clipped - self.first).days / self.days


@dataclass(frozen=True)
class Report:
    """What the board reads: summary, overdue, upcoming, goals, owners, the whole list."""

    plan: Plan
    today: date
    language: str
    counts: dict[Status, int]
    overdue: list[ActivityRow]
    upcoming: list[ActivityRow]
    goals: list[GoalSection]
    owners: list[OwnerSummary]
    rows: list[ActivityRow]
    timeline: Timeline
    changes: list[Change] | None = None
    since: str | None = None
    since_day: date | None = None
    """The day `since` names (a tag's commit day: the board's meeting), when known."""
    within: int = UPCOMING_DAYS
    """How many days ahead `upcoming` looks."""
    round: RoundSection | None = None
    """The follow-up round the report shows the owners' assessments of, if any."""

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def done_share(self) -> float:
        """Done among activities not cancelled, 0.0 to 1.0."""
        counted = self.total - self.counts[Status.CANCELLED]
        return self.counts[Status.DONE] / counted if counted else 0.0


def build_report(
    plan: Plan,
    today: date,
    language: str,
    changes: list[Change] | None = None,
    since: str | None = None,
    since_day: date | None = None,
    followup: Followup | None = None,
) -> Report:
    """The follow-up report of `plan` as of `today`, with what changed `since` if given, and
    the owners' assessments at the round `followup` if given.

    As of a past day, nothing dated after it appears: notes, answers and changes dated later
    are left out (a status set later cannot be undone without the plan's history, and stays).
    """
    plan = replace(
        plan,
        activities=[
            replace(
                a,
                notes=[n for n in a.notes if n.date <= today],
                assessments=[x for x in a.assessments if x.date <= today],
            )
            for a in plan.activities
        ],
    )
    if changes is not None:
        from hplan.queries.changes import visible_as_of

        changes = visible_as_of(changes, today)
        # by the day shown (a status date, a note's date), else the commit's day
        changes.sort(key=lambda c: c.dated or (c.when.date() if c.when else today))
    rows = [as_of(a, today) for a in plan.activities]
    summaries = {s.goal.id: s for s in goal_summaries(plan, today)}
    sections = [
        GoalSection(goal, summaries[goal.id], [r for r in rows if goal.id in r.activity.goals])
        for goal in sorted(plan.goals, key=lambda g: goal_key(g.id))
    ]
    return Report(
        plan=plan,
        today=today,
        language=language,
        counts={s: sum(1 for r in rows if r.activity.status == s) for s in Status},
        overdue=overdue(plan, today),
        upcoming=upcoming(plan, today, UPCOMING_DAYS),
        goals=sections,
        owners=owner_summaries(plan, today),
        rows=rows,
        timeline=build_timeline(plan, today),
        changes=changes,
        since=since,
        since_day=since_day,
        round=round_section(plan, followup) if followup is not None else None,
    )


def build_timeline(plan: Plan, today: date, wanted: Filter | None = None) -> Timeline:
    """Dated activities across the plan year, due order; ongoing ones listed apart."""
    rows = select(plan, wanted or Filter(), today, SortKey.DUE)
    dated = []
    for row in rows:
        deadline = row.activity.deadline
        if deadline.due is None:
            continue
        bar = deadline.kind in ("range", "period") and deadline.start is not None
        start = deadline.start if bar and deadline.start is not None else deadline.due
        dated.append(TimelineRow(row, start, deadline.due, bar))
    return Timeline(
        first=date(plan.year, 1, 1),
        last=date(plan.year, 12, 31),
        today=today,
        rows=dated,
        ongoing=[r for r in rows if r.activity.deadline.ongoing],
    )
