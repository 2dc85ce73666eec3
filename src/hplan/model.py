"""The plan as hplan works with it: plain objects, never changed once made.

They are made by validation (schema.py, with pydantic) or, for a plan validated before, from
the cache (cache.py); keeping pydantic out of this module keeps every command's start fast.
They are not frozen dataclasses only because those are several times slower to make, which a
10,000-activity plan read from the cache feels: a change is a new object (dataclasses.replace).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hplan.deadlines import Deadline


class Status(StrEnum):
    """Where an activity stands. Written to the file in this canonical form."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    BLOCKED = "blocked"
    CANCELLED = "cancelled"

    @property
    def closed(self) -> bool:
        """Done or cancelled: never overdue, not open."""
        return self in (Status.DONE, Status.CANCELLED)


SWEDISH_STATUS_WORDS = {
    "ej påbörjad": Status.NOT_STARTED,
    "ej påbörjat": Status.NOT_STARTED,
    "påbörjad": Status.IN_PROGRESS,
    "påbörjat": Status.IN_PROGRESS,
    "pågår": Status.IN_PROGRESS,
    "genomförd": Status.DONE,
    "genomfört": Status.DONE,
    "klar": Status.DONE,
    "klart": Status.DONE,
    "blockerad": Status.BLOCKED,
    "blockerat": Status.BLOCKED,
    "avbruten": Status.CANCELLED,
    "avbrutet": Status.CANCELLED,
    "inställd": Status.CANCELLED,
    "inställt": Status.CANCELLED,
}


class StatusError(ValueError):
    """The text is not a status hplan knows."""


def parse_status(text: str) -> Status:
    """Read a status in canonical form or one of the Swedish follow-up words."""
    key = " ".join(unicodedata.normalize("NFC", text).casefold().replace("_", "-").split())
    for status in Status:
        if key in (status.value, status.value.replace("-", " ")):
            return status
    if key in SWEDISH_STATUS_WORDS:
        return SWEDISH_STATUS_WORDS[key]
    canonical = ", ".join(s.value for s in Status)
    swedish = ", ".join(SWEDISH_STATUS_WORDS)
    raise StatusError(f"unknown status '{text}'; use one of {canonical} (or {swedish})")


class OwnerKind(StrEnum):
    PERSON = "person"
    ROLE = "role"


@dataclass(slots=True)
class Goal:
    """A goal (mål) or sub-goal (delmål); the tree follows the ids (4.2.1 is under 4.2)."""

    id: str
    title: str
    text: str = ""
    objective: str | None = None

    @property
    def parent_id(self) -> str | None:
        return self.id.rsplit(".", 1)[0] if "." in self.id else None


@dataclass(slots=True)
class Owner:
    """A person or a role that the activity list names."""

    name: str
    kind: OwnerKind = OwnerKind.PERSON


@dataclass(slots=True)
class Note:
    """A dated note on an activity, kept like an annotation."""

    date: date
    text: str


@dataclass(slots=True)
class Activity:
    """One line of the activity list."""

    id: str
    title: str
    goals: list[str]
    owners: list[str]
    deadline: Deadline
    status: Status
    with_: list[str] = field(default_factory=list)
    status_date: date | None = None
    notes: list[Note] = field(default_factory=list)


@dataclass(frozen=True)
class Plan:
    """The whole action plan."""

    title: str
    organisation: str
    year: int
    language: str
    goals: list[Goal]
    owners: list[Owner]
    activities: list[Activity]

    @cached_property
    def _activities(self) -> dict[str, Activity]:
        return {a.id: a for a in self.activities}

    def activity(self, activity_id: str) -> Activity | None:
        """The activity with this id, or None."""
        return self._activities.get(activity_id)

    def goal(self, goal_id: str) -> Goal | None:
        """The goal with this id, or None."""
        return next((g for g in self.goals if g.id == goal_id), None)
