"""Follow-up rounds as questions: which round is current, who has answered it, and how an
activity's assessment moved since the round before. Pure functions of a plan and a day; their
results are named tuples, which a read command loads at a tenth of a dataclass's cost."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from hplan.plan.assessments import Assessment
from hplan.plan.model import Activity, Answer, Followup, Goal, Plan

GRACE_DAYS = 7
"""Days after a round's answers_due during which the digest still asks for what is missing."""
REMIND_DAYS = 3
"""Days before answers_due from which the digest's asking is a reminder."""


def rounds_by_day(plan: Plan) -> list[Followup]:
    """The plan's rounds in the order of the days they report."""
    return sorted(plan.followups, key=lambda f: (f.as_of, f.id))


def current_round(plan: Plan, today: date) -> Followup | None:
    """The round whose state is the latest that has passed (`as_of` on or before today)."""
    passed = [f for f in rounds_by_day(plan) if f.as_of <= today]
    return passed[-1] if passed else None


def previous_round(plan: Plan, followup: Followup) -> Followup | None:
    """The round before `followup`, by the day it reports."""
    ordered = rounds_by_day(plan)
    at = ordered.index(followup)
    return ordered[at - 1] if at > 0 else None


def asking(followup: Followup, today: date) -> bool:
    """True while a round takes answers and the digest asks for them: its day has passed and
    its answers are due, or were due at most GRACE_DAYS ago."""
    return followup.as_of <= today <= followup.answers_due + timedelta(days=GRACE_DAYS)


def reminding(followup: Followup, today: date) -> bool:
    """True in the last days before (and after) answers_due: the asking is a reminder."""
    return asking(followup, today) and today >= followup.answers_due - timedelta(days=REMIND_DAYS)


def to_assess(plan: Plan) -> list[Activity]:
    """The activities a round asks about: the open ones (a done or cancelled one needs no
    assessment)."""
    return [a for a in plan.activities if not a.status.closed]


class OwnerAnswers(NamedTuple):
    """One owner's part of a round: the open activities they own, and those answered."""

    owner: str
    asked: list[Activity]
    answered: list[Activity]

    @property
    def missing(self) -> list[Activity]:
        """The activities still without an answer to the round."""
        done = {a.id for a in self.answered}
        return [a for a in self.asked if a.id not in done]


class RoundProgress(NamedTuple):
    """How far a round's answers are: per owner, and in all."""

    followup: Followup
    owners: list[OwnerAnswers]
    asked: int
    answered: int

    @property
    def silent(self) -> list[str]:
        """Owners asked who have answered nothing."""
        return [o.owner for o in self.owners if o.asked and not o.answered]


def progress(plan: Plan, followup: Followup) -> RoundProgress:
    """Per owner (in the plan's order): the open activities they own and those answered."""
    open_ = to_assess(plan)
    owners = []
    for owner in plan.owners:
        asked = [a for a in open_ if owner.name in a.owners]
        if asked:
            answered = [a for a in asked if a.answer(followup.id) is not None]
            owners.append(OwnerAnswers(owner.name, asked, answered))
    count = sum(1 for a in open_ if a.answer(followup.id) is not None)
    return RoundProgress(followup, owners, len(open_), count)


def assessment_now(activity: Activity, followup: Followup | None) -> Assessment | None:
    """An activity's assessment at a round (None: not answered, or no round)."""
    if followup is None:
        return None
    answer = activity.answer(followup.id)
    return answer.assessment if answer is not None else None


def moved(
    plan: Plan, activity: Activity, followup: Followup
) -> tuple[Answer | None, Answer | None]:
    """An activity's answer at `followup` and at the round before it."""
    before = previous_round(plan, followup)
    return activity.answer(followup.id), activity.answer(before.id) if before else None


class RoundRow(NamedTuple):
    """An open activity at a round: its answer (None: not yet assessed) and the answer at the
    round before, to show how it moved."""

    activity: Activity
    answer: Answer | None
    before: Answer | None


class GoalAnswers(NamedTuple):
    """A goal's open activities (its sub-goals' included) by their assessment at a round."""

    goal: Goal
    depth: int
    counts: dict[Assessment, int]
    unassessed: int


class RoundSection(NamedTuple):
    """What the board reads of a round: each open activity's answer and how it moved, the
    answers per goal (rolled up) and per owner."""

    followup: Followup
    previous: Followup | None
    rows: list[RoundRow]
    goals: list[GoalAnswers]
    progress: RoundProgress

    @property
    def unassessed(self) -> list[RoundRow]:
        return [r for r in self.rows if r.answer is None]

    @property
    def assessed(self) -> list[RoundRow]:
        return [r for r in self.rows if r.answer is not None]


def round_section(plan: Plan, followup: Followup) -> RoundSection:
    """The round as the report shows it."""
    from hplan.queries.filters import goal_tree, serves

    before = previous_round(plan, followup)
    open_ = to_assess(plan)
    rows = [
        RoundRow(a, a.answer(followup.id), a.answer(before.id) if before else None) for a in open_
    ]
    goals = []
    for goal, depth in goal_tree(plan):
        mine = [r for r in rows if serves(r.activity, goal)]
        counts = {kind: sum(1 for r in mine if r.answer and r.answer.assessment is kind)
                  for kind in Assessment}  # fmt: skip
        goals.append(GoalAnswers(goal, depth, counts, sum(1 for r in mine if r.answer is None)))
    return RoundSection(followup, before, rows, goals, progress(plan, followup))
