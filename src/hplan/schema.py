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
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from hplan import model
from hplan.deadlines import ACCEPTED_FORMS, Deadline, DeadlineError, parse_deadline
from hplan.model import SWEDISH_STATUS_WORDS, OwnerKind, Status, StatusError, parse_status


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


# The JSON Schema (hplan schema) describes the file as an editor's YAML 1.2 parser reads it:
# an unquoted 4.1 is a number there and `id: 5` an integer, which hplan reads as text.
_GOAL_ID_PATTERN = r"^\d+(\.\d+)*$"
_ACTIVITY_ID_PATTERN = r"^[1-9][0-9]*$"

StatusField = Annotated[
    Status,
    PlainValidator(_status, json_schema_input_type=str),
    PlainSerializer(lambda s: s.value, return_type=str),
    WithJsonSchema({
        "type": "string",
        "enum": [s.value for s in Status] + list(SWEDISH_STATUS_WORDS),
        "description": "not-started, in-progress, done, blocked or cancelled; the Swedish "
                       "follow-up words are accepted too (hplan writes the canonical form).",
    }),
]  # fmt: skip
DeadlineField = Annotated[
    Deadline,
    PlainValidator(_deadline, json_schema_input_type=str),
    PlainSerializer(lambda d: d.text, return_type=str),
    WithJsonSchema({
        "anyOf": [{"type": "string"}, {"type": "integer", "description": "a year: 2025"}],
        "description": "As the plan document writes it, read with the plan's year. "
                       "Accepted forms: " + ", ".join(ACCEPTED_FORMS) + ".",
        "examples": list(ACCEPTED_FORMS),
    }),
]  # fmt: skip
GoalId = Annotated[
    str,
    Field(pattern=_GOAL_ID_PATTERN),
    WithJsonSchema({
        "anyOf": [{"type": "string", "pattern": _GOAL_ID_PATTERN}, {"type": "number"}],
        "description": "A numbered goal id such as 4.2.1; a sub-goal's parent (4.2) must exist.",
    }),
]  # fmt: skip
ActivityId = Annotated[
    str,
    Field(pattern=_ACTIVITY_ID_PATTERN),
    WithJsonSchema({
        "anyOf": [{"type": "integer", "minimum": 1},
                  {"type": "string", "pattern": _ACTIVITY_ID_PATTERN}],
        "description": "A whole number, unique in the plan: `hplan status 5 done`.",
    }),
]  # fmt: skip
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


def json_schema() -> dict[str, Any]:
    """The plan file's JSON Schema, for editors (`hplan schema`, plan.schema.json)."""
    schema = PlanSchema.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "plan.schema.json",
        "title": "hplan action plan",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def validate(data: dict[str, Any], year: int) -> model.Plan:
    """The plan in `data` (text as written), validated; pydantic's ValidationError if not."""
    return _to_plan(PlanSchema.model_validate(data, context={"year": year}))


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
