"""The plan document: one plan file as read, the edits made to it, and one `save`.

It holds the source text, the YAML nodes with their marks (parsed when an edit needs them),
and the validated plan. Edits change only the bytes they must (edits.py). `save` checks the
edited text in memory first (it must read back as exactly the intended plan), then takes the
plan's lock, checks the file still holds what was read, and writes it atomically.

For a plan read from the cache, an edit of one activity parses only that activity's lines
(its region), and `save` checks that everything else is byte-for-byte what was validated:
the same guarantees, without parsing 10,000 activities for one status.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields, is_dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Any

from hplan.errors import HplanError, Message, PlanInvalid, WriteRefused
from hplan.plan.codec import file_data
from hplan.plan.model import Activity, Plan
from hplan.store.cache import Regions, store_plan
from hplan.store.edits import Edit, append_record, apply, record_edits
from hplan.store.nodes import Loc, Nodes, Span, read_nodes
from hplan.store.reading import parse_plan, plan_of
from hplan.store.source import SETTLE_SECONDS, Source, decode, read_source, wait_until_still


@dataclass(frozen=True)
class _Region:
    """One activity's lines parsed on their own, placed back in the whole text."""

    index: int
    start: int
    end: int
    nodes: Nodes
    item: dict[str, Any]
    """The activity's data as its lines hold it, before any edit."""


class PlanDocument:
    """A plan file open for reading and editing."""

    def __init__(self, source: Source, plan: Plan, regions: Regions) -> None:
        self.source = source
        self.plan = plan
        """The plan as the edits so far make it."""
        self._read = plan
        self._regions = regions
        self._nodes: Nodes | None = None
        self._region: _Region | None = None
        self._appended: tuple[int, int, Activity] | None = None
        """An activity appended from the cache: where its lines go, where they start."""
        self._edits: list[Edit] = []
        self._edited: set[int] = set()
        self.saved: Source | None = None
        """The file as `save` wrote it."""
        self.notes: list[Message] = []
        """What `save` says a person should know (an owner not kept, other hard links)."""

    @classmethod
    def open(cls, path: Path, settle: float = SETTLE_SECONDS) -> PlanDocument:
        """Read the plan at `path` (through the cache), once it has been still for a moment:
        an editor that saves in place (truncate, write, write) is not read half-saved. The
        wait is at most `settle` seconds (0: do not wait, as a server must not)."""
        if settle > 0:
            wait_until_still(path, settle)
        source = read_source(path)
        plan, regions = plan_of(source)
        return cls(source, plan, regions)

    @property
    def path(self) -> Path:
        """The plan file."""
        return self.source.path

    @property
    def version(self) -> str:
        """The version of the file as read: the SHA-256 of its bytes, in hex."""
        return self.source.version

    def replace_activity(self, before: Activity, after: Activity) -> Activity:
        """Put `after` in the place of `before` (the same activity, changed by the model:
        plan/model.py), editing only the lines of the fields that changed. One change per
        activity and document."""
        if after == before:
            return before
        index = self.plan.activities.index(before)
        if index in self._edited:
            raise WriteRefused(
                Message("activity {id} was changed already in this command", id=before.id)
            )
        if after.id != before.id:
            raise WriteRefused(Message("an activity's id is never changed ({id})", id=before.id))
        if self.source.nfd:
            after = _nfd_record(after)
        self._edited.add(index)
        at, nodes = self._activity_nodes(index)
        self._edits += record_edits(self.source, nodes, at, file_data(before), file_data(after))
        activities = list(self.plan.activities)
        activities[index] = after
        self.plan = replace(self.plan, activities=activities)
        return after

    def append_activity(self, activity: Activity) -> Activity:
        """Append an activity after the last one, in the file's own style. For a plan read
        from the cache, only the last activity's lines are parsed (for their indentation),
        and only the new lines are read back."""
        last = (
            self._parse_region(len(self._regions) - 1)
            if self._regions and self._fresh_regions()
            else None
        )
        nodes = last.nodes if last is not None else self._whole()
        if not self._regions:
            raise WriteRefused(
                Message(
                    "{path}: hplan adds to a block list of activities ('  - id: "
                    "…' lines); add this one by hand",
                    path=self.path,
                )
            )
        if self.source.nfd:
            activity = _nfd_record(activity)
        data = file_data(activity)
        edit = append_record(self.source, nodes, self._regions, data)
        self._edits.append(edit)
        if last is not None and len(self._edits) == 1:
            lead = len(edit.text) - len(edit.text.lstrip("\r\n"))
            self._appended = (edit.start, edit.start + lead, activity)
        self.plan = replace(self.plan, activities=[*self.plan.activities, activity])
        return activity

    def _fresh_regions(self) -> bool:
        """Nothing of the file is parsed nor edited yet (its places come from the cache)."""
        return self._nodes is None and not self._edits

    @property
    def changed(self) -> bool:
        """True when an edit changed the plan."""
        return bool(self._edits)

    def save(self, locked: bool = False) -> Plan:
        """Write the edited plan: checked in memory, then under the lock, atomically.

        Refuses, writing nothing, when the edited text does not read back as exactly the
        intended plan, or (PlanChanged) when the file changed since it was read. `locked`:
        the caller holds the plan's lock already.
        """
        from hplan.store.atomic import write_atomic
        from hplan.store.lock import plan_lock

        text = apply(self.source.text, self._edits)
        raw = (("\ufeff" if self.source.bom else "") + text).encode("utf-8")
        regions = self._checked(text, raw)
        if locked:
            self.notes = write_atomic(self.path, raw, expected=self.source.raw)
        else:
            with plan_lock(self.path):
                self.notes = write_atomic(self.path, raw, expected=self.source.raw)
        store_plan(raw, self.plan, regions)
        self.saved = replace(self.source, raw=raw, text=text)
        return self.plan

    def _whole(self) -> Nodes:
        """The whole file's nodes, parsed now if the plan came from the cache."""
        if self._nodes is None:
            parsed = parse_plan(self.source)
            self._nodes, self._regions = parsed.nodes, parsed.regions
        return self._nodes

    def _activity_nodes(self, index: int) -> tuple[Loc, Nodes]:
        """Where an activity's nodes are: its region alone when the cache knows it."""
        if self._nodes is None and self._regions is not None:
            region = self._parse_region(index)
            if region is not None:
                self._region = region
                return ("activities", index), region.nodes
        return ("activities", index), self._whole()

    def _parse_region(self, index: int) -> _Region | None:
        assert self._regions is not None
        start, end = self._regions[index]
        found = _region_data(self.source, start, end)
        if found is None:
            return None
        nodes, item = found
        if item.get("id") != self.plan.activities[index].id:
            return None
        lines = self.source.text.count("\n", 0, start)

        def shifted(spans: dict[Loc, Span]) -> dict[Loc, Span]:
            return {
                ("activities", index, *loc[1:]): Span(
                    s.start + start, s.end + start, s.line + lines, s.column, s.flow
                )
                for loc, s in spans.items()
                if loc[:1] == (0,)
            }

        # Only this activity's data is known; the edits look nothing else up.
        data = {"activities": [None] * index + [item]}
        return _Region(
            index, start, end, Nodes(data, shifted(nodes.spans), shifted(nodes.key_spans)), item
        )

    def _checked(self, text: str, raw: bytes) -> Regions:
        """The new text's activity regions, once it reads back as exactly the edited plan."""
        region = self._region
        if region is not None and self._nodes is None and self._regions is not None:
            delta = len(text) - len(self.source.text)
            start, end = region.start, region.end
            old, new = self.source.text, text
            same_rest = new[:start] == old[:start] and new[end + delta :] == old[end:]
            after = self.plan.activities[region.index]
            before = self._read.activities[region.index]
            read_back = _region_data(replace(self.source, text=text), start, end + delta)
            if same_rest and read_back is not None:
                was = file_data(before)
                changed = {k: v for k, v in file_data(after).items() if v != was.get(k)}
                if read_back[1] == {**region.item, **changed}:
                    regions = [
                        (s + delta, e + delta) if i > region.index else (s, e)
                        for i, (s, e) in enumerate(self._regions)
                    ]
                    regions[region.index] = (start, end + delta)
                    return regions
        appended = self._appended_regions(text)
        if appended is not None:
            return appended
        try:
            parsed = parse_plan(decode(self.path, raw))
        except PlanInvalid as error:
            raise WriteRefused(
                Message(
                    "{path}: hplan cannot make this change safely in the way this "
                    "plan is written ({message}); nothing was written. Write the "
                    "activity's status: and status_date: as plain one-line values "
                    "(status: done) and run again.",
                    path=self.path,
                    message=error.problems[0].message,
                )
            ) from None
        if parsed.plan != self.plan:
            raise WriteRefused(
                Message(
                    "{path}: hplan could not make this change safely; nothing was "
                    "written (please report this)",
                    path=self.path,
                )
            )
        return parsed.regions

    def _appended_regions(self, text: str) -> Regions:
        """The new text's regions when the one edit appended an activity whose lines, read on
        their own, are exactly it and the rest of the file is unchanged; else None."""
        if self._appended is None or self._regions is None or len(self._edits) != 1:
            return None
        at, start, activity = self._appended
        old = self.source.text
        added = len(text) - len(old)
        end = at + added
        if text[:at] != old[:at] or text[end:] != old[at:]:
            return None
        read_back = _region_data(replace(self.source, text=text), start, end)
        written = {k: v for k, v in file_data(activity).items() if v not in (None, [], "")}
        if read_back is None or read_back[1] != written:  # a new record omits empty fields
            return None
        return [*self._regions, (start, end)]


def _region_data(source: Source, start: int, end: int) -> tuple[Nodes, dict[str, Any]] | None:
    """An activity's lines parsed on their own: their nodes and the one mapping, or None."""
    try:
        nodes = read_nodes(source.path, source.text[start:end])
    except HplanError:
        return None
    data = nodes.data
    if nodes.problems or not (isinstance(data, list) and len(data) == 1):
        return None
    item = data[0]
    return (nodes, item) if isinstance(item, dict) else None


def _nfd_record(record: Any) -> Any:
    """A record with its text decomposed (NFD), for a file saved so (as macOS does)."""
    return replace(record, **{f.name: _nfd(getattr(record, f.name)) for f in fields(record)})


def _nfd(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Enum):
        return unicodedata.normalize("NFD", value)
    if isinstance(value, list):
        return [_nfd(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return _nfd_record(value)
    return value
