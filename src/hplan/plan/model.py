"""The plan: the one declaration of every field of the plan file, its type and its meaning.

Everything else derives from these classes: validation and the JSON Schema (pydantic, through
plan/validation.py), the cache (store/activities.py keeps them as marshal items), the
JSON output (render/records.py walks their fields) and the YAML written for a new activity
(store/yaml_text.py). A field's docstring is its description in the JSON Schema.

They are plain dataclasses so that a plan read from the cache needs no pydantic; they are not
frozen only because frozen slots classes are several times slower to make, which a
10,000-activity plan feels: a change is a new object (dataclasses.replace).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Annotated, Any

from hplan.plan.assessments import Assessment
from hplan.plan.deadlines import Deadline
from hplan.plan.rules import FILE_CONFIG, Rule
from hplan.plan.statuses import Status

GOAL_ID_PATTERN = r"^[0-9]+(\.[0-9]+)*$"
ACTIVITY_ID_PATTERN = r"^[1-9][0-9]{0,8}$"
ROUND_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$"

MAX_TEXT = 4_000
"""The most characters one text of the plan holds (a title, a name, a goal's text, a note):
more than a page. Beyond it a terminal, a table and a mail stop being readable."""
MAX_ACTIVITIES = 10_000
"""The most activities a plan holds (the 2025 plan has 19): every command answers within
a few seconds at this size (benchmarks/RESULTS.md, "at the limits")."""
MAX_ITEMS = 1_000
"""The most goals, owners, notes of one activity, or names in one list a plan holds."""

Text = Annotated[str, Rule(min_length=1, max_length=MAX_TEXT, text=True)]
"""Text of the plan: not empty, no control characters, at most MAX_TEXT characters."""
LongText = Annotated[str, Rule(max_length=MAX_TEXT, text=True)]
GoalId = Annotated[
    str,
    Rule(
        pattern=GOAL_ID_PATTERN,
        editor={"anyOf": [{"type": "string", "pattern": GOAL_ID_PATTERN}, {"type": "number"}]},
    ),
]
ActivityId = Annotated[
    str,
    Rule(
        pattern=ACTIVITY_ID_PATTERN,
        editor={
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 999_999_999},
                {"type": "string", "pattern": ACTIVITY_ID_PATTERN},
            ]
        },
    ),
]
RoundId = Annotated[str, Rule(pattern=ROUND_ID_PATTERN)]
"""A follow-up round's id: T1, T2, 2025-1 (letters, digits, '.', '_', '-'; at most 20)."""
FIRST_YEAR, LAST_YEAR = 1900, 2999
"""The years a plan may have, and the days hplan answers as of."""
Year = Annotated[int, Rule(ge=FIRST_YEAR, le=LAST_YEAR, digits=True)]
LANGUAGES = ("sv", "en")
"""The languages hplan speaks: a plan's text and hplan's output for people."""
Language = Annotated[str, Rule(pattern="^(" + "|".join(LANGUAGES) + ")$")]


def check_language(language: str) -> str:
    """The language if hplan speaks it; a UsageError naming those it does otherwise."""
    from hplan.errors import Message, UsageError

    if language not in LANGUAGES:
        raise UsageError(
            "language",
            Message(
                "hplan speaks {some} and {last}, not '{language}'",
                some=", ".join(LANGUAGES[:-1]),
                last=LANGUAGES[-1],
                language=language,
            ),
        )
    return language


Names = Annotated[list[Text], Rule(max_length=MAX_ITEMS, none_is_empty=True)]
EmailAddress = Annotated[str, Rule(email=True)]
"""An e-mail address, its syntax checked (no look-up of the domain)."""
MessageId = Annotated[str, Rule(min_length=3, max_length=998, text=True)]
"""An e-mail's Message-ID as its header gives it: <…@…>."""
DEFAULT_TIME_ZONE = "Europe/Stockholm"
"""The time zone of a plan that names none: Hälsingland's."""
TimeZone = Annotated[str, Rule(min_length=1, time_zone=True)]


class OwnerKind(StrEnum):
    """Whether an owner is a named person or a role (Näringslivschefer)."""

    PERSON = "person"
    ROLE = "role"


@dataclass(slots=True, kw_only=True)
class Goal:
    """A goal (mål) or sub-goal (delmål); the tree follows the ids (4.2.1 is under 4.2)."""

    __pydantic_config__ = FILE_CONFIG

    id: GoalId
    """A numbered goal id such as 4.2.1; a sub-goal's parent (4.2) must exist."""
    title: Text
    """The goal as the plan names it."""
    text: LongText = ""
    """The goal's text from the plan document."""
    objective: LongText | None = None
    """What the goal is to achieve (målsättning), where the document states it."""

    @property
    def parent_id(self) -> str | None:
        """The id of the goal this one is under (4.2 for 4.2.1), or None."""
        return self.id.rsplit(".", 1)[0] if "." in self.id else None


@dataclass(slots=True, kw_only=True)
class Owner:
    """A person or a role that the activity list names, and how the digest reaches them."""

    __pydantic_config__ = FILE_CONFIG

    name: Text
    """As the activity list writes it."""
    kind: OwnerKind = OwnerKind.PERSON
    """person or role."""
    email: EmailAddress | None = None
    """The e-mail address the weekly digest goes to (a role's: a shared mailbox). May come
    from a contacts file instead, to keep addresses out of a public plan."""
    members: Names = field(default_factory=list)
    """For a role: the people (declared under owners:) who fill it; each gets the role's
    activities in their own digest."""
    digest: Annotated[bool, Rule(none_is=True)] = True
    """false: never sent a digest."""


@dataclass(slots=True, kw_only=True)
class Note:
    """A dated note on an activity, kept like an annotation."""

    __pydantic_config__ = FILE_CONFIG

    date: dt.date
    """The day of the note: 2025-06-01."""
    text: Text
    """The note as written."""
    by: Text | None = None
    """Who wrote it, where hplan knows (an owner answering by e-mail)."""
    via: MessageId | None = None
    """The e-mail reply that wrote it (its Message-ID): `hplan inbox` records a reply once."""


@dataclass(slots=True, kw_only=True)
class Followup:
    """A follow-up round (uppföljning, in municipalities usually one per tertial): the day
    whose state it reports, and the day the owners' assessments are due."""

    __pydantic_config__ = FILE_CONFIG

    id: RoundId
    """The round's id, unique in the plan: T1 (`hplan assess 5 at-risk --round T1`)."""
    title: Text
    """The round as the board names it: Tertial 1."""
    as_of: dt.date
    """The day whose state the round reports: 2025-04-30 (in the plan's year)."""
    answers_due: dt.date
    """The day the owners' assessments are due: 2025-05-12 (after the last round's as_of,
    it may fall in the next year)."""


@dataclass(slots=True, kw_only=True)
class Answer:
    """An owner's answer at a follow-up round: will the activity be done as planned, and if
    not, why and what is being done."""

    __pydantic_config__ = FILE_CONFIG

    round: RoundId
    """The round it answers, declared under followups:."""
    assessment: Assessment
    """on-track, at-risk or off-track (enligt plan, risk, avvikelse)."""
    comment: LongText = ""
    """Why, and what is being done (for at-risk and off-track above all)."""
    by: Text
    """Who answered: an owner of the activity, or a member of an owning role."""
    date: dt.date
    """The day of the answer."""
    via: MessageId | None = None
    """The e-mail reply that gave it (its Message-ID): `hplan inbox` records a reply once."""


@dataclass(slots=True, kw_only=True)
class Activity:
    """One line of the activity list."""

    __pydantic_config__ = FILE_CONFIG

    id: ActivityId
    """A whole number, unique in the plan: `hplan status 5 done`."""
    title: Text
    """The activity as the plan writes it."""
    goals: Annotated[list[GoalId], Rule(min_length=1, max_length=MAX_ITEMS)]
    """The goals it serves, at least one, each declared under goals:."""
    owners: Annotated[list[Text], Rule(min_length=1, max_length=MAX_ITEMS)]
    """Who is responsible, at least one, each declared under owners:."""
    with_: Names = field(default_factory=list)
    """Owners named alongside ("tillsammans med")."""
    # Its description, with the accepted forms, comes from Deadline (plan/deadlines.py).
    deadline: Deadline
    status: Status
    """Where it stands."""
    status_date: dt.date | None = None
    """The day the status was last set."""
    notes: Annotated[list[Note], Rule(max_length=MAX_ITEMS, none_is_empty=True)] = field(
        default_factory=list
    )
    """Dated notes, oldest first."""
    assessments: Annotated[list[Answer], Rule(max_length=MAX_ITEMS, none_is_empty=True)] = field(
        default_factory=list
    )
    """The owners' answers at the follow-up rounds, one per round (`hplan assess`)."""

    def answer(self, round_id: str) -> Answer | None:
        """The answer to the round `round_id`, or None."""
        return next((a for a in self.assessments if a.round == round_id), None)

    def answered(self, answer: Answer) -> Activity:
        """This activity with `answer` as its answer to that round (one replacing an earlier
        one of the same round in its place; git keeps the earlier one)."""
        kept = [a for a in self.assessments if a.round != answer.round]
        if len(kept) == len(self.assessments):
            return replace(self, assessments=[*self.assessments, answer])
        return replace(
            self, assessments=[answer if a.round == answer.round else a for a in self.assessments]
        )

    def changed(
        self, day: dt.date, status: Status | None = None, note: str | None = None,
        by: str | None = None, via: str | None = None,
    ) -> Activity:  # fmt: skip
        """This activity with its status set (the change dated `day`) and a note dated `day`
        kept (`by` whom, `via` which e-mail reply); either may be None. Setting the status it
        has already is no change: its date stays."""
        changes: dict[str, Any] = {}
        if status is not None and status != self.status:
            changes.update(status=status, status_date=day)
        if note is not None:
            changes["notes"] = [*self.notes, Note(date=day, text=note, by=by, via=via)]
        return replace(self, **changes) if changes else self


@dataclass(frozen=True, kw_only=True)
class Contacts:
    """A contacts file: e-mail addresses (and members, and who wants no digest) for owners the
    plan declares, kept apart from a plan in a public repository."""

    __pydantic_config__ = FILE_CONFIG

    owners: list[Owner]
    """Owners by the plan's names, with `email`, `members` or `digest`; `kind` comes from
    the plan."""


@dataclass(frozen=True, kw_only=True)
class Plan:
    """The whole action plan."""

    __pydantic_config__ = FILE_CONFIG

    title: Text
    """The plan's title."""
    organisation: Text
    """Who keeps the plan: Hälsingerådet."""
    year: Year
    """The plan's year; deadlines written without a year are read in it."""
    language: Language = "sv"
    """The language of its text and of hplan's output for people: sv or en."""
    timezone: TimeZone = DEFAULT_TIME_ZONE
    """The time zone whose date is "today" for the plan (an IANA name): a job run on a
    server in UTC late on Sunday evening answers as of Monday in Sweden."""
    goals: Annotated[list[Goal], Rule(max_length=MAX_ITEMS)]
    """The goal tree."""
    owners: Annotated[list[Owner], Rule(max_length=MAX_ITEMS)]
    """The people and roles the activity list names."""
    followups: Annotated[list[Followup], Rule(max_length=MAX_ITEMS, none_is_empty=True)] = field(
        default_factory=list
    )
    """The follow-up rounds of the year, each asking the owners for an assessment of every
    open activity (see docs/followup.md)."""
    # A Sequence, not a list: a plan read from the cache makes each activity where a command
    # reads it (store/activities.py).
    activities: Annotated[Sequence[Activity], Rule(max_length=MAX_ACTIVITIES)]
    """The activity list, in the plan's order."""

    def next_activity_id(self) -> str:
        """The id a new activity gets: one more than the highest."""
        return str(max((int(a.id) for a in self.activities), default=0) + 1)

    def activity(self, activity_id: str) -> Activity | None:
        """The activity with this id, or None."""
        return next((a for a in self.activities if a.id == activity_id), None)

    def followup(self, round_id: str) -> Followup | None:
        """The follow-up round with this id, or None."""
        return next((f for f in self.followups if f.id == round_id), None)

    def goal(self, goal_id: str) -> Goal | None:
        """The goal with this id, or None."""
        return next((g for g in self.goals if g.id == goal_id), None)

    def goal_title(self, goal_id: str) -> str:
        """The title of the goal with this id, or "" when the plan has none."""
        goal = self.goal(goal_id)
        return goal.title if goal else ""
