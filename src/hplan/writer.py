"""Writing back to the plan: only the bytes that must change, validated, atomic, locked.

An edit replaces one scalar's text between its start and end marks, or inserts whole lines
after a known line, in the file's own indentation, newline style and Unicode normalisation.
Everything else (comments, quoting, key order, blank lines, a BOM) is left as it was.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import stat
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from hplan.cache import cached_plan, store_plan
from hplan.errors import HplanError, LockTimeout
from hplan.loader import LoadedPlan, Loc, Source, Span, decode, read_source
from hplan.model import Activity, Note, Plan, Status
from hplan.parser import Fragment, parse_fragment, parse_plan
from hplan.queries import find_activity

LOCK_TIMEOUT_SECONDS = 10.0
TEMP_SUFFIX = ".hplan-tmp"


@dataclass(frozen=True)
class StatusChange:
    """What `hplan status` did: the activity before and after, and whether the file changed."""

    before: Activity
    after: Activity
    written: bool
    language: str = "en"
    """The plan's language, for the message about the change."""


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


def set_status(
    path: Path, activity_id: str, status: Status | None, today: date, note: str | None = None
) -> StatusChange:
    """Set an activity's status (dated) and add a note, holding the plan's lock throughout.

    With `status` None the status stays as it is (a note alone).
    """
    with plan_lock(path):
        source = read_source(path)
        loaded = _cached_positions(source, activity_id) or parse_plan(source)
        activity = find_activity(loaded.plan, activity_id)
        index = loaded.plan.activities.index(activity)
        note_text = _one_line(note) if note is not None else None
        if note_text and source.nfd:
            note_text = unicodedata.normalize("NFD", note_text)
        if note is not None and not note_text:
            raise HplanError("the note is empty; give some text or leave --note out")
        changes: dict[str, object] = {}
        if status is not None and status != activity.status:
            changes.update(status=status, status_date=today)
        if note_text:
            changes["notes"] = [*activity.notes, Note(date=today, text=note_text)]
        if not changes:
            return StatusChange(activity, activity, False, loaded.plan.language)
        after = replace(activity, **changes)  # type: ignore[arg-type]
        text = _apply(source.text, _status_edits(loaded, index, after, bool(note_text)))
        new_plan, regions = _check(loaded, index, after, text)
        raw = _encode(source, text)
        write_atomic(path, raw, expected=source.raw)
        store_plan(raw, new_plan, regions)
        return StatusChange(activity, after, True, loaded.plan.language)


def _cached_positions(source: Source, activity_id: str) -> LoadedPlan | None:
    """For a plan validated before: the positions of one activity's nodes, from its lines alone.

    Parsing one activity instead of the whole file keeps a write fast on a large plan. The
    activity's lines must read as exactly the activity the cache holds, or None is returned
    and the caller parses the whole file.
    """
    entry = cached_plan(source.raw)
    if entry is None:
        return None
    plan, regions = entry
    if regions is None:
        return None
    activity = plan.activity(activity_id.strip())
    if activity is None:
        return None
    index = plan.activities.index(activity)
    start, end = regions[index]
    tree = _region_tree(source, start, end)
    # The cache entry is for exactly these bytes; the id only confirms the region's bounds.
    if tree is None or tree.data[0].get("id") != activity.id:
        return None
    lines = source.text.count("\n", 0, start)

    def shifted(spans: dict[Loc, Span]) -> dict[Loc, Span]:
        return {
            ("activities", index, *loc[1:]): Span(
                s.start + start, s.end + start, s.line + lines, s.column, s.flow
            )
            for loc, s in spans.items()
            if loc[:1] == (0,)
        }

    return LoadedPlan(plan, source, shifted(tree.spans), shifted(tree.key_spans), regions)


def _region_tree(source: Source, start: int, end: int) -> Fragment | None:
    """One activity's lines parsed on their own: a list of one mapping, or None."""
    fragment = parse_fragment(source.path, source.text[start:end])
    if fragment is None or not (
        isinstance(fragment.data, list)
        and len(fragment.data) == 1
        and isinstance(fragment.data[0], dict)
    ):
        return None
    return fragment


def _written_as(before: dict[str, Any], after: Activity, old: Activity) -> dict[str, Any]:
    """The activity's data as the file must now hold it: `before` with only our changes."""
    expected = dict(before)
    if after.status != old.status:
        expected["status"] = after.status.value
        expected["status_date"] = after.status_date.isoformat() if after.status_date else None
    if len(after.notes) > len(old.notes):
        note = after.notes[-1]
        expected["notes"] = [
            *(before.get("notes") or []),
            {"date": note.date.isoformat(), "text": note.text},
        ]
    return expected


@dataclass(frozen=True)
class NewActivity:
    """What `hplan add` was given; names and goal ids as the plan declares them."""

    title: str
    goals: list[str]
    owners: list[str]
    with_: list[str]
    deadline: str


def add_activity(path: Path, new: NewActivity) -> Activity:
    """Append an activity with the next free id after the last one, in the file's own style."""
    with plan_lock(path):
        source = read_source(path)
        loaded = parse_plan(source)
        plan, regions = loaded.plan, loaded.regions
        if not regions:
            raise HplanError(
                f"{path}: hplan add appends to a block list of activities ('  - id: …' "
                "lines); add this one by hand"
            )
        activity_id = str(max((int(a.id) for a in plan.activities), default=0) + 1)
        text = source.text
        last_start, end = regions[-1]
        previous = text[regions[-2][0] : regions[-2][1]] if len(regions) > 1 else ""
        dash = text[last_start : loaded.spans[("activities", len(regions) - 1)].start]
        nl = source.newline
        lines = _activity_lines(activity_id, new, dash, source.nfd)
        gap = nl if previous.endswith(("\n\n", "\r\n\r\n")) else ""
        lead = "" if end == 0 or text[end - 1] == "\n" else nl
        block = lead + gap + nl.join(lines) + nl
        new_text = text[:end] + block + text[end:]
        added = parse_plan(decode(path, _encode(source, new_text)))
        if (
            added.plan.activities[:-1] != plan.activities
            or len(added.plan.activities) != len(plan.activities) + 1
        ):
            raise HplanError(f"{path}: hplan could not add the activity safely; nothing written")
        raw = _encode(source, new_text)
        write_atomic(path, raw, expected=source.raw)
        store_plan(raw, added.plan, added.regions)
        return added.plan.activities[-1]


def _activity_lines(activity_id: str, new: NewActivity, dash: str, nfd: bool) -> list[str]:
    """The new activity's lines, indented like the one before it."""

    def text(value: str) -> str:
        return scalar(unicodedata.normalize("NFD", value) if nfd else value, flow=False)

    key = " " * len(dash)
    lines = [f"{dash}id: {activity_id}", f"{key}title: {text(new.title)}", f"{key}goals:"]
    lines += [f"{key}  - {g}" for g in new.goals]
    lines += [f"{key}owners:"] + [f"{key}  - {text(o)}" for o in new.owners]
    if new.with_:
        lines += [f"{key}with:"] + [f"{key}  - {text(w)}" for w in new.with_]
    lines += [f"{key}deadline: {text(new.deadline)}", f"{key}status: {Status.NOT_STARTED.value}"]
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _status_edits(loaded: LoadedPlan, index: int, after: Activity, add_note: bool) -> list[_Edit]:
    source, spans = loaded.source, loaded.spans
    at: Loc = ("activities", index)
    edits: list[_Edit] = []
    new_date: str | None = None
    new_note: tuple[str, str] | None = None
    if after.status_date is not None and after.status != loaded.plan.activities[index].status:
        edits.append(_replacescalar(source, spans[(*at, "status")], after.status.value))
        day = after.status_date.isoformat()
        if (*at, "status_date") in spans:
            edits.append(_replacescalar(source, spans[(*at, "status_date")], day))
        else:
            new_date = day
    if add_note:
        notes_loc = (*at, "notes")
        earlier = bool(after.notes[:-1])
        in_flow = spans[at].flow or (notes_loc in spans and (spans[notes_loc].flow or not earlier))
        note = (after.notes[-1].date.isoformat(), scalar(after.notes[-1].text, in_flow))
        if notes_loc in spans and earlier:
            edits.append(_append_note(loaded, notes_loc, len(after.notes) - 2, note))
        elif notes_loc in spans:  # `notes: []` or an empty `notes:`
            span = spans[notes_loc]
            space = "" if span.end > span.start else " "
            edits.append(_Edit(span.start, span.end, f"{space}[{_flow_note(note)}]"))
        else:
            new_note = note
    if new_date or new_note:
        edits.append(_add_keys(loaded, at, new_date, new_note))
    return edits


def _flow_note(note: tuple[str, str]) -> str:
    return f"{{date: {note[0]}, text: {note[1]}}}"


def _replacescalar(source: Source, span: Span, value: str) -> _Edit:
    quote = source.text[span.start]
    text = f"{quote}{value}{quote}" if quote in "\"'" else value
    return _Edit(span.start, span.end, text)


def scalar(text: str, flow: bool = False) -> str:
    """`text` as a one-line YAML scalar, quoted only where the context needs it."""
    import yaml

    if flow:
        dumped = yaml.safe_dump([text], default_flow_style=True, allow_unicode=True, width=10**9)
        return dumped.strip()[1:-1]
    dumped = yaml.safe_dump(text, allow_unicode=True, width=10**9)
    return dumped.removesuffix("\n").removesuffix("\n...")


def _line_end(text: str, index: int) -> int:
    """The index just past the line break of the line holding `index`."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _add_keys(
    loaded: LoadedPlan, at: Loc, status_date: str | None, note: tuple[str, str] | None
) -> _Edit:
    """Insert status_date and notes into an activity after its status (or status_date) line."""
    source, spans = loaded.source, loaded.spans
    activity_span = spans[at]
    if activity_span.flow:
        added = f", status_date: {status_date}" if status_date else ""
        added += f", notes: [{_flow_note(note)}]" if note else ""
        close = source.text.rindex("}", activity_span.start, activity_span.end)
        return _Edit(close, close, added)
    last = max(spans[(*at, k)].end for k in ("status", "status_date") if (*at, k) in spans)
    indent = " " * (loaded.key_spans[(*at, "status")].column - 1)
    nl = source.newline
    added = f"{indent}status_date: {status_date}{nl}" if status_date else ""
    if note:
        added += f"{indent}notes:{nl}{indent}  - date: {note[0]}{nl}{indent}    text: {note[1]}{nl}"
    position = _line_end(source.text, last)
    lead = "" if source.text[position - 1 : position] == "\n" else nl
    return _Edit(position, position, lead + added)


def _append_note(loaded: LoadedPlan, notes: Loc, last: int, note: tuple[str, str]) -> _Edit:
    """Append a note after the last one, in the same style and indentation."""
    source, spans = loaded.source, loaded.spans
    if spans[notes].flow:
        close = source.text.rindex("]", spans[notes].start, spans[notes].end)
        return _Edit(close, close, f", {_flow_note(note)}")
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
    return _Edit(position, position, lead + body)


def _apply(text: str, edits: list[_Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def _encode(source: Source, text: str) -> bytes:
    return (("\ufeff" if source.bom else "") + text).encode("utf-8")


def _check(
    loaded: LoadedPlan, index: int, after: Activity, text: str
) -> tuple[Plan, list[tuple[int, int]] | None]:
    """Refuse to write unless the new text is valid and differs only in that activity.

    The new plan and its activities' regions are returned. When the old plan came from the
    cache, only the changed activity's lines are parsed again: everything else in the file is
    checked to be byte-for-byte what it was.
    """
    source, plan = loaded.source, loaded.plan
    activities = list(plan.activities)
    activities[index] = after
    expected = replace(plan, activities=activities)
    regions = loaded.regions
    if not loaded.spans.get(("activities",)) and regions is not None:  # positions from the cache
        # The rest of the file is byte-for-byte as validated; the activity's lines must read as
        # before with only the status, its date and the new note changed, as the text we wrote.
        start, end = regions[index]
        delta = len(text) - len(source.text)
        old = _region_tree(source, start, end)
        new = _region_tree(replace(source, text=text), start, end + delta)
        unchanged = text[:start] == source.text[:start] and text[end + delta :] == source.text[end:]
        if (
            unchanged
            and old is not None
            and new is not None
            and new.data[0] == _written_as(old.data[0], after, plan.activities[index])
        ):
            shifted = [
                (s + delta, e + delta) if i > index else (s, e) for i, (s, e) in enumerate(regions)
            ]
            shifted[index] = (start, end + delta)
            return expected, shifted
    # Otherwise (or if those lines do not read as they must): parse and validate it all.
    parsed = parse_plan(decode(source.path, _encode(source, text)))
    if parsed.plan == expected:
        return expected, parsed.regions
    raise HplanError(
        f"{source.path}: hplan could not make this change safely; "
        "nothing was written (please report this)"
    )


def write_atomic(path: Path, data: bytes, expected: bytes | None = None) -> None:
    """Replace the file's content at once: temporary sibling, fsync, rename, mode kept.

    With `expected`, refuse when the file no longer holds those bytes (an editor saved it
    meanwhile), so that nobody's edit is lost. Call it holding `plan_lock`: leftover temporary
    siblings of a killed hplan are removed then.
    """
    real = path.resolve()
    try:
        mode = stat.S_IMODE(real.stat().st_mode)
        if not os.access(real, os.W_OK):
            raise HplanError(f"{path} is read-only; make it writable to change it")
        for stale in real.parent.glob(f".{glob.escape(real.name)}.*{TEMP_SUFFIX}"):
            stale.unlink(missing_ok=True)
        temp = _temporary_sibling(real)
    except PermissionError:
        raise HplanError(f"cannot write in {real.parent}: permission denied") from None
    try:
        _fill(temp, data, mode)
        if expected is not None and real.read_bytes() != expected:
            raise HplanError(
                f"{path} changed while hplan was writing it (saved from an editor?); nothing "
                "was written, so that change is kept. Run the command again."
            )
        os.replace(temp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    with contextlib.suppress(OSError):
        directory = os.open(real.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def _temporary_sibling(real: Path) -> str:
    """A new temporary file beside the plan; leftovers of it are recognised and removed."""
    fd, temp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=TEMP_SUFFIX)
    os.close(fd)
    return temp


def _fill(temp: str, data: bytes, mode: int) -> None:
    """Write the whole content to disk (fsync) with the file mode it is to have."""
    with open(temp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(temp, mode)


def write_new(path: Path, data: bytes) -> None:
    """Create a file that must not exist yet, whole or not at all (never overwriting one)."""
    real = path.resolve()
    if real.exists():
        raise HplanError(f"{path} exists already; hplan never overwrites a plan")
    try:
        temp = _temporary_sibling(real)
    except OSError as error:
        raise HplanError(f"cannot write in {real.parent}: {error.strerror}") from None
    try:
        _fill(temp, data, 0o644)
        os.link(temp, real)  # fails if the file appeared meanwhile: nothing is overwritten
    except FileExistsError:
        raise HplanError(f"{path} exists already; hplan never overwrites a plan") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def _lock_timeout() -> float:
    return float(os.environ.get("HPLAN_LOCK_TIMEOUT", LOCK_TIMEOUT_SECONDS))


def _lock_error(path: Path, timeout: float) -> LockTimeout:
    return LockTimeout(
        f"{path}: another hplan has been writing this plan for {timeout:g} s; try again in a moment"
    )


@contextlib.contextmanager
def plan_lock(path: Path) -> Iterator[None]:
    """Hold the plan's write lock across read-modify-write; a clear error after the timeout.

    The lock is an flock on the plan file itself, so hplan creates no lock file. A waiting
    hplan may lock a file that the holder then replaces (rename); it then locks the new one.
    """
    if fcntl is None:  # pragma: no cover - Windows
        with _file_lock(path):
            yield
        return
    timeout = _lock_timeout()
    deadline = time.monotonic() + timeout
    real = path.resolve()
    while True:
        try:
            fd = os.open(real, os.O_RDONLY)
        except FileNotFoundError:
            raise HplanError(f"{path}: no such file") from None
        except PermissionError:
            raise HplanError(f"{path}: cannot open it (permission denied)") from None
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise _lock_error(path, timeout) from None
                    time.sleep(0.01)
            if os.fstat(fd).st_ino == os.stat(real).st_ino:
                yield
                return
        finally:
            os.close(fd)  # closing releases the lock


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Where flock is missing: a lock file in the user's cache, never beside the plan."""
    import filelock
    import platformdirs

    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32]
    folder = platformdirs.user_cache_path("hplan") / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    timeout = _lock_timeout()
    try:
        with filelock.FileLock(folder / f"{digest}.lock", timeout=timeout):
            yield
    except filelock.Timeout:
        raise _lock_error(path, timeout) from None
