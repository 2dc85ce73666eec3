"""The plan document: one plan file as read, the edits made to it, and one `save`.

It holds the source, the YAML nodes with their marks (parsed when an edit needs them), and
the validated plan. Edits change only the bytes they must (edits.py). `save` checks the
edited text in memory first (it must read back as exactly the intended plan), then takes the
plan's lock, checks the file still holds what was read, and writes it atomically.

For a plan read from the cache, an edit of one activity decodes and parses only that
activity's lines (its region), reads the edited lines back, and writes the file as the bytes
before them, the edited lines and the bytes after them: everything else is byte for byte
what was validated. The same guarantees, without parsing (or even decoding) 10,000
activities for one status.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Any

from hplan.errors import HplanError, Message, PlanInvalid, WriteRefused
from hplan.plan.codec import file_data
from hplan.plan.model import Activity, Followup, Plan
from hplan.store.activities import CachedActivities, without_gc
from hplan.store.cache import Regions, store_plan
from hplan.store.edits import Edit, append_record, apply, record_edits
from hplan.store.nodes import Loc, Nodes, Span, read_nodes
from hplan.store.reading import parse_plan, plan_of
from hplan.store.source import SETTLE_SECONDS, Source, decode, read_source, wait_until_still
from hplan.store.yaml_text import as_written

Places = tuple[bytes, Regions]


@dataclass(frozen=True)
class _Region:
    """One activity's lines parsed on their own: their place in the file's bytes, and the
    lines as a source of their own, which the edits of a region are places in."""

    index: int
    start: int
    end: int
    source: Source
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
        """The one activity edited on its own lines: the edits are places in its text."""
        self._appended: Activity | None = None
        """An activity appended after `_region`, the last one."""
        self._edits: list[Edit] = []
        self._edited: set[int] = set()
        self.saved: Source | None = None
        """The file as `save` wrote it."""
        self.notes: list[Message] = []
        """What `save` says a person should know (an owner not kept, other hard links)."""
        self.settle = 0.0
        """How long `open` waited for the file to be still, at most; `reopen` waits as long."""

    @classmethod
    def open(cls, path: Path, settle: float = SETTLE_SECONDS) -> PlanDocument:
        """Read the plan at `path` (through the cache), once it has been still for a moment:
        an editor that saves in place (truncate, write, write) is not read half-saved. The
        wait is at most `settle` seconds (0: do not wait, as a server must not)."""
        if settle > 0:
            wait_until_still(path, settle)
        source = read_source(path)
        plan, regions = plan_of(source)
        document = cls(source, plan, regions)
        document.settle = settle
        return document

    def reopen(self) -> PlanDocument:
        """The same file read again, as it is now, with no edit made."""
        return PlanDocument.open(self.path, self.settle)

    @property
    def path(self) -> Path:
        """The plan file."""
        return self.source.path

    @property
    def version(self) -> str:
        """The version of the file as read: the SHA-256 of its bytes, in hex."""
        return self.source.version

    @property
    def version_now(self) -> str:
        """The version of the file as this document last saw it: as saved, else as read."""
        return (self.saved or self.source).version

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
        source, nodes = self._activity_nodes(index)
        if source.nfd:
            after = _nfd_record(after)
        self._edited.add(index)
        at = ("activities", index)
        self._edits += record_edits(source, nodes, at, file_data(before), file_data(after))
        self.plan = replace(self.plan, activities=_put(self.plan.activities, index, after))
        return after

    def append_activity(self, activity: Activity) -> Activity:
        """Append an activity after the last one, in the file's own style. For a plan read
        from the cache, only the last activity's lines are parsed (for their indentation),
        and only the new lines are read back."""
        fresh = self._nodes is None and not self._edits  # places from the cache, unedited
        last = self._parse_region(len(self._regions) - 1) if self._regions and fresh else None
        if last is not None:
            source, nodes = last.source, last.nodes
        else:
            source, nodes = self.source, self._whole()
        if not self._regions:
            raise WriteRefused(
                Message(
                    "{path}: hplan adds to a block list of activities ('  - id: "
                    "…' lines); add this one by hand",
                    path=self.path,
                )
            )
        if source.nfd:
            activity = _nfd_record(activity)
        count = len(self._regions)
        start, end = self._regions[-1]
        place = (0, len(source.text)) if last else (source.offset(start), source.offset(end))
        before = self.source.raw[self._regions[-2][0] : self._regions[-2][1]] if count > 1 else b""
        spaced = before.endswith((b"\n\n", b"\r\n\r\n"))
        at = ("activities", count - 1)
        self._edits.append(append_record(source, nodes, at, place, spaced, file_data(activity)))
        if last is not None:
            self._region, self._appended = last, activity
        self.plan = replace(
            self.plan, activities=_put(self.plan.activities, len(self.plan.activities), activity)
        )
        return activity

    def replace_followups(self, followups: list[Followup]) -> None:
        """The plan's follow-up rounds as `followups`, editing only their lines: a new round
        appended after the last one, or `followups:` added after the owners."""
        nodes = self._whole()
        before = file_data(replace(self.plan, activities=[]))
        after = file_data(replace(self.plan, followups=list(followups), activities=[]))
        self._edits += record_edits(self.source, nodes, (), before, after)
        self.plan = replace(self.plan, followups=list(followups))

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

        with without_gc():  # 10,000 regions moved: no collection walking a server's plans
            raw, regions = self._written()
        if locked:
            self.notes = write_atomic(self.path, raw, expected=self.source.raw)
        else:
            with plan_lock(self.path):
                self.notes = write_atomic(self.path, raw, expected=self.source.raw)
        self.saved = Source(self.path, raw)
        store_plan(raw, self.plan, regions, self.saved.version)
        return self.plan

    def _whole(self) -> Nodes:
        """The whole file's nodes, parsed now if the plan came from the cache; edits made on
        one activity's lines become places in the whole text."""
        if self._nodes is None:
            parsed = parse_plan(self.source)
            self._in_whole_text()
            self._nodes, self._regions = parsed.nodes, parsed.regions
        return self._nodes

    def _in_whole_text(self) -> None:
        if self._region is not None and self._edits:
            shift = self.source.offset(self._region.start)
            self._edits = [Edit(e.start + shift, e.end + shift, e.text) for e in self._edits]
        self._region = self._appended = None

    def _activity_nodes(self, index: int) -> tuple[Source, Nodes]:
        """The source and nodes an edit of an activity is made in: its own lines when the
        cache knows where they are and nothing else is edited yet, else the whole file."""
        if self._nodes is None and self._regions is not None and not self._edits:
            region = self._parse_region(index)
            if region is not None:
                self._region = region
                return region.source, region.nodes
        return self.source, self._whole()

    def _parse_region(self, index: int) -> _Region | None:
        assert self._regions is not None
        start, end = self._regions[index]
        source = self.source.part(start, end)
        found = _region_data(source)
        if found is None:
            return None
        nodes, item = found
        if item.get("id") != self.plan.activities[index].id:
            return None
        lines = self.source.raw.count(b"\n", 0, start)

        def placed(spans: Mapping[Loc, Span]) -> dict[Loc, Span]:
            """Named as in the whole plan, placed in the region's text, lines as in the file."""
            return {
                ("activities", index, *loc[1:]): Span(
                    s.start, s.end, s.line + lines, s.column, s.flow
                )
                for loc, s in spans.items()
                if loc[:1] == (0,)
            }

        # Only this activity's data is known; the edits look nothing else up.
        data = {"activities": [None] * index + [item]}
        return _Region(
            index,
            start,
            end,
            source,
            Nodes(data, placed(nodes.spans), placed(nodes.key_spans)),
            item,
        )

    def _written(self) -> Places:
        """The edited file's bytes, once they read back as exactly the edited plan, and their
        activities' regions."""
        if self._region is not None:
            found = self._region_written(self._region)
            if found is not None:
                return found
            self._in_whole_text()
        text = apply(self.source.text, self._edits)
        raw = (("\ufeff" if self.source.bom else "") + text).encode("utf-8")
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
        return raw, parsed.regions

    def _region_written(self, region: _Region) -> Places | None:
        """The file with one activity's lines edited, when those lines read back as exactly
        the edited activity (or an appended one's as it); else None. The rest of the file is
        the bytes as read, so it holds what was validated."""
        assert self._regions is not None
        text = apply(region.source.text, self._edits)
        if self._appended is not None:
            [edit] = self._edits
            lead = len(edit.text) - len(edit.text.lstrip("\r\n"))
            first, last = edit.start + lead, edit.start + len(edit.text)
            back = _region_data(replace(region.source, raw=text[first:last].encode("utf-8")))
            data = file_data(self._appended)
            if back is None or back[1] != as_written(data):  # a new record omits empty fields
                return None
        else:
            back = _region_data(replace(region.source, raw=text.encode("utf-8")))
            was = file_data(self._read.activities[region.index])
            now = file_data(self.plan.activities[region.index])
            if back is None or back[1] != {
                **region.item,
                **{k: _as_written(v) for k, v in now.items() if v != was.get(k)},
            }:
                return None
        lines = text.encode("utf-8")
        whole = memoryview(self.source.raw)
        raw = b"".join((whole[: region.start], lines, whole[region.end :]))
        if self._appended is not None:
            at = region.start
            added = (at + len(text[:first].encode("utf-8")), at + len(text[:last].encode("utf-8")))
            return raw, [*self._regions, added]
        delta, at = len(lines) - (region.end - region.start), region.index
        later = [(s + delta, e + delta) for s, e in self._regions[at + 1 :]]
        return raw, [*self._regions[:at], (region.start, region.end + delta), *later]


def _put(activities: Sequence[Activity], index: int, activity: Activity) -> Sequence[Activity]:
    """The list with `activity` at `index` (in place of one, or after the last), the others
    as they are: a list read from the cache stays unmade but for this one."""
    if isinstance(activities, CachedActivities):
        if index == len(activities):
            return activities.appended(activity)
        return activities.replaced(index, activity)
    return [*activities[:index], activity, *activities[index + 1 :]]


def _as_written(value: Any) -> Any:
    """A field's file data as the file holds it: a record in a list (a note, an answer)
    without its keys that have no value, which are never written."""
    if not isinstance(value, list):
        return value
    return [as_written(item) if isinstance(item, dict) else item for item in value]


def _region_data(source: Source) -> tuple[Nodes, dict[str, Any]] | None:
    """An activity's lines parsed on their own: their nodes and the one mapping, or None."""
    try:
        nodes = read_nodes(source.path, source.text)
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
