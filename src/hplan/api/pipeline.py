"""The change pipeline: every write of a plan, from every front door, goes through here once.

`save_changes` takes a plan document (not a session), checks that what the change was made
from is still there (`Expected`: one rule, `unchanged`), makes every change in memory (the
model makes each activity, the document records the smallest edits), asks the front door's
`confirm` once everything is checked, writes once under the plan's lock, and then runs the
after-save steps (a commit, a front door's own hook, as fava's `after_write_source`).

When the file changed between the read and the write (another hplan, an editor), the whole
list is made again on the file as it has become, holding the lock, and checked again: a
change made from a page that saw activity 5 lands when activity 5 is as the page saw it,
whatever else changed; a whole-file version refuses any change to the file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from hplan.api.changes import AddActivity
from hplan.errors import HplanError, Message, PlanChanged
from hplan.plan.results import Update
from hplan.store.source import Source  # the plan file as read: what a whole-text edit gives back

__all__ = ["ANYTHING", "AfterSave", "Expected", "Saved", "Source", "read_text", "save_changes",
           "save_text", "stale", "unchanged"]  # fmt: skip

if TYPE_CHECKING:
    from hplan.api.changes import Change
    from hplan.api.rounds import OpenRound
    from hplan.plan.model import Activity, Followup, Plan
    from hplan.store.document import PlanDocument


class Expected(NamedTuple):
    """What a change was made from. `version`: the whole file's (SHA-256 of its bytes), for a
    change to the whole file (an editor's text): any change to the file refuses it.
    `activities`: each changed activity's own version (`plan.codec.record_version`), for a
    change to those activities (a page, a reply): refused only when one of them changed.
    Neither (the command line, typed against the file as it is now): never refused."""

    version: str | None = None
    activities: Mapping[str, str] = {}


ANYTHING = Expected()
"""Made against the file as it is (the command line)."""


class Saved:
    """What the pipeline did: an `Update` per changed activity, the activities added, the
    follow-up rounds opened, the document as saved, what a person should know, and what an
    after-save step could not do (`after`: the plan is written; the front door says these)."""

    __slots__ = ("added", "after", "document", "notes", "rounds", "updates")

    def __init__(self, document: PlanDocument) -> None:
        self.updates: list[Update] = []
        self.added: list[Activity] = []
        self.rounds: list[Followup] = []
        self.document = document
        self.notes: list[Message] = []
        self.after: list[HplanError] = []

    @property
    def written(self) -> bool:
        """True when the file was written."""
        return self.document.saved is not None


AfterSave = Callable[[Saved], None]
"""A step run once the plan is written (a commit, a front door's hook); an `HplanError` it
raises is kept in `Saved.after`, never undoing the write."""


def unchanged(document: PlanDocument, expected: Expected) -> bool:
    """The one rule for "is what the change was made from still there?": the whole file's
    version when given; else each named activity's own version (an activity no longer in the
    plan is changed)."""
    if expected.version is not None:
        return document.version == expected.version
    if not expected.activities:
        return True
    from hplan.plan.codec import record_version

    # Each found by its id: a plan read from the cache makes only those (store/activities.py).
    for activity_id, version in expected.activities.items():
        activity = document.plan.activity(activity_id)
        if activity is None or record_version(activity) != version:
            return False
    return True


def save_changes(
    document: PlanDocument,
    changes: Sequence[Change | AddActivity | OpenRound],
    day: Callable[[Plan], date],
    expected: Expected = ANYTHING,
    confirm: Callable[[], None] | None = None,
    after_save: Sequence[AfterSave] = (),
) -> Saved:
    """Make every change on the document and write it once: all of them or none.

    `day(plan)` is the day of the change for the plan as read (its time zone). `confirm` is
    called once every check is made, before anything is written (a terminal may ask). Raises
    PlanChanged (nothing written) when what the change was made from is gone."""
    from hplan.store.lock import plan_lock

    saved = _made(document, changes, day, expected)
    if not document.changed:
        return saved
    if confirm is not None:
        confirm()  # every check made, nothing written yet
    try:
        document.save()
    except PlanChanged:
        if expected.version is not None:
            raise stale(document.path) from None
        with plan_lock(document.path):  # the same list, on the file as it has become
            saved = _made(document.reopen(), changes, day, expected)
            if saved.document.changed:
                saved.document.save(locked=True)
    saved.notes = list(saved.document.notes)
    saved.updates = [
        u._replace(version=saved.document.version_now) if u.written else u for u in saved.updates
    ]
    if saved.written:
        for step in after_save:
            try:
                step(saved)
            except HplanError as error:
                saved.after.append(error)
    return saved


def _made(
    document: PlanDocument,
    changes: Sequence[Change | AddActivity | OpenRound],
    day: Callable[[Plan], date],
    expected: Expected,
) -> Saved:
    """Every change made in memory on `document`, after the check that it may be."""
    from hplan.plan.lookup import find_activity

    if not unchanged(document, expected):
        raise stale(document.path)
    today = day(document.plan)
    saved = Saved(document)
    # Each activity as read and as its changes so far leave it: two changes of one activity
    # (a reply's status and assessment) make one edit of its lines.
    pending: dict[str, tuple[Activity, Activity]] = {}
    for change in changes:
        if isinstance(change, AddActivity):
            saved.added.append(document.append_activity(change.made(document.plan)))
            continue
        if hasattr(change, "on"):  # a change of the plan's own (api/rounds.OpenRound)
            saved.rounds.append(change.on(document))
            continue
        found = find_activity(document.plan, change.activity_id)
        read, before = pending.get(found.id, (found, found))
        now = change.made(before, document.plan, today)
        pending[found.id] = (read, now)
        saved.updates.append(Update(before, now, now != before, document.path, document.version))
    for read, now in pending.values():
        document.replace_activity(read, now)
    return saved


def stale(path: Path) -> PlanChanged:
    """The refusal of a change made from what is no longer there."""
    return PlanChanged(
        Message(
            "{path} has changed since this page or program read it; nothing was written. "
            "Read it again and make the change on what it says now.",
            path=path,
        )
    )


def read_text(path: Path) -> Source:
    """The plan file as read for a whole-text edit (an editor's): its bytes and version, valid
    or not (one edits a plan to fix it)."""
    from hplan.store.source import read_source

    return read_source(path)


def save_text(before: Source, raw: bytes) -> list[Message]:
    """Write `raw` over the plan file, read as `before`: checked whole in memory first (it
    must be a valid plan; PlanInvalid cites the plan file's name), then, holding the lock,
    when the file still holds `before`'s bytes. When another write changed it meanwhile,
    the edit is merged with that change where the two touched different activities
    (store/merge.py, checked whole again), else PlanChanged, nothing written. The same lock,
    check and atomic writer as every change; what a person should know is returned."""
    from hplan.store.atomic import write_atomic
    from hplan.store.cache import store_plan
    from hplan.store.lock import plan_lock
    from hplan.store.merge import merged
    from hplan.store.reading import parse_plan
    from hplan.store.source import decode

    parsed = parse_plan(decode(before.path, raw))
    said: list[Message] = []
    with plan_lock(before.path):  # the writer refuses (PlanChanged) a file not as read
        now = before.path.read_bytes()
        if now != before.raw and (both := merged(before.path, before.raw, raw, now)):
            parsed, raw = parse_plan(decode(before.path, both)), both
            said.append(Message("another change was made to the plan meanwhile, to other "
                                "activities; both are kept"))  # fmt: skip
        notes = write_atomic(before.path, raw, expected=now if said else before.raw)
    store_plan(raw, parsed.plan, parsed.regions)
    return said + notes
