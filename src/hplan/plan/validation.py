"""Validation of a plan's data, and its JSON Schema, both derived from plan/model.py by pydantic.

Every scalar reaches validation as the text written in the YAML file (store/nodes.py), so
YAML 1.1's guesses never apply: `4.10` stays "4.10" and `status: no` is an unknown status.
Imported only when a plan must be validated: pydantic's schema building costs start-up time.
"""

from __future__ import annotations

import dataclasses
import typing
from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from hplan.plan.model import Activity, Contacts, Goal, Note, Owner, Plan
from hplan.plan.rules import FILE_CONFIG

SECTIONS: dict[str, type[Any]] = {"goals": Goal, "owners": Owner, "activities": Activity}
"""The plan's lists of records, by their key in the file."""


@cache
def _adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def read_year(value: Any) -> int | None:
    """The plan's year as validation reads it (one reading everywhere), or None if invalid."""
    year_type = typing.get_type_hints(Plan, include_extras=True)["year"]
    try:
        return int(_adapter(year_type).validate_python(value))
    except ValidationError:
        return None


def validate(data: dict[str, Any]) -> Plan:
    """The plan in `data` (text as written), validated; pydantic's ValidationError if not."""
    plan: Plan = _adapter(Plan).validate_python(data, context={"year": read_year(data.get("year"))})
    return plan


def validate_contacts(data: dict[str, Any]) -> Contacts:
    """A contacts file's data, validated; pydantic's ValidationError if not."""
    contacts: Contacts = _adapter(Contacts).validate_python(data)
    return contacts


def json_schema(contacts: bool = False) -> dict[str, Any]:
    """The plan file's JSON Schema, for editors (`hplan schema`, plan.schema.json); with
    `contacts`, the contacts file's (contacts.schema.json)."""
    record, name, title = (
        (Contacts, "contacts.schema.json", "hplan contacts")
        if contacts
        else (Plan, "plan.schema.json", "hplan action plan")
    )
    schema = _adapter(record).json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": name,
        "title": title,
        **{k: v for k, v in schema.items() if k != "title"},
    }


def file_keys(record: type[Any]) -> list[str]:
    """The keys a record of the plan has in the file, in the model's order."""
    alias = FILE_CONFIG["alias_generator"]
    return [alias(f.name) for f in dataclasses.fields(record)]


def allowed_keys(section: str | None, nested: str | None = None) -> list[str]:
    """The keys a plan, goal, owner, activity or note may have, in the file's spelling."""
    record = SECTIONS.get(section or "", Plan)
    return file_keys(Note if record is Activity and nested == "notes" else record)
