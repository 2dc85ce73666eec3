"""What an owner's reply to the digest may record: who sent it, and for each line, whether it
is recorded or why not. The reply's mail (who, which digest) is checked by the application
layer (api/inbox.py); this module decides on the plan alone."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from hplan.errors import Message

if TYPE_CHECKING:
    from hplan.plan.assessments import Assessment
    from hplan.plan.model import Activity, Followup, Owner, Plan
    from hplan.plan.replies import AnswerLine, UnreadLine
    from hplan.plan.statuses import Status


class ReplyState(StrEnum):
    """What became of a reply."""

    RECORDED = "recorded"
    """At least one of its lines is recorded (would be, in a dry run)."""
    EARLIER = "earlier"
    """Recorded by an earlier run: its Message-ID is in the plan."""
    REFUSED = "refused"
    """Nothing of it is recorded: the reply itself, or each of its lines, is refused."""
    IGNORED = "ignored"
    """An automatic message (an out-of-office answer): never answered."""


@dataclass(frozen=True)
class Mail:
    """The reply as a person sees it in a mailbox."""

    message_id: str
    name: str
    address: str
    date: datetime | None
    subject: str


class ReplyLine(NamedTuple):
    """One line of a reply: what it records (`reason` None) or why it is refused."""

    number: int
    text: str
    activity_id: str | None
    title: str
    status: Status | None
    assessment: Assessment | None
    comment: str
    reason: Message | None
    said: str = ""
    """The status or assessment as written (klar, enligt plan)."""
    by: str = ""
    """Who answers by this line: the first of the sender's owners who may answer for it."""


@dataclass
class ReplyRead:
    """One message read from the mailbox, and what became of it."""

    key: str
    mail: Mail
    state: ReplyState
    reason: Message | None = None
    owner: str | None = None
    """The owner who sent it, when hplan verified that it answers their digest."""
    lines: list[ReplyLine] = field(default_factory=list)
    receipt: str | None = None
    """What became of its receipt: sent, missed, earlier (sent by an earlier run), or None."""

    @property
    def refused_lines(self) -> list[ReplyLine]:
        return [line for line in self.lines if line.reason is not None]

    @property
    def recorded_lines(self) -> list[ReplyLine]:
        return [line for line in self.lines if line.reason is None]


def recorded_replies(plan: Plan) -> set[str]:
    """The Message-IDs of every reply the plan has recorded (a note's or an answer's `via`)."""
    found: set[str] = set()
    for activity in plan.activities:
        found.update(n.via for n in activity.notes if n.via)
        found.update(a.via for a in activity.assessments if a.via)
    return found


def senders(plan: Plan, address: str) -> list[Owner]:
    """The owners whose address is `address` (any case): who a reply from it speaks for."""
    key = address.casefold()
    return [o for o in plan.owners if o.email and o.email.casefold() == key]


def judge_lines(
    plan: Plan,
    activities: Mapping[str, Activity],
    names: list[str],
    lines: list[AnswerLine | UnreadLine],
    followup: Followup | None,
) -> list[ReplyLine]:
    """Each line, recorded or refused: the activity must exist, be the sender's (`names`: the
    owners the sender speaks for, an owner or a member of an owning role), and an assessment
    needs an open round and an open activity. `activities`: each activity as the earlier
    lines and replies of this run leave it."""
    from hplan.plan.assessments import may_answer
    from hplan.plan.replies import UnreadLine

    members = {o.name: o.members for o in plan.owners}
    judged = []
    for line in lines:
        if isinstance(line, UnreadLine):
            judged.append(ReplyLine(line.number, line.text, None, "", None, None, "", line.reason))
            continue
        activity = activities.get(line.activity_id)
        reason, by = None, ""
        if activity is not None:
            allowed = may_answer(activity.owners, members)
            by = next((name for name in names if name in allowed), "")
        if activity is None:
            reason = Message("no activity has id {id} in the plan", id=line.activity_id)
        elif not by:
            reason = Message(
                "activity {id} is not yours to answer for (owners: {owners})",
                id=activity.id,
                owners=", ".join(activity.owners),
            )
        elif line.assessment is not None and followup is None:
            reason = Message("no follow-up round is open, so no assessment is asked for")
        elif line.assessment is not None and activity.status.closed:
            reason = Message("activity {id} is closed and needs no assessment", id=activity.id)
        title = activity.title if activity else ""
        judged.append(
            ReplyLine(
                line.number,
                line.text,
                line.activity_id,
                title,
                line.status,
                line.assessment,
                line.comment,
                reason,
                line.said,
                by,
            )
        )
    return judged


def answer_window(monday: date, today: date, days: int) -> Message | None:
    """Why a reply to the digest of the week beginning `monday` is too old or too new to read
    as of `today`, or None when it may be read (up to `days` days after that Monday)."""
    if monday > today:
        return Message(
            "it answers a digest of a week after {day}; nothing was read",
            day=today.isoformat(),
        )
    if (today - monday).days > days:
        return Message(
            "it answers a digest of the week of {monday}, more than {days} days before "
            "{day}; answer the latest digest instead",
            monday=monday.isoformat(),
            days=days,
            day=today.isoformat(),
        )
    return None
