"""The follow-up's changes, as data (api/changes.py has the others): an owner's answer at a
round (`hplan assess`), and a new round (`hplan followup open`). Each checks what was typed
when it is made and what the plan says when the pipeline makes it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from hplan.errors import HplanError, Message, UsageError, WordedError, WriteRefused

if TYPE_CHECKING:
    from hplan.plan.assessments import Assessment
    from hplan.plan.model import Activity, Followup, Plan
    from hplan.store.document import PlanDocument


class Assess(NamedTuple):
    """An owner's answer at a round: the assessment, a comment, who answered (None: the
    activity's one owner), the round (None: the current one), the e-mail reply it came in."""

    activity_id: str
    assessment: Assessment
    comment: str | None = None
    round_id: str | None = None
    by: str | None = None
    via: str | None = None

    def made(self, activity: Activity, plan: Plan, today: date) -> Activity:
        from hplan.plan.model import Answer
        from hplan.plan.statuses import Status

        followup = round_of(plan, self.round_id, today)
        if activity.status.closed:
            done = "done" if activity.status is Status.DONE else "cancelled"
            raise WriteRefused(Message(
                "activity {id} is {status}: a closed activity needs no assessment; nothing "
                "was written", id=activity.id, status=done))  # fmt: skip
        by = _answerer(plan, activity, self.by)
        answer = Answer(
            round=followup.id, assessment=self.assessment, comment=self.comment or "", by=by,
            date=today, via=self.via,
        )  # fmt: skip
        return activity.answered(answer)


class OpenRound(NamedTuple):
    """A new follow-up round: its id, title, the day it reports, the day answers are due."""

    round_id: str
    title: str
    as_of: date
    answers_due: date

    def on(self, document: PlanDocument) -> Followup:
        """The round added to the document's plan (after the last one), checked first."""
        from hplan.plan.model import Followup

        plan = document.plan
        if plan.followup(self.round_id) is not None:
            raise WriteRefused(
                Message("follow-up round {id} exists already; give another id", id=self.round_id)
            )
        if self.as_of.year != plan.year:
            raise UsageError("date", Message(
                "{day} is not in the plan's year {year}", day=self.as_of.isoformat(),
                year=plan.year))  # fmt: skip
        if self.answers_due < self.as_of or self.answers_due.year > plan.year + 1:
            raise UsageError("due", Message(
                "answers are due on or after the round's day {day}, at the latest in the next "
                "year", day=self.as_of.isoformat()))  # fmt: skip
        made = Followup(
            id=self.round_id, title=self.title, as_of=self.as_of, answers_due=self.answers_due
        )
        document.replace_followups([*plan.followups, made])
        return made


def assess_change(
    activity_id: str, assessment: Assessment | str, comment: str | None = None,
    round_id: str | None = None, by: str | None = None,
) -> Assess:  # fmt: skip
    """An answer as typed (on-track, at-risk, off-track; enligt plan, risk, avvikelse)."""
    from hplan.api.changes import typed_text
    from hplan.plan.assessments import AssessmentError, parse_assessment

    try:
        word = parse_assessment(assessment) if isinstance(assessment, str) else assessment
    except AssessmentError as error:
        raise UsageError("assessment", error.message) from None
    text = None if comment is None else typed_text(comment, Message("the comment"))
    return Assess(activity_id, word, text, round_id, by)


def open_round(
    round_id: str, title: str | None, as_of: date | str, answers_due: date | str
) -> OpenRound:
    """A new round as typed: its id checked, its days read (2025-04-30, 30 april 2025), its
    title (else its id)."""
    import re

    from hplan.api.changes import typed_text
    from hplan.plan.model import ROUND_ID_PATTERN

    if not re.match(ROUND_ID_PATTERN, round_id):
        raise UsageError("round", Message(
            "'{id}' is not a round id; use letters, digits, '.', '_' or '-' (T1, 2025-2)",
            id=round_id))  # fmt: skip
    name = typed_text(title, Message("the title")) if title is not None else round_id
    return OpenRound(round_id, name, _day(as_of, "date"), _day(answers_due, "due"))


def _day(value: date | str, field: str) -> date:
    from hplan.plan.clock import as_of_day

    if isinstance(value, date):
        return value
    try:
        return as_of_day(value.strip())
    except WordedError as error:  # a day hplan cannot read, in words
        raise UsageError(field, error.message) from None


def round_of(plan: Plan, round_id: str | None, today: date) -> Followup:
    """The round named (its id, in any case), else the current one; a UsageError naming
    --round when there is none."""
    from hplan.queries.followups import current_round

    if round_id is None:
        found = current_round(plan, today)
        if found is None:
            raise UsageError("round", Message(
                "no follow-up round has begun by {day}; name one with --round, or open one "
                "with `hplan followup open`", day=today.isoformat()))  # fmt: skip
        return found
    found = next((f for f in plan.followups if f.id.casefold() == round_id.casefold()), None)
    if found is None:
        known = ", ".join(f.id for f in plan.followups) or "-"
        raise UsageError("round", Message(
            "no follow-up round '{id}' in the plan (rounds: {known})", id=round_id,
            known=known))  # fmt: skip
    return found


def _answerer(plan: Plan, activity: Activity, by: str | None) -> str:
    """Who answers: `by` (a name or part of one, found in the plan), else the activity's one
    owner; it must be an owner of the activity or a member of an owning role."""
    from hplan.plan.assessments import may_answer
    from hplan.plan.lookup import find_owner

    if by is None:
        if len(activity.owners) != 1:
            raise UsageError("by", Message(
                "activity {id} has {count} owners; say who answers with --by ({owners})",
                id=activity.id, count=len(activity.owners),
                owners=", ".join(activity.owners)))  # fmt: skip
        return activity.owners[0]
    try:
        name = find_owner(plan, by).name
    except HplanError as error:
        raise UsageError("by", error.message) from None
    allowed = may_answer(activity.owners, {o.name: o.members for o in plan.owners})
    if name not in allowed:
        raise WriteRefused(Message(
            "{name} does not own activity {id} and is no member of a role that does "
            "({owners}); nothing was written", name=name, id=activity.id,
            owners=", ".join(activity.owners)))  # fmt: skip
    return name
