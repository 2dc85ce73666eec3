"""A cache of validated plans, so that a plan read before is not parsed and validated again.

An entry is named by the SHA-256 of the file's bytes, the cache format and hplan's version
(never by modification time), and it holds that digest again: an entry is used only when it
proves it was made from exactly these bytes, so a copied or stale entry is a miss. Only
plans that validated are stored. The entry is the model (plan/model.py) as plain tuples
(plan/codec.py, generated from the model's fields) in `marshal` form, which makes nothing but
text, numbers, lists and tuples: an entry can never run code. A corrupt, unreadable or
missing entry is a miss. HPLAN_NO_CACHE=1 turns the cache off (0, false or no leave it on).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import marshal
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hplan import __version__
from hplan.folders import owned_privately, private_cache, read_regular, user_cache
from hplan.plan import model
from hplan.plan.codec import from_tuple, to_tuple

FORMAT = b"hplan-plan-cache-7"

Regions = list[tuple[int, int]] | None
"""Where each activity's lines start and end in the text, for a fast edit of one activity."""


@dataclass(frozen=True)
class Entry:
    """A validated plan as cached: the plan and its activities' regions in the text."""

    plan: model.Plan
    regions: Regions


def cache_folder() -> Path:
    """Where cached plans live: the platform's user cache folder for hplan."""
    return user_cache() / "plans"


def _private_folder() -> Path | None:
    """The plans' folder when only this user can write in it and in hplan's cache folder
    (made so when new), else None: the cache is then not used at all."""
    if private_cache() is None:
        return None
    folder = cache_folder()
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    return folder if owned_privately(folder) else None


def _digest(raw: bytes) -> str:
    digest = hashlib.sha256()
    digest.update(FORMAT + b"\0" + __version__.encode() + b"\0")
    digest.update(raw)
    return digest.hexdigest()


def _entry_path(digest: str) -> Path | None:
    if os.environ.get("HPLAN_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no"):
        return None
    folder = _private_folder()
    return folder / f"{digest}.plan" if folder is not None else None


def _header(digest: str) -> bytes:
    return FORMAT + f" {digest}\n".encode()


def _read_header(handle: io.BytesIO, digest: str) -> None:
    """ValueError unless the entry's first line says it is the entry for `digest`."""
    fields = handle.readline(256).split()
    if len(fields) != 2 or fields[0] != FORMAT or fields[1].decode() != digest:
        raise ValueError("not the entry for these bytes")


@contextlib.contextmanager
def without_gc() -> Iterator[None]:
    """Make many objects at once without the cyclic garbage collector: a plan has no cycles,
    and collections triggered by the allocations of a 10,000-activity plan double the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def cached_plan(raw: bytes) -> Entry | None:
    """The validated plan for these exact bytes and its activities' regions, if stored."""
    digest = _digest(raw)
    entry = _entry_path(digest)
    if entry is None:
        return None
    try:
        content = read_regular(entry, MAX_ENTRY_BYTES, follow=False)
        with io.BytesIO(content) as handle, without_gc():
            _read_header(handle, digest)
            data, regions = marshal.loads(handle.read())
            plan = from_tuple(model.Plan, data)
        with contextlib.suppress(OSError):
            os.utime(entry)  # recently used: kept when the cache is trimmed
        return Entry(plan, [(s, e) for s, e in regions] if regions is not None else None)
    except FileNotFoundError:
        return None
    except Exception:  # a damaged entry is a miss; it is replaced on the next store
        with contextlib.suppress(OSError):
            entry.unlink()
        return None


def store_plan(raw: bytes, plan: model.Plan, regions: Regions = None) -> None:
    """Keep a validated plan for the next command; failing to is never an error."""
    digest = _digest(raw)
    entry = _entry_path(digest)
    if entry is None:
        return
    import tempfile

    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle, without_gc():
                handle.write(_header(digest))
                handle.write(marshal.dumps((to_tuple(plan), regions)))
            os.replace(temp, entry)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        trim(entry.parent)


KEEP_ENTRIES = 500
KEEP_BYTES = 256 * 1024 * 1024
"""The cache keeps the most recently used entries, at most KEEP_ENTRIES and KEEP_BYTES: the
versions `changes` reads again (a 10,000-activity plan takes about 2 MB an entry, so a
hundred of its versions)."""

MAX_ENTRY_BYTES = 64 * 1024 * 1024


def trim(folder: Path) -> None:
    """Keep the most recently used entries (KEEP_ENTRIES, KEEP_BYTES); remove what killed runs
    left."""
    import time

    with contextlib.suppress(OSError):
        entries = []
        for path in folder.iterdir():
            info = path.lstat()
            if path.suffix == ".plan":
                entries.append((info.st_mtime, info.st_size, path))
            elif path.suffix == ".tmp" and info.st_mtime < time.time() - 600:
                path.unlink(missing_ok=True)  # a temporary file of a run killed long ago
        kept = 0
        for n, (_, size, path) in enumerate(sorted(entries, reverse=True)):
            kept += size
            if n >= KEEP_ENTRIES or kept > KEEP_BYTES:
                path.unlink(missing_ok=True)
