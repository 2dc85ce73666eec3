"""Conversions of the model, generated from its fields: to the file's own form, and to and
from the cache's tuples.

For each record class, small functions are written out from `dataclasses.fields` and the
type hints (as `dataclasses` writes `__init__`), so that a field added to plan/model.py is
converted without another line of code, at the speed of hand-written code: a
10,000-activity plan is converted in a few hundredths of a second. A field of a type this
module does not know is an error at the first use, and tests/plan/test_model.py makes that
use.
"""

from __future__ import annotations

import dataclasses
import datetime
import types
import typing
from enum import Enum
from functools import cache
from typing import Any

from hplan.plan.deadlines import Deadline
from hplan.plan.rules import FILE_CONFIG

_FILE_KEY = FILE_CONFIG["alias_generator"]


def _kind(hint: Any) -> tuple[str, Any]:
    """What a field's type is, for conversion: plain, date, enum or record, maybe in a list."""
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        return _kind(typing.get_args(hint)[0])
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        kind, of = _kind(inner[0])
        return (kind + "?" if len(inner) == 1 else "unknown"), of
    if origin is list:
        kind, of = _kind(typing.get_args(hint)[0])
        return ("list of " + kind if kind in ("plain", "record") else "unknown"), of
    if hint is bool:
        return "flag", hint
    if origin is typing.Literal or hint in (str, int):
        return "plain", hint
    if hint is datetime.date:
        return "date", hint
    if isinstance(hint, type) and issubclass(hint, Enum):
        return "enum", hint
    if dataclasses.is_dataclass(hint):
        return "record", hint
    return "unknown", hint


def _fields(record: type[Any]) -> list[tuple[str, str, Any]]:
    hints = typing.get_type_hints(record, include_extras=True)
    found = []
    for field in dataclasses.fields(record):
        kind, of = _kind(hints[field.name])
        if kind == "unknown":
            raise TypeError(
                f"{record.__name__}.{field.name}: plan/codec.py does not know how to convert "
                f"{hints[field.name]}; teach it"
            )
        found.append((field.name, kind, of))
    return found


BASE = {
    "tuple": {"plain": "{v}", "date": "{v}.toordinal()", "enum": "{v}.value", "record": "{f}({v})"},
    "from tuple": {"plain": "{v}", "date": "day({v})", "enum": "{e}[{v}]", "record": "{f}({v})"},
    "file": {"plain": "{v}", "date": "{v}.isoformat()", "enum": "{v}.value", "record": "{f}({v})"},
}
"""How each direction converts one value of each kind; optional values and lists follow. A
flag (a bool) is itself in the cache's tuples, and in the file only where it is not its
default, as `true` or `false`."""


def _expression(direction: str, kind: str, value: str, of: Any) -> str:
    base = kind.removeprefix("list of ").removesuffix("?")
    names = {"f": f"{direction.replace(' ', '_')}_{of.__name__}", "e": f"by_{of.__name__}"}
    if kind == "list of plain":
        return f"list({value})" if direction == "file" else value
    if kind.startswith("list of "):
        return "[" + BASE[direction][base].format(v="x", **names) + f" for x in {value}]"
    one = BASE[direction][base].format(v=value, **names)
    return f"(None if {value} is None else {one})" if kind.endswith("?") else one


@cache
def _converter(direction: str, record: type[Any]) -> Any:
    """The function that converts a `record` in `direction`, written out from its fields."""
    if direction == "file" and record is Deadline:  # a deadline is written as the plan gave it
        return lambda deadline: deadline.text
    namespace: dict[str, Any] = {"cls": record, "day": datetime.date.fromordinal}
    parts = []
    for i, (name, kind, of) in enumerate(_fields(record)):
        if "record" in kind:
            namespace[f"{direction.replace(' ', '_')}_{of.__name__}"] = _converter(direction, of)
        if "enum" in kind:
            namespace[f"by_{of.__name__}"] = {member.value: member for member in of}
        if kind == "flag":
            default = _default(record, name)
            value = f"o.{name}" if direction != "from tuple" else f"t[{i}]"
            if direction == "file":
                flag = f"(None if {value} == {default!r} else ('true' if {value} else 'false'))"
                parts.append(f"{_FILE_KEY(name)!r}: {flag}")
            else:
                parts.append(f"{name}={value}" if direction == "from tuple" else value)
        elif direction == "from tuple":
            parts.append(f"{name}={_expression(direction, kind, f't[{i}]', of)}")
        elif direction == "file":
            parts.append(f"{_FILE_KEY(name)!r}: {_expression(direction, kind, f'o.{name}', of)}")
        else:
            parts.append(_expression(direction, kind, f"o.{name}", of))
    body = {
        "tuple": "({},)",
        "from tuple": "cls({})",
        "file": "{{{}}}",
    }[direction].format(", ".join(parts))
    # The text is written from the model's own field names and the table above.
    argument = "t" if direction == "from tuple" else "o"
    if direction == "from tuple" and _settable(record):
        # A cached record proved its bytes and was validated when stored: its fields are set
        # as they are, without __init__'s keyword call (half the time of a 10,000-activity
        # read). Every field is in the tuple, so no default is needed.
        namespace["new"] = object.__new__
        sets = "".join(f"    o.{part.replace('=', ' = ', 1)}\n" for part in parts)
        exec(f"def convert(t):\n    o = new(cls)\n{sets}    return o\n", namespace)
        return namespace["convert"]
    exec(f"def convert({argument}):\n    return {body}\n", namespace)
    return namespace["convert"]


def _settable(record: type[Any]) -> bool:
    """Whether a record's fields may be set one by one on a bare instance: a slots class,
    not frozen, with nothing __post_init__ would do."""
    params = getattr(record, "__dataclass_params__", None)
    return (
        "__slots__" in vars(record)
        and params is not None
        and not params.frozen
        and not hasattr(record, "__post_init__")
    )


def _default(record: type[Any], name: str) -> Any:
    return next(f.default for f in dataclasses.fields(record) if f.name == name)


def to_tuple(value: Any) -> tuple[Any, ...]:
    """A record as nested tuples of text, numbers and lists (for marshal)."""
    result: tuple[Any, ...] = _converter("tuple", value.__class__)(value)
    return result


def from_tuple(record: type, data: tuple[Any, ...]) -> Any:
    """The record `to_tuple` made `data` from."""
    return _converter("from tuple", record)(data)


def file_data(value: Any) -> Any:
    """A record (or a list of them) as the file writes it: keys as in the file, values as
    text: dates in ISO form, statuses in canonical form, a deadline as written."""
    if isinstance(value, list):
        return [file_data(item) for item in value]
    return _converter("file", value.__class__)(value)
