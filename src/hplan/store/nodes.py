"""Plan text → YAML events → plain data with the position of every node.

Every scalar is kept as the text written: YAML 1.1 would turn `4.10` into 4.1 and `no` into
False, so hplan builds its data from parser events and never constructs Python objects from
tags. It does not use `yaml.compose`: libyaml's composer recurses in C (a deeply nested file
crashes the process) and resolves every scalar's tag in Python, which made it slower than
this tree on the 10,000-activity plan (benchmarks/run.py measures both). The tree is built
without recursion, aliases are refused and never expanded, and every problem is located.
"""

from __future__ import annotations

import os
import re
import sys
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from hplan.errors import Message, PlanInvalid, Problem

Loc = tuple[str | int, ...]
"""Where a node is in the data: ("activities", 4, "status")."""


@dataclass(frozen=True, slots=True)
class Span:
    """Where a node stands in the text: character offsets and 1-based line and column."""

    start: int
    end: int
    line: int
    column: int
    flow: bool = False


class Spans(Mapping[Loc, Span]):
    """Spans by location, kept as five numbers each in one array: a 10,000-activity plan has
    200,000 of them, and a Span object with its numbers takes twice the memory (issue 16)."""

    __slots__ = ("_at", "_numbers")

    def __init__(self) -> None:
        self._at: dict[Loc, int] = {}
        self._numbers = array("i")  # a plan is at most 20 MB: every number fits

    def put(self, loc: Loc, start: Mark, end: Mark, flow: bool) -> None:
        """Keep the span from `start` to `end` (the parser's marks) for `loc`."""
        self._at[loc] = len(self._numbers)
        self._numbers.extend((start.index, end.index, start.line + 1, start.column + 1, flow))

    def __getitem__(self, loc: Loc) -> Span:
        at, n = self._at[loc], self._numbers
        return Span(n[at], n[at + 1], n[at + 2], n[at + 3], bool(n[at + 4]))

    def __contains__(self, loc: object) -> bool:
        return loc in self._at

    def __iter__(self) -> Iterator[Loc]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)


@dataclass
class Nodes:
    """A YAML text's data (dicts, lists, text) and where each node and key stood."""

    data: Any
    spans: Mapping[Loc, Span] = field(default_factory=Spans)
    key_spans: Mapping[Loc, Span] = field(default_factory=Spans)
    problems: list[Problem] = field(default_factory=list)

    def span(self, loc: Loc) -> Span:
        """The span of the node at `loc`, or of its nearest ancestor."""
        while loc not in self.spans and loc:
            loc = loc[:-1]
        return self.spans.get(loc, Span(0, 0, 1, 1))


def read_plan_nodes(path: Path, text: str) -> Nodes:
    """The nodes of a plan's text; PlanInvalid when it is not one YAML mapping."""
    conflicts = [
        Problem(
            text.count("\n", 0, m.start()) + 1,
            1,
            Message(
                "unresolved merge conflict marker '{marker}'; resolve the conflict and remove it",
                marker=m[1],
            ),
        )
        for m in _CONFLICT.finditer(text)
    ]
    if conflicts:
        raise PlanInvalid(path, conflicts)
    # Imported here: an edit of one activity's lines needs none of this (nor its patterns).
    from hplan.store.syntax import raw_text_problems, stated_language

    if unreadable := raw_text_problems(text):
        raise PlanInvalid(path, unreadable)
    try:
        nodes = read_nodes(path, text)
    except PlanInvalid as invalid:  # a syntax error: the file's language, if it says one
        invalid.language = invalid.language or stated_language(text)
        raise
    if nodes.data is EMPTY:
        message = Message(
            "the file is empty (or only comments); a plan starts with title:, year: ..."
        )
        raise PlanInvalid(path, [Problem(1, 1, message)])
    if not isinstance(nodes.data, dict):
        kind = Message("a list") if isinstance(nodes.data, list) else Message("a single value")
        message = Message(
            "the plan must be a mapping of keys (title:, year:, goals: ...), not {kind}", kind=kind
        )
        raise PlanInvalid(path, [*nodes.problems, Problem(1, 1, message)])
    return nodes


def read_nodes(path: Path, text: str) -> Nodes:
    """The nodes of any YAML text (data EMPTY when it has none); PlanInvalid on a syntax error."""
    tree = _Tree()
    data = tree.build(path, text)
    return Nodes(data, tree.spans, tree.key_spans, tree.problems)


def yaml_loader() -> type[yaml.SafeLoader]:
    """libyaml's loader when present (several times faster); HPLAN_PURE_YAML=1 forces PyYAML's."""
    if os.environ.get("HPLAN_PURE_YAML"):
        return yaml.SafeLoader
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_NULL_TAG = _TAG + "null"
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(?: |$)", re.MULTILINE)


def activity_regions(
    text: str, spans: Mapping[Loc, Span], count: int
) -> list[tuple[int, int]] | None:
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


class Mark(Protocol):
    """A position in the YAML text, as PyYAML and libyaml give it (0-based)."""

    index: int
    line: int
    column: int


MAX_DEPTH = 32
"""Deeper nesting is refused; a plan needs five levels."""

EMPTY: Any = object()
"""The data of a text with no YAML document in it."""
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
    key_loc: Loc | None = None  # that key's location, one tuple for its span and its value's


class _Tree:
    """Builds plain data (dicts, lists, text) from YAML events, remembering where each stood.

    Iterative, so that deep nesting is a clean error; aliases are refused, never expanded.
    """

    def __init__(self) -> None:
        self.spans = Spans()
        self.key_spans = Spans()
        self.problems: list[Problem] = []
        self._aliases: set[str] = set()

    def build(self, path: Path, text: str) -> Any:
        """The document's data, or EMPTY when it has none."""
        try:
            return self._build(yaml.parse(text, Loader=yaml_loader()))
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark
            if mark is not None and "maximum nesting depth" in str(error.problem):
                # libyaml (PyYAML 6.0.4 and later) stops at its own depth limit, in the scanner,
                # before the events reach MAX_DEPTH here: the same problem, in hplan's words.
                raise PlanInvalid(path, [*self.problems, _too_deep(mark)]) from None
            from hplan.store.syntax import syntax_problem

            raise PlanInvalid(path, [*self.problems, syntax_problem(error, text)]) from None
        except yaml.YAMLError as error:
            raise PlanInvalid(
                path, [Problem(1, 1, Message("YAML error: {error}", error=error))]
            ) from None
        except _TooDeep as error:
            raise PlanInvalid(path, [error.problem]) from None

    def _build(self, events: Iterator[yaml.Event]) -> Any:
        stack: list[_Frame] = []
        root: Any = EMPTY
        documents = 0
        for event in events:
            start, end = _marks(event)
            anchor = getattr(event, "anchor", None)
            if anchor is not None and not isinstance(event, yaml.AliasEvent):
                message = Message(
                    "anchors (&{anchor}) are not allowed in a plan; write the value out",
                    anchor=anchor,
                )
                self._problem(start, message)
            if isinstance(event, yaml.DocumentStartEvent):
                version = getattr(event, "version", None)
                if version is not None and tuple(version) not in ((1, 1), (1, 2)):
                    from hplan.store.syntax import UNKNOWN_VERSION

                    self._problem(start, UNKNOWN_VERSION)
                documents += 1
                if documents > 1:
                    message = Message(
                        "a plan is one YAML document; remove the second one (after '---')"
                    )
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
                    raise _TooDeep(_too_deep(start))
                container: dict[str, Any] | list[Any] = {} if mapping else []
                loc = self._attach(stack, container, start, None)
                if not stack:
                    root = container
                stack.append(_Frame(container, loc, start, bool(event.flow_style)))
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = stack.pop()
                if frame.loc is not None:
                    self.spans.put(frame.loc, frame.start, end, frame.flow)
        return root

    def _scalar(self, event: yaml.ScalarEvent | yaml.AliasEvent, start: Mark) -> Any:
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self._aliases:  # once per anchor: a "billion laughs" is short
                self._aliases.add(str(event.anchor))
                message = Message(
                    "aliases (*{anchor}) are not allowed in a plan; write it out",
                    anchor=event.anchor,
                )
                self._problem(start, message)
            return None
        tag = event.tag
        if tag not in (None, "!") and tag not in _PLAIN_TAGS:
            self._problem(start, Message("the tag '{tag}' is not allowed in a plan", tag=tag))
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
                    loc = frame.key_loc or (*frame.loc, key)
                    frame.value[key] = value
        if loc is not None and end is not None:
            self.spans.put(loc, start, end, False)
        return loc

    def _key(self, frame: _Frame, key: Any, start: Mark, end: Mark | None) -> None:
        mapping = frame.value
        assert isinstance(mapping, dict)
        if end is None or not isinstance(key, str | None):  # a mapping or list as a key
            self._problem(start, Message("a key must be plain text"))
            frame.key = _SKIP
            return
        key = sys.intern(key or "")  # one string per key name, not one per mapping
        if key in mapping:
            first = self.key_spans.get((*frame.loc, key)) if frame.loc is not None else None
            where = Message(" (first at line {line})", line=first.line) if first else ""
            self._problem(
                start, Message("duplicate key '{key}'{where}; keep one", key=key, where=where)
            )
            frame.key = _SKIP
            return
        frame.key = key
        mapping[key] = None
        if frame.loc is not None:
            frame.key_loc = (*frame.loc, key)
            self.key_spans.put(frame.key_loc, start, end, False)

    def _check_tag(self, event: yaml.CollectionStartEvent, kind: str, start: Mark) -> None:
        if event.tag not in (None, "!", _TAG + kind):
            self._problem(start, Message("the tag '{tag}' is not allowed in a plan", tag=event.tag))

    def _problem(self, mark: Mark, message: Message) -> None:
        self.problems.append(Problem(mark.line + 1, mark.column + 1, message))


def _too_deep(mark: Mark) -> Problem:
    message = Message(
        "the YAML is nested more than {depth} levels deep; a plan needs far fewer",
        depth=MAX_DEPTH,
    )
    return Problem(mark.line + 1, mark.column + 1, message)


class _TooDeep(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem.message))
        self.problem = problem


def _marks(event: yaml.Event) -> tuple[Mark, Mark]:
    start, end = event.start_mark, event.end_mark
    assert start is not None and end is not None  # both parsers always set them
    return start, end


"""Said by both parsers alike (libyaml refuses a version PyYAML's own parser takes)."""
