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
    if origin is typing.Literal or hint in (str, int, bool):
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


def _compile(name: str, body: str, namespace: dict[str, Any]) -> Any:
    exec(body, namespace)  # the text is made above from the model's own field names
    return namespace[name]


@cache
def _to_tuple(record: type[Any]) -> Any:
    parts, namespace = [], {}
    for name, kind, of in _fields(record):
        value = f"o.{name}"
        if kind.startswith("record") or kind.startswith("list of record"):
            namespace[f"enc_{of.__name__}"] = _to_tuple(of)
        expression = {
            "plain": value,
            "plain?": value,
            "list of plain": value,
            "date": f"{value}.toordinal()",
            "date?": f"(None if {value} is None else {value}.toordinal())",
            "enum": f"{value}.value",
            "enum?": f"(None if {value} is None else {value}.value)",
            "record": f"enc_{of.__name__}({value})",
            "record?": f"(None if {value} is None else enc_{of.__name__}({value}))",
            "list of record": f"[enc_{of.__name__}(x) for x in {value}]",
        }[kind]
        parts.append(expression)
    return _compile("enc", f"def enc(o):\n    return ({', '.join(parts)},)\n", namespace)


@cache
def _from_tuple(record: type[Any]) -> Any:
    parts, namespace = [], {"cls": record, "day": datetime.date.fromordinal}
    for i, (name, kind, of) in enumerate(_fields(record)):
        value = f"t[{i}]"
        if kind.startswith("enum"):
            namespace[f"by_{of.__name__}"] = {member.value: member for member in of}
        if kind.startswith("record") or kind.startswith("list of record"):
            namespace[f"dec_{of.__name__}"] = _from_tuple(of)
        expression = {
            "plain": value,
            "plain?": value,
            "list of plain": value,
            "date": f"day({value})",
            "date?": f"(None if {value} is None else day({value}))",
            "enum": f"by_{of.__name__}[{value}]",
            "enum?": f"(None if {value} is None else by_{of.__name__}[{value}])",
            "record": f"dec_{of.__name__}({value})",
            "record?": f"(None if {value} is None else dec_{of.__name__}({value}))",
            "list of record": f"[dec_{of.__name__}(x) for x in {value}]",
        }[kind]
        parts.append(f"{name}={expression}")
    return _compile("dec", f"def dec(t):\n    return cls({', '.join(parts)})\n", namespace)


@cache
def _to_file(record: type[Any]) -> Any:
    if record is Deadline:  # a deadline is written as the text the plan gave
        return lambda deadline: deadline.text
    parts, namespace = [], {}
    for name, kind, of in _fields(record):
        value = f"o.{name}"
        if kind.startswith("record") or kind.startswith("list of record"):
            namespace[f"file_{of.__name__}"] = _to_file(of)
        expression = {
            "plain": value,
            "plain?": value,
            "list of plain": f"list({value})",
            "date": f"{value}.isoformat()",
            "date?": f"(None if {value} is None else {value}.isoformat())",
            "enum": f"{value}.value",
            "enum?": f"(None if {value} is None else {value}.value)",
            "record": f"file_{of.__name__}({value})",
            "record?": f"(None if {value} is None else file_{of.__name__}({value}))",
            "list of record": f"[file_{of.__name__}(x) for x in {value}]",
        }[kind]
        parts.append(f"{_FILE_KEY(name)!r}: {expression}")
    return _compile("to_file", f"def to_file(o):\n    return {{{', '.join(parts)}}}\n", namespace)


def to_tuple(value: Any) -> tuple[Any, ...]:
    """A record as nested tuples of text, numbers and lists (for marshal)."""
    result: tuple[Any, ...] = _to_tuple(value.__class__)(value)
    return result


def from_tuple(record: type, data: tuple[Any, ...]) -> Any:
    """The record `to_tuple` made `data` from."""
    return _from_tuple(record)(data)


def file_data(value: Any) -> Any:
    """A record (or a list of them) as the file writes it: keys as in the file, values as
    text: dates in ISO form, statuses in canonical form, a deadline as written."""
    if isinstance(value, list):
        return [file_data(item) for item in value]
    return _to_file(value.__class__)(value)
