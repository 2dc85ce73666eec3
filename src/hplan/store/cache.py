"""A cache of validated plans, so that a plan read before is not parsed and validated again.

An entry is named by the SHA-256 of the file's bytes, the cache format, hplan's version and
the model's shape (never by modification time), and it holds that digest again: an entry is
used only when it proves it was made from exactly these bytes, so a copied or stale entry is
a miss. Only plans that validated are stored. The entry is the model (plan/model.py) as plain tuples
(plan/codec.py, generated from the model's fields) in `marshal` form, which makes nothing but
text, numbers, lists and tuples: an entry can never run code. A corrupt, unreadable or
missing entry is a miss. HPLAN_NO_CACHE=1 turns the cache off (0, false or no leave it on).

Each activity is its own marshal item (issue 16): the entry's activity list is the items
joined, which marshal reads back in one pass, and a write of one activity re-encodes that one
and joins the others' bytes as they were read (`_Encoded`), not ten thousand.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import io
import itertools
import marshal
import operator
import os
import struct
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from hplan import __version__, hashing
from hplan.folders import owned_privately, private_cache, read_regular, user_cache
from hplan.plan import model
from hplan.plan.codec import Shared, from_tuple, shape, to_tuple

FORMAT = b"hplan-plan-cache-11"

Regions = list[tuple[int, int]] | None
"""Where each activity's lines start and end in the file's bytes, for a fast edit of one
activity (its lines alone are decoded and parsed)."""


@dataclass(frozen=True)
class Entry:
    """A validated plan as cached: the plan and its activities' regions in the text."""

    plan: model.Plan
    regions: Regions


MARSHAL_VERSION = 2
"""Version 2 writes no back-references, so items dumped one by one join into one list that
loads in one pass (and it loads faster than version 4 here: 22 against 29 ms at 10,000)."""

_SIZES = struct.Struct("<QQQ")


@dataclass(frozen=True)
class _Encoded:
    """A plan's activities as the entry holds them: the joined items (after the list's own 5
    bytes), each one's size, and the shared records (deadlines) the items hold by number."""

    plan: model.Plan
    items: bytes
    sizes: array[int]
    shared: Shared


_RECENT: list[_Encoded] = []
"""The last plans read or stored in this process, for a write that changes few activities."""


def _remember(encoded: _Encoded) -> None:
    _RECENT[:] = [encoded, *(e for e in _RECENT if e.plan is not encoded.plan)][:2]


def _encode(plan: model.Plan) -> _Encoded:
    """The activities' items, reusing the bytes of a plan read or stored before wherever the
    activity at the same place is the very same object (a status write keeps every other one;
    `add` keeps all and appends). Runs of kept items are copied as one slice."""
    activities = plan.activities
    kept, before = max(
        ((_kept(known.plan.activities, activities), known) for known in list(_RECENT)),
        key=lambda found: found[0],  # list(): a copy, as `hplan serve` reads in threads
        default=(0, None),
    )
    if not kept:
        before = None
    old = before.plan.activities if before is not None else []
    # Kept items hold the numbers of the shared records they were encoded with: keep those.
    table = Shared(before.shared.tuples if before is not None else None)
    parts = [_LIST + struct.pack("<i", len(activities))]
    sizes = array("Q")
    common = min(len(old), len(activities))
    n = 0
    while n < len(activities):
        if n < common and old[n] is activities[n]:
            assert before is not None
            last = n
            while last + 1 < common and old[last + 1] is activities[last + 1]:
                last += 1
            run = before.sizes[n : last + 1]
            first_byte = _LIST_BYTES + sum(before.sizes[:n])
            parts.append(before.items[first_byte : first_byte + sum(run)])
            sizes.extend(run)
            n = last + 1
        else:
            part = marshal.dumps(to_tuple(activities[n], table), MARSHAL_VERSION)
            parts.append(part)
            sizes.append(len(part))
            n += 1
    return _Encoded(plan, b"".join(parts), sizes, table)


_LIST = b"["
_LIST_BYTES = 5
"""A marshal list starts with its type code and its length (4 bytes), then its items."""


def _kept(old: list[model.Activity], new: list[model.Activity]) -> int:
    """How many activities stand at the same place in both, as the very same objects."""
    return sum(map(operator.is_, old, new))


def _entry_bytes(digest: str, plan: model.Plan, regions: Regions) -> bytes:
    encoded = _encode(plan)
    _remember(encoded)
    head = to_tuple(replace(plan, activities=[]), encoded.shared)
    front = marshal.dumps((head, encoded.shared.tuples, regions is not None), MARSHAL_VERSION)
    sizes = encoded.sizes.tobytes()
    places = array("Q", itertools.chain.from_iterable(regions or ())).tobytes()
    lengths = _SIZES.pack(len(front), len(encoded.items), len(sizes))
    return b"".join((_header(digest), lengths, front, encoded.items, sizes, places))


def _entry_plan(content: memoryview) -> tuple[model.Plan, Regions]:
    """The plan and regions of an entry's content after its header (ValueError if damaged)."""
    front_size, items_size, sizes_size = _SIZES.unpack_from(content)
    start = _SIZES.size
    head, tuples, has_regions = marshal.loads(content[start : start + front_size])
    start += front_size
    items = bytes(content[start : start + items_size])
    sizes, places = array("Q"), array("Q")
    sizes.frombytes(content[start + items_size : start + items_size + sizes_size])
    places.frombytes(content[start + items_size + sizes_size :])
    activities = marshal.loads(items)
    if len(sizes) != len(activities) or _LIST_BYTES + sum(sizes) != len(items):
        raise ValueError("a damaged entry")
    if has_regions and len(places) != 2 * len(activities):
        raise ValueError("a damaged entry")
    head = list(head)
    head[_ACTIVITIES] = activities
    shared = Shared(tuples)
    plan = from_tuple(model.Plan, tuple(head), shared)
    _remember(_Encoded(plan, items, sizes, shared))
    regions = list(zip(places[::2], places[1::2], strict=True)) if has_regions else None
    return plan, regions


_ACTIVITIES = [f.name for f in dataclasses.fields(model.Plan)].index("activities")
_SHAPE = shape(model.Plan).encode()
"""The model's shape: an entry of a model with other fields (an editable install changed
without a new version) is another entry."""


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


def _digest(raw: bytes, sha256: str | None = None) -> str:
    """The entry's name for these bytes: of the cache's format, hplan's version, the model's
    shape and the bytes' SHA-256 (`sha256`, when the caller has it: the plan's version, so a
    write hashes its 3 MB once, not twice)."""
    digest = hashing.sha256(FORMAT + b"\0" + __version__.encode() + b"\0" + _SHAPE + b"\0")
    digest.update((sha256 or hashing.sha256(raw).hexdigest()).encode())
    return str(digest.hexdigest())


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


def cached_plan(raw: bytes, sha256: str | None = None) -> Entry | None:
    """The validated plan for these exact bytes and its activities' regions, if stored;
    `sha256`: the bytes' SHA-256 in hex, when known."""
    digest = _digest(raw, sha256)
    entry = _entry_path(digest)
    if entry is None:
        return None
    try:
        content = read_regular(entry, MAX_ENTRY_BYTES, follow=False)
        with io.BytesIO(content) as handle, without_gc():
            _read_header(handle, digest)
            plan, regions = _entry_plan(memoryview(content)[handle.tell() :])
        with contextlib.suppress(OSError):
            os.utime(entry)  # recently used: kept when the cache is trimmed
        return Entry(plan, regions)
    except FileNotFoundError:
        return None
    except Exception:  # a damaged entry is a miss; it is replaced on the next store
        with contextlib.suppress(OSError):
            entry.unlink()
        return None


def store_plan(
    raw: bytes, plan: model.Plan, regions: Regions = None, sha256: str | None = None
) -> None:
    """Keep a validated plan for the next command; failing to is never an error."""
    digest = _digest(raw, sha256)
    entry = _entry_path(digest)
    if entry is None:
        return
    import tempfile

    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle, without_gc():
                handle.write(_entry_bytes(digest, plan, regions))
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
