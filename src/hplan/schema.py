"""The plan file's schema (pydantic v2): what a valid plan is, and its JSON Schema.

Validation turns the file's data into the plain objects of model.py. Every scalar reaches
these models as the text written in the YAML file (see loader.py), so YAML 1.1's guesses
never apply: `4.10` stays "4.10" and `status: no` is an unknown status. Imported only when a
plan must be validated: building pydantic models costs a tenth of a second at start-up.
"""

from __future__ import annotations

from datetime import date
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

from hplan import model
from hplan.deadlines import Deadline, DeadlineError, parse_deadline
from hplan.model import OwnerKind, Status, StatusError, parse_status


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


class GoalSchema(_Strict):
    """A goal (mål) or sub-goal (delmål); the tree follows the ids (4.2.1 is under 4.2)."""

    id: GoalId
    title: Text
    text: str = ""
    objective: str | None = None


class OwnerSchema(_Strict):
    """A person or a role that the activity list names."""

    name: Text
    kind: OwnerKind = OwnerKind.PERSON


class NoteSchema(_Strict):
    """A dated note on an activity, kept like an annotation."""

    date: date
    text: Text


class ActivitySchema(_Strict):
    """One line of the activity list."""

    id: ActivityId
    title: Text
    goals: list[GoalId] = Field(min_length=1)
    owners: list[Text] = Field(min_length=1)
    with_: Annotated[list[Text], NoneIsEmpty] = Field(default_factory=list, alias="with")
    deadline: DeadlineField
    status: StatusField
    status_date: date | None = None
    notes: Annotated[list[NoteSchema], NoneIsEmpty] = Field(default_factory=list)


class PlanSchema(_Strict):
    """The whole action plan."""

    title: Text
    organisation: Text
    year: int = Field(ge=1900, le=2999)
    language: str = Field(default="sv", pattern=r"^[a-z]{2}$")
    goals: list[GoalSchema]
    owners: list[OwnerSchema]
    activities: list[ActivitySchema]


def validate(data: dict[str, Any], year: int) -> model.Plan:
    """The plan in `data` (text as written), validated; pydantic's ValidationError if not."""
    return _to_plan(PlanSchema.model_validate(data, context={"year": year}))


def validate_activity(data: dict[str, Any], year: int) -> model.Activity:
    """One activity's data, validated on its own; pydantic's ValidationError if not."""
    return _to_activity(ActivitySchema.model_validate(data, context={"year": year}))


def allowed_keys(section: str | None, nested: str | None = None) -> list[str]:
    """The keys a plan, goal, owner, activity or note may have, in the file's spelling."""
    schemas: dict[str, type[_Strict]] = {
        "goals": GoalSchema,
        "owners": OwnerSchema,
        "activities": NoteSchema if nested == "notes" else ActivitySchema,
    }
    schema = schemas.get(section or "", PlanSchema)
    return [f.alias or name for name, f in schema.model_fields.items()]


def _to_plan(plan: PlanSchema) -> model.Plan:
    return model.Plan(
        title=plan.title,
        organisation=plan.organisation,
        year=plan.year,
        language=plan.language,
        goals=[model.Goal(g.id, g.title, g.text, g.objective) for g in plan.goals],
        owners=[model.Owner(o.name, o.kind) for o in plan.owners],
        activities=[_to_activity(a) for a in plan.activities],
    )


def _to_activity(a: ActivitySchema) -> model.Activity:
    return model.Activity(
        id=a.id,
        title=a.title,
        goals=a.goals,
        owners=a.owners,
        with_=a.with_,
        deadline=a.deadline,
        status=a.status,
        status_date=a.status_date,
        notes=[model.Note(n.date, n.text) for n in a.notes],
    )
