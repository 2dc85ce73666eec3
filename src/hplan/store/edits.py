"""Edits of a plan's text: replace one scalar between its marks, or insert whole lines.

Each edit is made in the file's own indentation, newline style and quoting; everything else
(comments, key order, blank lines, a BOM) is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hplan.errors import Message, WriteRefused
from hplan.store.nodes import Loc, Nodes, Span
from hplan.store.source import Source
from hplan.store.yaml_text import as_written, plain, record_lines, value_text


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


def set_scalar(source: Source, span: Span, value: str, key: str = "") -> Edit:
    """Replace a scalar's text (the value of `key`), keeping its quotes where the new value
    needs no escape; an empty one (`status_date:`) is filled."""
    written = source.text
    if span.end == span.start:  # an empty value: `key:` or `key:   # a comment`
        before = written[span.start - 1 : span.start]
        after = written[span.start : span.start + 1]
        written = value_text(key, value, True)
        text = ("" if before in (" ", "\t") else " ") + written + (" " if after == "#" else "")
        return Edit(span.start, span.end, text)
    quote = written[span.start]
    if quote in "\"'" and _fits(value, quote):
        return Edit(span.start, span.end, f"{quote}{value}{quote}")
    return Edit(span.start, span.end, value_text(key, value, True))


def _fits(value: str, quote: str) -> bool:
    """True when `value` can stand between `quote`s as it is, without an escape."""
    if quote == "'":
        return "'" not in value and "\n" not in value
    return value.isprintable() and '"' not in value and "\\" not in value


def record_edits(
    source: Source, nodes: Nodes, at: Loc, before: dict[str, Any], after: dict[str, Any]
) -> list[Edit]:
    """The edits that turn the record at `at` from `before` into `after` (both in the file's
    form, plan/codec.file_data), touching only what changed: a scalar between its marks,
    a list's changed items, notes appended after the last one, a missing key inserted after
    the key before it in the model's order. Made for any field the model declares."""
    edits: list[Edit] = []
    inserts: dict[str, Any] = {}
    for key, value in after.items():
        was = before.get(key)
        if value == was or (not value and not was):
            continue
        loc = (*at, key)
        written = _value(nodes, loc)
        if loc not in nodes.spans:
            inserts[key] = value
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            edits += _record_list_edits(source, nodes, loc, written, value)
        elif isinstance(value, list):
            edits += _list_edits(source, nodes, loc, written, value)
        elif value == "" and (gone := _key_lines(source, nodes, loc)) is not None:
            edits.append(gone)  # a text emptied: its key goes, as a person would write it
        elif value is None or isinstance(written, list | dict):
            raise _cannot(key)
        else:
            edits.append(set_scalar(source, nodes.spans[loc], str(value), key))
    if inserts:
        edits += _add_keys(source, nodes, at, list(after), inserts)
    return edits


def _key_lines(source: Source, nodes: Nodes, loc: Loc) -> Edit | None:
    """The edit that removes a key and its value, where the key starts its own line in a
    block mapping; else None."""
    key = nodes.key_spans.get(loc)
    if key is None or nodes.spans[loc].flow:
        return None
    text = source.text
    start = text.rfind("\n", 0, key.start) + 1
    if text[start : key.start].strip():
        return None  # `- comment: …`: the first key of an item keeps its dash
    return Edit(start, _line_end(text, _value_end(nodes, loc)), "")


def _cannot(key: str) -> WriteRefused:
    return WriteRefused(
        Message(
            "hplan cannot make this change to '{key}' in the way it is written; "
            "nothing was written. Edit it by hand.",
            key=key,
        )
    )


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


def _flow(value: Any, key: str = "") -> str:
    """A value (of `key`) in flow style: `[a, b]`, `{date: …, text: …}`, a scalar."""
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v, k)}" for k, v in as_written(value).items()) + "}"
    return value_text(key, str(value), True)


def _line_end(text: str, index: int) -> int:
    """The index just past the line break of the line holding `index`."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _value_end(nodes: Nodes, loc: Loc) -> int:
    """Where the value at `loc` ends in the text: a block collection's end mark lies at the
    next token, so its last inner value's end is taken instead."""
    size = len(loc)
    within = [at for at in nodes.spans if len(at) > size and at[:size] == loc]
    # A block collection inside it ends at the next token too: only its scalars count.
    parents = {at[:-1] for at in within}
    inner = [nodes.spans[at].end for at in within if at not in parents]
    span = nodes.spans[loc]
    return span.end if span.flow or not inner else max(inner)


def _list_edits(
    source: Source, nodes: Nodes, loc: Loc, written: object, values: list[Any]
) -> list[Edit]:
    """A list of scalars changed: its changed items set, new ones appended, gone ones
    removed, each on its own line; a flow list (`[a, b]`) is written again on its line."""
    span = nodes.spans[loc]
    old = [str(v) for v in written] if isinstance(written, list) else []
    new = [str(v) for v in values]
    if span.flow or not old:
        space = "" if span.end > span.start or span.flow else " "
        return [Edit(span.start, span.end, space + _flow(new))]
    items = [nodes.spans[(*loc, i)] for i in range(len(old))]
    if any(item.flow for item in items):
        raise _cannot(str(loc[-1]))
    text, nl = source.text, source.newline
    if len(new) == len(old):
        return [set_scalar(source, items[i], v) for i, v in enumerate(new) if v != old[i]]
    line_start = text.rfind("\n", 0, items[0].start) + 1
    dash = text[line_start : items[0].start]
    if not dash.strip() == "-":
        raise _cannot(str(loc[-1]))
    if new[: len(old)] == old:
        position = _line_end(text, items[-1].end)
        lead = "" if text[position - 1 : position] == "\n" else nl
        return [
            Edit(
                position, position, lead + "".join(f"{dash}{plain(v)}{nl}" for v in new[len(old) :])
            )
        ]
    gone = _removed(old, new)
    if gone is not None:
        return [
            Edit(text.rfind("\n", 0, items[i].start) + 1, _line_end(text, items[i].end), "")
            for i in gone
        ]
    first = line_start
    last = _line_end(text, items[-1].end)
    return [Edit(first, last, "".join(f"{dash}{plain(v)}{nl}" for v in new))]


def _removed(old: list[str], new: list[str]) -> list[int] | None:
    """The indexes of `old` to remove to leave `new`, or None when `new` is not `old` with
    some items removed."""
    gone, kept = [], 0
    for i, value in enumerate(old):
        if kept < len(new) and value == new[kept]:
            kept += 1
        else:
            gone.append(i)
    return gone if kept == len(new) else None


def _record_list_edits(
    source: Source, nodes: Nodes, loc: Loc, written: object, values: list[dict[str, Any]]
) -> list[Edit]:
    """A list of records (notes, answers) changed: a record changed in its place (its own
    scalars, as any record's), records appended after the last one; removing one already
    written is not an edit hplan makes."""
    old = written if isinstance(written, list) else []
    if len(values) < len(old) or not all(isinstance(o, dict) for o in old):
        raise _cannot(str(loc[-1]))
    edits = []
    for i, (was, now) in enumerate(zip(old, values, strict=False)):
        text = {k: str(x) for k, x in was.items()}
        if text != as_written(now):
            if nodes.spans[(*loc, i)].flow:
                raise _cannot(str(loc[-1]))
            edits += record_edits(source, nodes, (*loc, i), text, now)
    if len(values) > len(old):
        edits.append(_append_records(source, nodes, loc, old, values))
    return edits


def _append_records(
    source: Source, nodes: Nodes, loc: Loc, old: list[Any], values: list[dict[str, Any]]
) -> Edit:
    """Records appended after the last one, in the same style and indentation."""
    added = values[len(old) :]
    span = nodes.spans[loc]
    if not old:  # `notes: []` or an empty `notes:`
        space = "" if span.end > span.start else " "
        return Edit(span.start, span.end, space + _flow(added))
    if span.flow:
        close = source.text.rindex("]", span.start, span.end)
        return Edit(close, close, "".join(", " + _flow(v) for v in added))
    item_loc = (*loc, len(old) - 1)
    item = nodes.spans[item_loc]
    end = _value_end(nodes, item_loc)
    text, nl = source.text, source.newline
    line_start = text.rfind("\n", 0, item.start) + 1
    dash = text[line_start : item.start]
    if not dash.strip().startswith("-"):
        dash = " " * (item.column - 1)
    if item.flow:
        body = "".join(f"{dash}{_flow(v)}{nl}" for v in added)
    else:
        body = "".join(nl.join(record_lines(v, dash, " " * len(dash))) + nl for v in added)
    position = end if text[end - 1 : end] == "\n" else _line_end(text, end)
    lead = "" if text[position - 1 : position] == "\n" else nl
    return Edit(position, position, lead + body)


def _add_keys(
    source: Source, nodes: Nodes, at: Loc, order: list[str], inserts: dict[str, Any]
) -> list[Edit]:
    """Insert keys the record does not have yet, each after the key before it in `order`
    (the model's), in the record's own indentation; in a flow record, before its `}`."""
    spans, text, nl = nodes.spans, source.text, source.newline
    record = spans[at]
    if record.flow:
        added = "".join(f", {key}: {_flow(value, key)}" for key, value in inserts.items())
        close = text.rindex("}", record.start, record.end)
        if text[record.start + 1 : close].rstrip().endswith(","):
            added = added.removeprefix(", ") + " "  # after a trailing comma: `{…, status: x, }`
        return [Edit(close, close, added)]
    present = [k for k in order if (*at, k) in spans]
    indent = " " * (nodes.key_spans[(*at, present[0])].column - 1)
    at_position: dict[int, list[str]] = {}
    for key, value in inserts.items():
        earlier = [k for k in order[: order.index(key)] if k in present]
        after_key = earlier[-1] if earlier else present[0]
        position = _line_end(text, _value_end(nodes, (*at, after_key)))
        at_position.setdefault(position, []).extend(record_lines({key: value}, indent, indent))
    edits = []
    for position, lines in at_position.items():
        lead = "" if text[position - 1 : position] == "\n" else nl
        edits.append(Edit(position, position, lead + "".join(line + nl for line in lines)))
    return edits


def append_record(
    source: Source,
    nodes: Nodes,
    last: Loc,
    place: tuple[int, int],
    spaced: bool,
    data: dict[str, object],
) -> Edit:
    """Append a record after the last activity (`last`, whose lines are `place` in the text),
    indented like it, after a blank line when the activities are `spaced` so."""
    text, nl = source.text, source.newline
    last_start, end = place
    dash = text[last_start : nodes.spans[last].start]
    lines = record_lines(data, dash, " " * len(dash))
    gap = nl if spaced else ""
    lead = "" if end == 0 or text[end - 1] == "\n" else nl
    return Edit(end, end, lead + gap + nl.join(lines) + nl)
