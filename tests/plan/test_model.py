"""The model is the one declaration of the plan's shape: everything else follows a new field.

Each test builds a plan in which every field of every record holds a value (not its default),
from the model's own type hints. A field added to plan/model.py with a type these tests do
not know fails here first; one they know must then be validated, in the JSON Schema, in the
JSON output, written by hplan's YAML writer, and kept by the cache.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import datetime
import json
import typing
from enum import Enum
from pathlib import Path
from typing import Any

from hplan.plan.codec import file_data
from hplan.plan.deadlines import Deadline, parse_deadline
from hplan.plan.model import Activity, Answer, Followup, Goal, Note, Owner, Plan
from hplan.plan.validation import file_keys, json_schema, validate
from hplan.queries.filters import as_of
from hplan.render.records import activity_record
from hplan.store import cache
from hplan.store.new_plan import create_plan
from hplan.store.reading import read_plan

RECORDS: list[type[Any]] = [Plan, Goal, Owner, Followup, Activity, Note, Answer]


def sample(kind: Any, name: str) -> Any:
    """A value of `kind` that is not a field's default, for the field called `name`."""
    origin = typing.get_origin(kind)
    if origin is typing.Annotated:
        return sample(typing.get_args(kind)[0], name)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return sample(next(a for a in typing.get_args(kind) if a is not type(None)), name)
    if origin in (list, collections.abc.Sequence):
        return [sample(typing.get_args(kind)[0], name)]
    if kind is Deadline:
        return parse_deadline("25–27 september", 2025)
    if kind is datetime.date:
        return datetime.date(2025, 3, 4)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return list(kind)[-1]
    if dataclasses.is_dataclass(kind):
        return record(kind)
    if kind is bool:
        return False
    if kind is int:
        return 2025
    if kind is str:
        return {
            "id": "4",
            "language": "en",
            "goals": "4",
            "owners": "Åsa Öberg",
            "with_": "Åsa Öberg",
            "timezone": "Europe/Helsinki",
            "email": "asa.oberg@example.org",
            "members": "Åsa Öberg",
            "round": "4",
            "by": "Åsa Öberg",
        }.get(name, f"Text för {name}")
    raise AssertionError(
        f"the field {name} has a type ({kind}) that the writer, the JSON output, the schema "
        "and these tests do not know yet: teach plan/codec.py and sample() about it"
    )


def record(kind: type[Any]) -> Any:
    hints = typing.get_type_hints(kind, include_extras=True)
    values = {f.name: sample(hints[f.name], f.name) for f in dataclasses.fields(kind)}
    if kind is Plan:  # the references must hold
        values["goals"] = [Goal(id="4", title="Mål", text="Text", objective="Mer")]
        values["owners"] = [Owner(name="Åsa Öberg", kind=values["owners"][0].kind)]
    return kind(**values)


def full_plan() -> Plan:
    plan: Plan = record(Plan)
    return plan


def test_every_field_holds_a_value_that_is_not_its_default() -> None:
    for kind in RECORDS:
        instance = record(kind)
        for f in dataclasses.fields(kind):
            if f.default is not dataclasses.MISSING:
                assert getattr(instance, f.name) != f.default, f.name
            if f.default_factory is not dataclasses.MISSING:
                assert getattr(instance, f.name) != f.default_factory(), f.name


def test_every_field_is_validated_from_the_files_form() -> None:
    plan = full_plan()
    assert validate(file_data(plan)) == plan


def test_every_field_is_in_the_json_schema_with_its_file_key() -> None:
    schema = json_schema()
    for kind in RECORDS:
        properties = schema["properties"] if kind is Plan else schema["$defs"][kind.__name__]
        properties = properties if kind is Plan else properties["properties"]
        assert list(properties) == file_keys(kind), kind
        for key, described in properties.items():
            assert described.get("description"), f"{kind.__name__}.{key} has no meaning"


def test_every_activity_field_is_in_the_json_output() -> None:
    activity = full_plan().activities[0]
    shown = activity_record(as_of(activity, datetime.date(2025, 7, 1)))
    assert set(file_keys(Activity)) <= set(shown)
    assert json.loads(json.dumps(shown))["with"] == activity.with_


def test_every_field_is_written_by_hplan_and_read_back(tmp_path: Path) -> None:
    plan = full_plan()
    target = tmp_path / "plan2025.yaml"
    create_plan(target, plan, ["Ett prov."], {})
    assert read_plan(target) == plan


def test_every_field_is_kept_by_the_cache() -> None:
    plan = full_plan()
    raw = json.dumps(file_data(plan)).encode()
    cache.store_plan(raw, plan, [(0, 1)])
    entry = cache.cached_plan(raw)
    assert entry is not None
    assert entry.plan == plan and entry.regions == [(0, 1)]


def test_a_record_read_back_from_the_cache_is_the_record_made_by_its_init() -> None:
    """codec sets a slots record's fields on a bare instance (no keyword call to __init__):
    the result must be the very record __init__ makes, every field set."""
    from hplan.plan.codec import Shared, from_tuple, to_tuple
    from hplan.plan.model import Activity, Plan
    from hplan.store.reading import parse_plan
    from hplan.store.source import decode

    from ..synthetic import make_plan

    plan = parse_plan(decode(Path("plan2025.yaml"), make_plan(200).encode())).plan
    shared = Shared()
    for activity in plan.activities:
        data = to_tuple(activity, shared)
        made = from_tuple(Activity, data, Shared(shared.tuples))
        assert made == activity and type(made) is Activity
        assert dataclasses.asdict(made) == dataclasses.asdict(activity)
    assert from_tuple(Plan, to_tuple(plan, shared), shared) == plan  # frozen: made by __init__
