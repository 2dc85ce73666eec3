"""Plan text → YAML events → plain data with the position of every node → validated Plan.

Every scalar is kept as the text written: YAML 1.1 would turn `4.10` into 4.1 and `no` into
False, so hplan builds its data from parser events and never constructs Python objects from
tags. Every problem is located. Imported only when a plan must be parsed (a cache miss, an
edit): the cache serves plans read before.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import yaml

from hplan.errors import PlanInvalid, Problem
from hplan.loader import LoadedPlan, Loc, Source, Span
from hplan.matching import did_you_mean
from hplan.model import Plan

if TYPE_CHECKING:
    from pydantic import ValidationError


def yaml_loader() -> type[yaml.SafeLoader]:
    """libyaml's loader when present (several times faster); HPLAN_PURE_YAML=1 forces PyYAML's."""
    if os.environ.get("HPLAN_PURE_YAML"):
        return yaml.SafeLoader
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_NULL_TAG = _TAG + "null"
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(?: |$)", re.MULTILINE)


def activity_regions(text: str, spans: dict[Loc, Span], count: int) -> list[tuple[int, int]] | None:
    """Where each activity's lines start and end, when every one is a block item ('- id: …').

    An activity's region runs from the start of its '- ' line to the start of the next one's
    (comments between them included), so it can be parsed and checked on its own.
    """
    whole = spans.get(("activities",))
    if whole is None or whole.flow or count == 0:
        return None
    starts = []
    for i in range(count):
        item = spans.get(("activities", i))
        if item is None or item.flow:
            return None
        line_start = text.rfind("\n", 0, item.start) + 1
        if not _DASH.fullmatch(text[line_start : item.start]):
            return None
        starts.append(line_start)
    end = (
        whole.end
        if whole.end == len(text) or text[whole.end - 1] == "\n"
        else (text.rfind("\n", 0, whole.end) + 1)
    )
    return list(zip(starts, [*starts[1:], end], strict=True))


_DASH = re.compile(r"[ ]*-[ ]+")


def parse_plan(source: Source) -> LoadedPlan:
    """Parse and validate decoded plan text."""
    path, text = source.path, source.text
    conflicts = [
        Problem(
            text.count("\n", 0, m.start()) + 1,
            1,
            f"unresolved merge conflict marker '{m[1]}'; resolve the conflict and remove it",
        )
        for m in _CONFLICT.finditer(text)
    ]
    if conflicts:
        raise PlanInvalid(path, conflicts)
    tree = _Tree()
    data = tree.build(path, text)
    if data is _EMPTY:
        message = "the file is empty (or only comments); a plan starts with title:, year: ..."
        raise PlanInvalid(path, [Problem(1, 1, message)])
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        message = f"the plan must be a mapping of keys (title:, year:, goals: ...), not {kind}"
        raise PlanInvalid(path, [*tree.problems, Problem(1, 1, message)])
    problems = tree.problems + list(_reference_problems(data, tree))
    from pydantic import ValidationError

    from hplan import schema

    year = data.get("year")
    plan: Plan | None = None
    try:
        plan = schema.validate(
            data, int(year) if isinstance(year, str) and year.isdigit() else 2000
        )
    except ValidationError as error:
        problems.extend(_pydantic_problems(error, data, tree))
    if problems or plan is None:
        raise PlanInvalid(path, problems)
    regions = activity_regions(text, tree.spans, len(plan.activities))
    return LoadedPlan(plan, source, tree.spans, tree.key_spans, regions)


class Mark(Protocol):
    """A position in the YAML text, as PyYAML and libyaml give it (0-based)."""

    index: int
    line: int
    column: int


@dataclass(frozen=True)
class Fragment:
    """A piece of a plan parsed on its own: its data and where its nodes stood in the piece."""

    data: Any
    spans: dict[Loc, Span]
    key_spans: dict[Loc, Span]


def parse_fragment(path: Path, text: str) -> Fragment | None:
    """Parse part of a plan (one activity's lines); None unless it is clean YAML."""
    tree = _Tree()
    try:
        data = tree.build(path, text)
    except PlanInvalid:
        return None
    if tree.problems:
        return None
    return Fragment(data, tree.spans, tree.key_spans)


MAX_DEPTH = 32
"""Deeper nesting is refused; a plan needs five levels."""

_EMPTY: Any = object()
_SKIP = object()
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass
class _Frame:
    """An open mapping or sequence while events stream in."""

    value: dict[str, Any] | list[Any]
    loc: Loc | None  # None: a discarded subtree (a duplicate key's value, a complex key)
    start: Mark
    flow: bool
    key: object = None  # in a mapping: the key awaiting its value, _SKIP, or None


class _Tree:
    """Builds plain data (dicts, lists, text) from YAML events, remembering where each stood.

    Iterative, so that deep nesting is a clean error; aliases are refused, never expanded.
    """

    def __init__(self) -> None:
        self.spans: dict[Loc, Span] = {}
        self.key_spans: dict[Loc, Span] = {}
        self.problems: list[Problem] = []
        self._aliases: set[str] = set()

    def span(self, loc: Loc) -> Span:
        """The span of the node at `loc`, or of its nearest ancestor."""
        while loc not in self.spans and loc:
            loc = loc[:-1]
        return self.spans.get(loc, Span(0, 0, 1, 1))

    def build(self, path: Path, text: str) -> Any:
        """The document's data, or _EMPTY when it has none."""
        try:
            return self._build(yaml.parse(text, Loader=yaml_loader()))
        except yaml.MarkedYAMLError as error:
            raise PlanInvalid(path, [*self.problems, _syntax_problem(error, text)]) from None
        except yaml.YAMLError as error:
            raise PlanInvalid(path, [Problem(1, 1, f"YAML error: {error}")]) from None
        except _TooDeep as error:
            raise PlanInvalid(path, [error.problem]) from None

    def _build(self, events: Iterator[yaml.Event]) -> Any:
        stack: list[_Frame] = []
        root: Any = _EMPTY
        documents = 0
        for event in events:
            start, end = _marks(event)
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    message = "a plan is one YAML document; remove the second one (after '---')"
                    self._problem(start, message)
                    break
            elif isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                value = self._scalar(event, start)
                self._attach(stack, value, start, end)
                if not stack:
                    root = value
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                mapping = isinstance(event, yaml.MappingStartEvent)
                self._check_tag(event, "map" if mapping else "seq", start)
                if len(stack) >= MAX_DEPTH:
                    message = f"the YAML is nested more than {MAX_DEPTH} levels deep; a plan "
                    raise _TooDeep(
                        Problem(start.line + 1, start.column + 1, message + "needs far fewer")
                    )
                container: dict[str, Any] | list[Any] = {} if mapping else []
                loc = self._attach(stack, container, start, None)
                if not stack:
                    root = container
                stack.append(_Frame(container, loc, start, bool(event.flow_style)))
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = stack.pop()
                if frame.loc is not None:
                    self.spans[frame.loc] = _span(frame.start, end, frame.flow)
        return root

    def _scalar(self, event: yaml.ScalarEvent | yaml.AliasEvent, start: Mark) -> Any:
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self._aliases:  # once per anchor: a "billion laughs" is short
                self._aliases.add(str(event.anchor))
                message = f"aliases (*{event.anchor}) are not allowed in a plan; write it out"
                self._problem(start, message)
            return None
        tag = event.tag
        if tag not in (None, "!") and tag not in _PLAIN_TAGS:
            self._problem(start, f"the tag '{tag}' is not allowed in a plan")
            return event.value  # the text, never the object the tag asks for
        plain = event.implicit[0] and tag is None
        if (plain and event.value in _NULLS) or tag == _NULL_TAG:
            return None
        return event.value

    def _attach(self, stack: list[_Frame], value: Any, start: Mark, end: Mark | None) -> Loc | None:
        """Put a value into the open container; its location, or None if it is discarded."""
        if not stack:
            loc: Loc | None = ()
        else:
            frame = stack[-1]
            if isinstance(frame.value, list):
                loc = None if frame.loc is None else (*frame.loc, len(frame.value))
                frame.value.append(value)
            elif frame.key is None:  # this value is a key
                self._key(frame, value, start, end)
                return None
            else:
                key, frame.key = frame.key, None
                if key is _SKIP or frame.loc is None:
                    loc = None
                else:
                    assert isinstance(key, str)
                    loc = (*frame.loc, key)
                    frame.value[key] = value
        if loc is not None and end is not None:
            self.spans[loc] = _span(start, end, False)
        return loc

    def _key(self, frame: _Frame, key: Any, start: Mark, end: Mark | None) -> None:
        mapping = frame.value
        assert isinstance(mapping, dict)
        if end is None or not isinstance(key, str | None):  # a mapping or list as a key
            self._problem(start, "a key must be plain text")
            frame.key = _SKIP
            return
        key = key or ""
        if key in mapping:
            first = self.key_spans.get((*frame.loc, key)) if frame.loc is not None else None
            where = f" (first at line {first.line})" if first else ""
            self._problem(start, f"duplicate key '{key}'{where}; keep one")
            frame.key = _SKIP
            return
        frame.key = key
        mapping[key] = None
        if frame.loc is not None:
            self.key_spans[(*frame.loc, key)] = _span(start, end, False)

    def _check_tag(self, event: yaml.CollectionStartEvent, kind: str, start: Mark) -> None:
        if event.tag not in (None, "!", _TAG + kind):
            self._problem(start, f"the tag '{event.tag}' is not allowed in a plan")

    def _problem(self, mark: Mark, message: str) -> None:
        self.problems.append(Problem(mark.line + 1, mark.column + 1, message))


class _TooDeep(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _marks(event: yaml.Event) -> tuple[Mark, Mark]:
    start, end = event.start_mark, event.end_mark
    assert start is not None and end is not None  # both parsers always set them
    return start, end


def _span(start: Mark, end: Mark, flow: bool) -> Span:
    return Span(start.index, end.index, start.line + 1, start.column + 1, flow)


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join(str(p) for p in (error.context, error.problem) if p)
    lines = text.splitlines()
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    tabbed = "\t" in bad_line[: len(bad_line) - len(bad_line.lstrip())]
    hint = "; indent with spaces, not tabs" if tabbed else ""
    return Problem(line, column, f"YAML syntax error: {what}{hint}")


def _items(data: dict[str, Any], section: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = data.get(section)
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def _texts(value: Any) -> Iterator[tuple[int, str]]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield i, item


def _declared(
    data: dict[str, Any],
    section: str,
    key: str,
    duplicate: str,
    tree: _Tree,
    problems: list[Problem],
) -> dict[str, int]:
    """The ids or names a section declares (NFC), each with its first index; twice is a problem."""
    seen: dict[str, int] = {}
    for i, item in _items(data, section):
        value = item.get(key)
        if not isinstance(value, str):
            continue
        normal = unicodedata.normalize("NFC", value)
        if normal in seen:
            first = tree.span((section, seen[normal], key)).line
            span = tree.span((section, i, key))
            problems.append(Problem(span.line, span.column, duplicate.format(value, first)))
        seen.setdefault(normal, i)
    return seen


def _reference_problems(data: dict[str, Any], tree: _Tree) -> Iterator[Problem]:
    """Duplicate ids and names, goals without a parent, references to what is not declared."""

    def at(loc: Loc, message: str) -> Problem:
        span = tree.span(loc)
        return Problem(span.line, span.column, message)

    # A section of the wrong type is reported once, not again for every reference to it.
    check_goals = isinstance(data.get("goals"), list)
    check_owners = isinstance(data.get("owners"), list)
    problems: list[Problem] = []
    goal_ids = _declared(
        data, "goals", "id", "duplicate goal id {} (first at line {})", tree, problems
    )
    owner_names = _declared(
        data, "owners", "name", "owner '{}' is declared twice (first at line {})", tree, problems
    )
    _declared(
        data,
        "activities",
        "id",
        "duplicate activity id {} (first at line {}); ids must be unique",
        tree,
        problems,
    )
    yield from problems
    if goal_ids:
        top = min(g.count(".") for g in goal_ids)
        for gid, i in goal_ids.items():
            parent = gid.rsplit(".", 1)[0]
            if gid.count(".") > top and parent not in goal_ids:
                yield at(
                    ("goals", i, "id"),
                    f"sub-goal {gid} has no parent goal {parent}; declare goal {parent} first",
                )

    for i, activity in _items(data, "activities"):
        aid = activity.get("id")
        for j, gid in _texts(activity.get("goals")):
            if check_goals and gid not in goal_ids:
                yield at(
                    ("activities", i, "goals", j),
                    f"activity {aid}: unknown goal {gid}{did_you_mean(gid, goal_ids)}; "
                    "goals are declared under 'goals:'",
                )
        for field in ("owners", "with"):
            for j, name in _texts(activity.get(field)):
                if check_owners and unicodedata.normalize("NFC", name) not in owner_names:
                    yield at(
                        ("activities", i, field, j),
                        f"activity {aid}: unknown owner '{name}'"
                        f"{did_you_mean(name, owner_names)}; owners are declared under "
                        "'owners:'",
                    )


def _describe(loc: Loc, data: dict[str, Any]) -> str:
    """'activity 5', 'goal 4.2.1', 'owner 2' or 'plan' for the item a location is in."""
    if len(loc) >= 2 and loc[0] in ("activities", "goals", "owners") and isinstance(loc[1], int):
        section, index = str(loc[0]), loc[1]
        items = data.get(section)
        item = items[index] if isinstance(items, list) and index < len(items) else None
        noun = {"activities": "activity", "goals": "goal", "owners": "owner"}[section]
        key = "name" if section == "owners" else "id"
        label = item.get(key) if isinstance(item, dict) else None
        return f"{noun} {label}" if isinstance(label, str) else f"{noun} #{index + 1}"
    return "plan"


def _pydantic_problems(error: ValidationError, data: dict[str, Any], tree: _Tree) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc: Loc = tuple(detail["loc"])
        where = _describe(loc, data)
        field = (
            ".".join(str(p) for p in loc[2:] if isinstance(p, str))
            if where != "plan"
            else ".".join(str(p) for p in loc if isinstance(p, str))
        )
        kind = detail["type"]
        if kind == "missing":
            span = tree.span(loc[:-1])
            message = f"{where}: missing required key '{loc[-1]}'"
        elif kind == "extra_forbidden":
            span = tree.key_spans.get(loc, tree.span(loc))
            allowed = _allowed_keys(loc)
            message = (
                f"{where}: unknown key '{loc[-1]}'{did_you_mean(str(loc[-1]), allowed)}; "
                f"allowed keys: {', '.join(allowed)}"
            )
        else:
            span = tree.span(loc)
            name = "goal id" if loc[:1] == ("goals",) and field == "id" else field
            text = _FRIENDLY.get((kind, name)) or _FRIENDLY_KIND.get(kind, detail["msg"])
            if kind.startswith("date_"):
                text = "a date is written like 2025-06-01"
            message = (
                f"{where}: {text}"
                if kind in ("status", "deadline") or not field
                else f"{where}: {field}: {text}"
            )
        problems.append(Problem(span.line, span.column, message))
    return problems


_GOAL_ID = "a goal id is numbers with dots, such as 4.2.1"
_FRIENDLY = {
    ("string_pattern_mismatch", "id"): "an activity id is a whole number such as 5",
    ("string_pattern_mismatch", "goal id"): _GOAL_ID,
    ("string_pattern_mismatch", "goals"): _GOAL_ID,
    ("too_short", "goals"): "an activity serves at least one goal",
    ("too_short", "owners"): "an activity has at least one owner",
    ("string_too_short", "title"): "the title is empty",
    ("string_pattern_mismatch", "language"): "a language is a two-letter code such as sv or en",
}
"""Plainer words for pydantic's messages, by (error type, field)."""

_FRIENDLY_KIND = {
    "string_type": "expected text here, not a list or a mapping",
    "list_type": "expected a list here (lines starting with '- ')",
    "dict_type": "expected keys and values here",
    "model_type": "expected keys and values here",
    "model_attributes_type": "expected keys and values here",
    "int_parsing": "expected a whole number, such as 2025",
    "int_type": "expected a whole number, such as 2025",
}


def _allowed_keys(loc: Loc) -> list[str]:
    from hplan import schema

    section = str(loc[0]) if len(loc) >= 3 else None
    nested = str(loc[2]) if len(loc) >= 5 else None
    return schema.allowed_keys(section, nested)
