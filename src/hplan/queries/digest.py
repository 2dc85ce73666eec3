"""The weekly digest as data: for each person, what is theirs and overdue, coming due, quiet
for a long time, or changed since the last digest. Pure: the plan, a day and the history in,
digests out; the message and its delivery live in hplan.mail.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from hplan.plan.matching import text_key
from hplan.plan.model import Activity, Followup, Owner, OwnerKind, Plan
from hplan.queries.filters import ActivityRow, as_of

if TYPE_CHECKING:
    from hplan.queries.changes import Change


@dataclass(frozen=True)
class Windows:
    """How far ahead "coming due" looks, by the kind of deadline, and when quiet is too long."""

    period: int = 28
    """Days ahead for a period or a "Senast …" deadline (Juni, Första halvåret 2025)."""
    day: int = 7
    """Days ahead for a day or a range of days (25 maj, 17–18 maj)."""
    quiet: int = 60
    """Days without a word (a status set, a note) after which an open activity is quiet."""

    def ahead(self, activity: Activity) -> int:
        """How many days ahead this activity's deadline is worth a word."""
        return self.day if activity.deadline.kind in ("day", "range") else self.period


@dataclass(frozen=True)
class Quiet:
    """An open activity nobody has said anything of for a long time."""

    row: ActivityRow
    since: date | None
    """The last word: its status set or a note; None when nothing was said since the plan
    began (the start of its year is then what counts)."""


@dataclass(frozen=True)
class Digest:
    """What one recipient (a person, or a role with an address of its own) hears about."""

    owner: Owner
    overdue: list[ActivityRow] = field(default_factory=list)
    coming: list[ActivityRow] = field(default_factory=list)
    quiet: list[Quiet] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    ahead: int = 0
    """The longest window among the activities coming due, in days (for the subject)."""
    asked: list[Activity] = field(default_factory=list)
    """The open activities they own whose assessment the round being asked still lacks."""

    @property
    def address(self) -> str | None:
        """Where the digest goes, if the owner has an address."""
        return self.owner.email

    @property
    def empty(self) -> bool:
        """True when there is nothing to say."""
        return not (self.overdue or self.coming or self.quiet or self.changed or self.asked)


@dataclass(frozen=True)
class Digests:
    """Every recipient's digest as of a day, and who could not be told."""

    plan: Plan
    today: date
    windows: Windows
    digests: list[Digest]
    """One per recipient with something to hear about (or everyone, with `always`)."""
    unreachable: list[Digest]
    """Owners with something to hear about but no address."""
    left_out: list[Owner]
    """Owners who asked for no digest (`digest: false`)."""
    round: Followup | None = None
    """The follow-up round whose assessments the digests ask for, while it takes answers."""
    reminder: bool = False
    """True in the last days before the round's answers are due: the asking reminds."""

    @property
    def listed(self) -> list[Digest]:
        """Every recipient's digest, then those of owners with no address: who would get
        what, as a dry run shows it."""
        return [*self.digests, *self.unreachable]


def build_digests(
    plan: Plan,
    today: date,
    windows: Windows | None = None,
    changes: list[Change] | None = None,
    always: bool = False,
) -> Digests:
    """Each owner's digest as of `today`. A person hears of the activities that name them and
    of those naming a role they are a member of; a role with an address of its own hears of
    its own. `changes`: what changed since the last digest, where history is known."""
    from hplan.queries.followups import asking, current_round, reminding

    windows = windows or Windows()
    followup = current_round(plan, today)
    if followup is not None and not asking(followup, today):
        followup = None
    roles_of: dict[str, list[Owner]] = {}
    for owner in plan.owners:
        for member in owner.members:
            roles_of.setdefault(text_key(member), []).append(owner)
    # Each owner's activities, found once: 300 people and 10,000 activities are not compared
    # pair by pair (names() is what a filter asks; this is the same match, indexed).
    named: dict[str, list[Activity]] = {}
    position = {id(a): i for i, a in enumerate(plan.activities)}
    for activity in plan.activities:
        for name in dict.fromkeys(text_key(n) for n in (*activity.owners, *activity.with_)):
            named.setdefault(name, []).append(activity)
    digests, unreachable, left_out = [], [], []
    for owner in plan.owners:
        if not owner.digest:
            left_out.append(owner)
            continue
        if owner.kind == OwnerKind.ROLE and owner.email is None and owner.members:
            continue  # its members hear of its activities
        whose = [owner, *roles_of.get(text_key(owner.name), [])]
        found = {id(a): a for o in whose for a in named.get(text_key(o.name), [])}
        mine = sorted(found.values(), key=lambda a: position[id(a)])
        digest = _digest(owner, mine, plan, today, windows, changes or [])
        if followup is not None:  # what the round asks of them: their own, not yet answered
            names = {text_key(o.name) for o in whose}
            missing = [
                a for a in mine if not a.status.closed and a.answer(followup.id) is None
                and any(text_key(n) in names for n in a.owners)
            ]  # fmt: skip
            digest = replace(digest, asked=missing)
        if owner.email is None:
            if not digest.empty:
                unreachable.append(digest)
        elif always or not digest.empty:
            digests.append(digest)
    reminder = followup is not None and reminding(followup, today)
    return Digests(plan, today, windows, digests, unreachable, left_out, followup, reminder)


def _digest(
    owner: Owner,
    mine: list[Activity],
    plan: Plan,
    today: date,
    windows: Windows,
    changes: list[Change],
) -> Digest:
    rows = [as_of(a, today) for a in mine if not a.status.closed]
    overdue = sorted((r for r in rows if r.overdue), key=lambda r: -r.days_overdue)
    coming, longest = [], 0
    for row in rows:
        due = row.activity.deadline.due
        ahead = windows.ahead(row.activity)
        if not row.overdue and due is not None and today <= due <= today + timedelta(ahead):
            longest = max(longest, ahead)
            coming.append(row)
    coming.sort(key=lambda r: r.activity.deadline.due or today)
    told = {r.activity.id for r in (*overdue, *coming)}
    quiet = []
    for row in rows:
        since = last_word(row.activity)
        silent = (today - (since or date(plan.year, 1, 1))).days
        if row.activity.id not in told and silent >= windows.quiet:
            quiet.append(Quiet(row, since))
    ids = {a.id for a in mine}
    changed = [c for c in changes if c.activity_id in ids and c.kind.value != "overdue"]
    return Digest(owner, overdue, coming, quiet, changed, longest)


def last_word(activity: Activity) -> date | None:
    """The last day anyone said something of an activity (its status set, a note, an answer
    at a follow-up round), if ever."""
    days = [n.date for n in activity.notes] + [a.date for a in activity.assessments]
    if activity.status_date is not None:
        days.append(activity.status_date)
    return max(days, default=None)
