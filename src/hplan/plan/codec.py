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

import collections.abc
import dataclasses
import datetime
import types
import typing
from collections.abc import Callable
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
    if origin in (list, collections.abc.Sequence):  # a Sequence is a list in every form
        kind, of = _kind(typing.get_args(hint)[0])
        return ("list of " + kind if kind in ("plain", "record", "shared") else "unknown"), of
    if hint is bool:
        return "flag", hint
    if origin is typing.Literal or hint in (str, int):
        return "plain", hint
    if hint is datetime.date:
        return "date", hint
    if isinstance(hint, type) and issubclass(hint, Enum):
        return "enum", hint
    if hint in SHARED:
        return "shared", hint
    if dataclasses.is_dataclass(hint):
        return "record", hint
    return "unknown", hint


_FIELDS: dict[type[Any], list[tuple[str, str, Any]]] = {}


def _fields(record: type[Any]) -> list[tuple[str, str, Any]]:
    known = _FIELDS.get(record)
    if known is not None:
        return known
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
    _FIELDS[record] = found
    return found


BASE = {
    "tuple": {
        "plain": "{v}", "date": "{v}.toordinal()", "enum": "{v}.value", "record": "{f}({v}, s)",
        "shared": "s.number({v})",
    },
    "from tuple": {
        "plain": "{v}", "date": "day({v})", "enum": "{e}[{v}]", "record": "{f}({v}, s)",
        "shared": "s.values[{v}]",
    },
    "file": {
        "plain": "{v}", "date": "{v}.isoformat()", "enum": "{v}.value", "record": "{f}({v})",
        "shared": "{f}({v})",
    },
}  # fmt: skip
"""How each direction converts one value of each kind; optional values and lists follow. A
flag (a bool) is itself in the cache's tuples, and in the file only where it is not its
default, as `true` or `false`. A shared record is a number in the cache's tuples (Shared)."""

SHARED = (Deadline,)
"""Records that many others hold alike: 10,000 activities have a few dozen deadlines. The
cache's tuples keep each once (Shared) and an activity holds its number, so a read makes one
Deadline for all activities with that deadline (a third of the time of reading 10,000)."""

TEXTS = len(SHARED)
"""A list of text (an activity's goals, owners, those named alongside) is kept once in the
cache's tuples too, as the tuple of its items: 10,000 activities name a thousand lists, and
reading one back makes a list, not its texts again (half of what an activity's item takes to
read). Each record gets a list of its own: lists are never shared."""


class Shared:
    """The shared records of one set of tuples, each once, numbered in the order first met.

    A record's number never changes, so tuples made against a Shared stay right for any
    Shared made from its `tuples` (and grown since). The values are the same objects for all
    who hold them: the model is changed only by making new records (plan/model.py)."""

    def __init__(self, tuples: list[tuple[Any, ...]] | None = None) -> None:
        self.tuples: list[tuple[Any, ...]] = list(tuples or [])
        self._numbers = {t: n for n, t in enumerate(self.tuples)}
        self.values: list[Any] = [
            t if kind == TEXTS else from_tuple(SHARED[kind], t, self) for kind, t in self.tuples
        ]
        """The records (and lists of text, as tuples), by number."""

    def number(self, record: Any) -> int:
        """The number of this record's value, given a new one if it is new."""
        return self._number((SHARED.index(type(record)), to_tuple(record, self)), record)

    def texts(self, items: list[Any]) -> int:
        """The number of this list of text, given a new one if it is new."""
        kept = tuple(items)
        return self._number((TEXTS, kept), kept)

    def _number(self, data: tuple[Any, ...], value: Any) -> int:
        number = self._numbers.get(data)
        if number is None:
            number = self._numbers[data] = len(self.tuples)
            self.tuples.append(data)
            self.values.append(value)
        return number


def _expression(direction: str, kind: str, value: str, of: Any) -> str:
    base = kind.removeprefix("list of ").removesuffix("?")
    names = {"f": f"{direction.replace(' ', '_')}_{of.__name__}", "e": f"by_{of.__name__}"}
    if kind == "list of plain":  # TEXTS
        return {"file": "list({v})", "tuple": "s.texts({v})", "from tuple": "[*s.values[{v}]]"}[
            direction
        ].format(v=value)
    if kind.startswith("list of "):
        each = "[" + BASE[direction][base].format(v="x", **names) + f" for x in {value}]"
        # An empty list read from the cache is a new list already: kept, not copied.
        return f"({each} if {value} else {value})" if direction == "from tuple" else each
    one = BASE[direction][base].format(v=value, **names)
    if one == value:
        return value
    return f"(None if {value} is None else {one})" if kind.endswith("?") else one


@cache
def _converter(direction: str, record: type[Any]) -> Any:
    """The function that converts a `record` in `direction`, written out from its fields."""
    if direction == "file" and record is Deadline:  # a deadline is written as the plan gave it
        return lambda deadline: deadline.text
    namespace: dict[str, Any] = {"cls": record, "day": datetime.date.fromordinal}
    parts = []
    fields = _fields(record)
    for i, (name, kind, of) in enumerate(fields):
        if "record" in kind or "shared" in kind:
            namespace[f"{direction.replace(' ', '_')}_{of.__name__}"] = _converter(direction, of)
        if "enum" in kind:
            namespace[f"by_{of.__name__}"] = {member.value: member for member in of}
        if kind == "flag":
            default = _default(record, name)
            value = f"o.{name}"
            if direction == "file":
                flag = f"(None if {value} == {default!r} else ('true' if {value} else 'false'))"
                parts.append(f"{_FILE_KEY(name)!r}: {flag}")
            else:
                parts.append(f"{name}=v{i}" if direction == "from tuple" else value)
        elif direction == "from tuple":
            parts.append(f"{name}={_expression(direction, kind, f'v{i}', of)}")
        elif direction == "file":
            parts.append(f"{_FILE_KEY(name)!r}: {_expression(direction, kind, f'o.{name}', of)}")
        else:
            parts.append(_expression(direction, kind, f"o.{name}", of))
    body = {
        "tuple": "({},)",
        "from tuple": "cls({})",
        "file": "{{{}}}",
    }[direction].format(", ".join(parts))
    # The text is written from the model's own field names and the table above; a tuple is
    # unpacked into v0, v1, … at once.
    unpack = (
        f"    {', '.join(f'v{i}' for i in range(len(fields)))}, = t\n"
        if direction == "from tuple"
        else ""
    )
    argument = {"tuple": "o, s", "from tuple": "t, s", "file": "o"}[direction]
    if direction == "from tuple" and _settable(record):
        # A cached record proved its bytes and was validated when stored: its fields are set
        # as they are, without __init__'s keyword call (half the time of a 10,000-activity
        # read). Every field is in the tuple, so no default is needed.
        namespace["new"] = object.__new__
        sets = "".join(f"    o.{part.replace('=', ' = ', 1)}\n" for part in parts)
        exec(f"def convert(t, s):\n{unpack}    o = new(cls)\n{sets}    return o\n", namespace)
        return namespace["convert"]
    exec(f"def convert({argument}):\n{unpack}    return {body}\n", namespace)
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


@cache
def shape(record: type[Any]) -> str:
    """The record's fields as the cache's tuples hold them, nested records' and enums' too: a
    cache entry is named by it, so an entry made by a model of another shape is never read."""
    parts = []
    for name, kind, of in _fields(record):
        if isinstance(of, type) and issubclass(of, Enum):
            parts.append(f"{name}:{kind}:{'|'.join(str(m.value) for m in of)}")
        elif "record" in kind or "shared" in kind:
            parts.append(f"{name}:{kind}:{shape(of)}")
        else:
            parts.append(f"{name}:{kind}")
    return f"{record.__name__}({','.join(parts)})"


def _default(record: type[Any], name: str) -> Any:
    return next(f.default for f in dataclasses.fields(record) if f.name == name)


def to_tuple(value: Any, shared: Shared) -> tuple[Any, ...]:
    """A record as nested tuples of text, numbers and lists (for marshal); its shared records
    as their numbers in `shared`."""
    result: tuple[Any, ...] = _converter("tuple", value.__class__)(value, shared)
    return result


def from_tuple(record: type, data: tuple[Any, ...], shared: Shared) -> Any:
    """The record `to_tuple` made `data` from, with the same `shared` (or one grown from it)."""
    return _converter("from tuple", record)(data, shared)


def tuple_reader(record: type) -> Callable[[tuple[Any, ...], Shared], Any]:
    """`from_tuple` for one kind of record, looked up once (for making thousands)."""
    reader: Callable[[tuple[Any, ...], Shared], Any] = _converter("from tuple", record)
    return reader


def file_data(value: Any) -> Any:
    """A record (or a list of them) as the file writes it: keys as in the file, values as
    text: dates in ISO form, statuses in canonical form, a deadline as written."""
    if isinstance(value, collections.abc.Sequence) and not isinstance(value, str):
        return [file_data(item) for item in value]
    return _converter("file", value.__class__)(value)


def record_version(record: Any) -> str:
    """A record's version: the SHA-256 of its fields in the file's form (`file_data`), so one
    activity has one version however the file around it changes. A page that saw activity 5
    at a version gives it back with a change; the change is refused only when activity 5
    itself changed meanwhile (api/pipeline.py)."""
    import hashlib
    import json

    text = json.dumps(file_data(record), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
