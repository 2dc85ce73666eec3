"""A cache of validated plans, so that a plan read before is not parsed and validated again.

An entry is named by the SHA-256 of the file's bytes, the cache format, hplan's version and
the model's shape (never by modification time), and it holds that digest again: an entry is
used only when it proves it was made from exactly these bytes, so a copied or stale entry is
a miss. Only plans that validated are stored. The entry is the model (plan/model.py) as plain tuples
(plan/codec.py, generated from the model's fields) in `marshal` form, which makes nothing but
text, numbers, lists and tuples: an entry can never run code. A corrupt, unreadable or
missing entry is a miss. HPLAN_NO_CACHE=1 turns the cache off (0, false or no leave it on).

Each activity is its own marshal item (issue 16): the entry's activity list is the items
joined, which marshal reads back in one pass when a command walks every activity, or item by
item when it reads a few (store/activities.py: a status write makes one activity of 10,000);
a write of one activity re-encodes that one and joins the others' bytes as they were read
(`activities.encode`), not ten thousand.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import itertools
import marshal
import os
import struct
import zlib
from array import array
from dataclasses import dataclass, replace
from pathlib import Path

from hplan import __version__, hashing
from hplan.folders import owned_privately, private_cache, read_regular, user_cache
from hplan.plan import model
from hplan.plan.codec import Shared, from_tuple, shape, to_tuple
from hplan.store.activities import (
    LIST_BYTES,
    LIST_START,
    MARSHAL_VERSION,
    CachedActivities,
    Encoded,
    Items,
    encode,
    remember,
    without_gc,
)

FORMAT = b"hplan-plan-cache-13"

Regions = list[tuple[int, int]] | None
"""Where each activity's lines start and end in the file's bytes, for a fast edit of one
activity (its lines alone are decoded and parsed)."""


@dataclass(frozen=True)
class Entry:
    """A validated plan as cached: the plan and its activities' regions in the text."""

    plan: model.Plan
    regions: Regions


_SIZES = struct.Struct("<QQQQI")
"""The sizes of an entry's parts (its front, its items, their sizes, their due days), and
the CRC-32 of all that follows: an activity is made from its item only when a command reads
it (store/activities.py), so damage is found when the entry is read, not halfway through."""


def _entry_bytes(digest: str, plan: model.Plan, regions: Regions) -> bytes:
    encoded = encode(plan.activities)
    head = to_tuple(replace(plan, activities=[]), encoded.shared)
    front = marshal.dumps((head, encoded.shared.tuples, regions is not None), MARSHAL_VERSION)
    sizes, dues = encoded.sizes.tobytes(), encoded.dues.tobytes()
    places = array("Q", itertools.chain.from_iterable(regions or ())).tobytes()
    crc = zlib.crc32(front)
    for part in (*encoded.parts, sizes, dues, places):
        crc = zlib.crc32(part, crc)
    items_size = sum(map(len, encoded.parts))
    lengths = _SIZES.pack(len(front), items_size, len(sizes), len(dues), crc)
    top = _header(digest) + lengths + front
    entry = b"".join((top, *encoded.parts, sizes, dues, places))  # the items copied once
    items = memoryview(entry)[len(top) : len(top) + items_size]
    remember(dataclasses.replace(encoded, items=items, parts=()))
    return entry


def _entry_plan(content: memoryview) -> tuple[model.Plan, Regions]:
    """The plan and regions of an entry's content after its header (ValueError if damaged):
    its activities made where a command reads them."""
    front_size, items_size, sizes_size, dues_size, crc = _SIZES.unpack_from(content)
    start = _SIZES.size
    if zlib.crc32(content[start:]) != crc:
        raise ValueError("a damaged entry")
    head, tuples, has_regions = marshal.loads(content[start : start + front_size])
    start += front_size
    data = content[start : start + items_size]
    sizes, dues, places = array("Q"), array("l"), array("Q")
    start += items_size
    sizes.frombytes(content[start : start + sizes_size])
    dues.frombytes(content[start + sizes_size : start + sizes_size + dues_size])
    places.frombytes(content[start + sizes_size + dues_size :])
    count = len(sizes)
    if data[:1] != LIST_START or struct.unpack_from("<i", data, 1)[0] != count:
        raise ValueError("a damaged entry")
    if LIST_BYTES + sum(sizes) != len(data) or len(dues) != count:
        raise ValueError("a damaged entry")
    if has_regions and len(places) != 2 * count:
        raise ValueError("a damaged entry")
    head = list(head)
    head[_ACTIVITIES] = []
    shared = Shared(tuples)
    plan = from_tuple(model.Plan, tuple(head), shared)
    activities = CachedActivities(Items(data, sizes, dues, shared))
    # The plan is made with no activity and given its list here, as a frozen record's
    # __init__ sets a field: the converter would make every activity.
    object.__setattr__(plan, "activities", activities)
    if count:
        activities[0]  # made now: an entry of another encoding is a miss here, not later
    remember(Encoded(activities, sizes, dues, shared, items=data))
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
    from hplan.store.atomic import new_file

    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = new_file(entry.parent, "tmp", ".tmp")
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
