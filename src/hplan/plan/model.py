"""The plan: the one declaration of every field of the plan file, its type and its meaning.

Everything else derives from these classes: validation and the JSON Schema (pydantic, through
plan/validation.py), the cache (store/cache.py pickles them), the JSON output
(render/records.py walks their fields) and the YAML written for a new activity
(store/yaml_text.py). A field's docstring is its description in the JSON Schema.

They are plain dataclasses so that a plan read from the cache needs no pydantic; they are not
frozen only because frozen slots classes are several times slower to make, which a
10,000-activity plan feels: a change is a new object (dataclasses.replace).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Annotated, Any

from hplan.plan.deadlines import Deadline
from hplan.plan.rules import FILE_CONFIG, Rule
from hplan.plan.statuses import Status

GOAL_ID_PATTERN = r"^[0-9]+(\.[0-9]+)*$"
ACTIVITY_ID_PATTERN = r"^[1-9][0-9]{0,8}$"

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

    def changed(
        self, day: dt.date, status: Status | None = None, note: str | None = None
    ) -> Activity:
        """This activity with its status set (the change dated `day`) and a note dated `day`
        kept; either may be None. Setting the status it has already is no change: its date
        stays."""
        changes: dict[str, Any] = {}
        if status is not None and status != self.status:
            changes.update(status=status, status_date=day)
        if note is not None:
            changes["notes"] = [*self.notes, Note(date=day, text=note)]
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
    activities: Annotated[list[Activity], Rule(max_length=MAX_ACTIVITIES)]
    """The activity list, in the plan's order."""

    def next_activity_id(self) -> str:
        """The id a new activity gets: one more than the highest."""
        return str(max((int(a.id) for a in self.activities), default=0) + 1)

    def activity(self, activity_id: str) -> Activity | None:
        """The activity with this id, or None."""
        return next((a for a in self.activities if a.id == activity_id), None)

    def goal(self, goal_id: str) -> Goal | None:
        """The goal with this id, or None."""
        return next((g for g in self.goals if g.id == goal_id), None)

    def goal_title(self, goal_id: str) -> str:
        """The title of the goal with this id, or "" when the plan has none."""
        goal = self.goal(goal_id)
        return goal.title if goal else ""
