"""The plan's schema: plan, goal, owner, activity, status and notes (pydantic v2).

Every scalar reaches these models as the text written in the YAML file (see loader.py), so
YAML 1.1's guesses never apply: `4.10` stays "4.10" and `status: no` is an unknown status.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from hplan.deadlines import Deadline, DeadlineError, parse_deadline


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


def _status(value: Any) -> Status:
    if isinstance(value, Status):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("status", "a status is a word such as not-started or done")
    try:
        return parse_status(value)
    except StatusError as error:
        raise PydanticCustomError("status", str(error)) from None


def _deadline(value: Any, info: ValidationInfo) -> Deadline:
    if isinstance(value, Deadline):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("deadline", "a deadline is text such as 'Löpande' or '25 maj'")
    # The loader passes the plan's year; a deadline without a year needs it.
    year = (info.context or {}).get("year", 2000)
    try:
        return parse_deadline(value, year)
    except DeadlineError as error:
        raise PydanticCustomError("deadline", str(error)) from None


StatusField = Annotated[
    Status,
    PlainValidator(_status, json_schema_input_type=str),
    PlainSerializer(lambda s: s.value, return_type=str),
]
DeadlineField = Annotated[
    Deadline,
    PlainValidator(_deadline, json_schema_input_type=str),
    PlainSerializer(lambda d: d.text, return_type=str),
]
GoalId = Annotated[str, Field(pattern=r"^\d+(\.\d+)*$", description="Numbered id, e.g. 4.2.1")]
ActivityId = Annotated[
    str, Field(pattern=r"^[1-9][0-9]*$", description="A whole number, unique in the plan")
]
Text = Annotated[str, Field(min_length=1)]


def _none_is_empty(value: Any) -> Any:
    return [] if value is None else value


NoneIsEmpty = BeforeValidator(_none_is_empty)
"""An optional list left empty (`notes:`) is an empty list."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Goal(_Strict):
    """A goal (mål) or sub-goal (delmål); the tree follows the ids (4.2.1 is under 4.2)."""

    id: GoalId
    title: Text
    text: str = ""
    objective: str | None = None

    @property
    def parent_id(self) -> str | None:
        return self.id.rsplit(".", 1)[0] if "." in self.id else None


class OwnerKind(StrEnum):
    PERSON = "person"
    ROLE = "role"


class Owner(_Strict):
    """A person or a role that the activity list names."""

    name: Text
    kind: OwnerKind = OwnerKind.PERSON


class Note(_Strict):
    """A dated note on an activity, kept like an annotation."""

    date: date
    text: Text


class Activity(_Strict):
    """One line of the activity list."""

    id: ActivityId
    title: Text
    goals: list[GoalId] = Field(min_length=1)
    owners: list[Text] = Field(min_length=1)
    with_: Annotated[list[Text], NoneIsEmpty] = Field(default_factory=list, alias="with")
    deadline: DeadlineField
    status: StatusField
    status_date: date | None = None
    notes: Annotated[list[Note], NoneIsEmpty] = Field(default_factory=list)


class Plan(_Strict):
    """The whole action plan."""

    title: Text
    organisation: Text
    year: int = Field(ge=1900, le=2999)
    language: str = Field(default="sv", pattern=r"^[a-z]{2}$")
    goals: list[Goal]
    owners: list[Owner]
    activities: list[Activity]

    def activity(self, activity_id: str) -> Activity | None:
        """The activity with this id, or None."""
        return next((a for a in self.activities if a.id == activity_id), None)

    def goal(self, goal_id: str) -> Goal | None:
        """The goal with this id, or None."""
        return next((g for g in self.goals if g.id == goal_id), None)
