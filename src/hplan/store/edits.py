"""Edits of a plan's text: replace one scalar between its marks, or insert whole lines.

Each edit is made in the file's own indentation, newline style and quoting; everything else
(comments, key order, blank lines, a BOM) is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from hplan.plan.model import Note
from hplan.store.nodes import Loc, Nodes, Span
from hplan.store.source import Source
from hplan.store.yaml_text import record_lines, scalar


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `text`."""

    start: int
    end: int
    text: str


def apply(text: str, edits: list[Edit]) -> str:
    """The text with every edit made (they must not overlap)."""
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def set_scalar(source: Source, span: Span, value: str) -> Edit:
    """Replace a scalar's text, keeping its quotes; an empty one (`status_date:`) is filled."""
    written = source.text
    if span.end == span.start:  # an empty value: `key:` or `key:   # a comment`
        before = written[span.start - 1 : span.start]
        after = written[span.start : span.start + 1]
        text = ("" if before in (" ", "\t") else " ") + value + (" " if after == "#" else "")
        return Edit(span.start, span.end, text)
    quote = written[span.start]
    text = f"{quote}{value}{quote}" if quote in "\"'" else value
    return Edit(span.start, span.end, text)


def status_edits(
    source: Source, nodes: Nodes, at: Loc, status: str | None, day: str | None, note: Note | None
) -> list[Edit]:
    """Set an activity's status and status_date, and append a note, at the activity `at`."""
    spans = nodes.spans
    edits: list[Edit] = []
    new_date: str | None = None
    new_note: tuple[str, str] | None = None
    if status is not None and day is not None:
        edits.append(set_scalar(source, spans[(*at, "status")], status))
        if (*at, "status_date") in spans:
            edits.append(set_scalar(source, spans[(*at, "status_date")], day))
        else:
            new_date = day
    if note is not None:
        notes_loc = (*at, "notes")
        written_notes = _value(nodes, notes_loc)
        earlier = isinstance(written_notes, list) and bool(written_notes)
        in_flow = spans[at].flow or (notes_loc in spans and (spans[notes_loc].flow or not earlier))
        written = (note.date.isoformat(), scalar(note.text, in_flow))
        if notes_loc in spans and earlier:
            assert isinstance(written_notes, list)
            edits.append(_append_note(source, nodes, notes_loc, len(written_notes) - 1, written))
        elif notes_loc in spans:  # `notes: []` or an empty `notes:`
            span = spans[notes_loc]
            space = "" if span.end > span.start else " "
            edits.append(Edit(span.start, span.end, f"{space}[{_flow_note(written)}]"))
        else:
            new_note = written
    if new_date or new_note:
        edits.append(_add_keys(source, nodes, at, new_date, new_note))
    return edits


def _value(nodes: Nodes, loc: Loc) -> object:
    value: object = nodes.data
    for part in loc:
        if isinstance(value, dict) and isinstance(part, str):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return None
    return value


def _flow_note(note: tuple[str, str]) -> str:
    return f"{{date: {note[0]}, text: {note[1]}}}"


def _line_end(text: str, index: int) -> int:
    """The index just past the line break of the line holding `index`."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _add_keys(
    source: Source, nodes: Nodes, at: Loc, status_date: str | None, note: tuple[str, str] | None
) -> Edit:
    """Insert status_date and notes into an activity after its status (or status_date) line."""
    spans = nodes.spans
    activity_span = spans[at]
    if activity_span.flow:
        added = f", status_date: {status_date}" if status_date else ""
        added += f", notes: [{_flow_note(note)}]" if note else ""
        close = source.text.rindex("}", activity_span.start, activity_span.end)
        if source.text[activity_span.start + 1 : close].rstrip().endswith(","):
            added = added.removeprefix(", ") + " "  # after a trailing comma: `{…, status: x, }`
        return Edit(close, close, added)
    last = max(spans[(*at, k)].end for k in ("status", "status_date") if (*at, k) in spans)
    indent = " " * (nodes.key_spans[(*at, "status")].column - 1)
    nl = source.newline
    added = f"{indent}status_date: {status_date}{nl}" if status_date else ""
    if note:
        added += f"{indent}notes:{nl}{indent}  - date: {note[0]}{nl}{indent}    text: {note[1]}{nl}"
    position = _line_end(source.text, last)
    lead = "" if source.text[position - 1 : position] == "\n" else nl
    return Edit(position, position, lead + added)


def _append_note(
    source: Source, nodes: Nodes, notes: Loc, last: int, note: tuple[str, str]
) -> Edit:
    """Append a note after the last one, in the same style and indentation."""
    spans = nodes.spans
    if spans[notes].flow:
        close = source.text.rindex("]", spans[notes].start, spans[notes].end)
        return Edit(close, close, f", {_flow_note(note)}")
    item_loc = (*notes, last)
    item = spans[item_loc]
    # A block mapping's end mark lies at the next token; its last value's end does not.
    inner = [
        s.end
        for loc, s in spans.items()
        if len(loc) > len(item_loc) and loc[: len(item_loc)] == item_loc
    ]
    end = item.end if item.flow or not inner else max(inner)
    line_start = source.text.rfind("\n", 0, item.start) + 1
    dash = source.text[line_start : item.start]
    if not dash.strip().startswith("-"):
        dash = " " * (item.column - 1)
    nl = source.newline
    position = end if source.text[end - 1 : end] == "\n" else _line_end(source.text, end)
    lead = "" if source.text[position - 1 : position] == "\n" else nl
    body = f"{dash}date: {note[0]}{nl}{' ' * len(dash)}text: {note[1]}{nl}"
    return Edit(position, position, lead + body)


def append_record(
    source: Source, nodes: Nodes, regions: list[tuple[int, int]], data: dict[str, object]
) -> Edit:
    """Append a record after the last activity, indented and spaced like the ones before it."""
    text, nl = source.text, source.newline
    last_start, end = regions[-1]
    previous = text[regions[-2][0] : regions[-2][1]] if len(regions) > 1 else ""
    dash = text[last_start : nodes.spans[("activities", len(regions) - 1)].start]
    lines = record_lines(data, dash, " " * len(dash))
    gap = nl if previous.endswith(("\n\n", "\r\n\r\n")) else ""
    lead = "" if end == 0 or text[end - 1] == "\n" else nl
    return Edit(end, end, lead + gap + nl.join(lines) + nl)
