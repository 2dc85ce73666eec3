"""A cache entry's activities: encoded one item each, made again where a command reads them.

Each activity is its own marshal item (issue 16), so a write of one activity encodes that one
and joins the others' bytes as they were read (`encode`), not ten thousand. Read back, the
list makes an activity when a command reads it (`CachedActivities`, issue 35): a status
write reads one activity of 10,000, and making the other 9,999 cost it more than the rest of
its work together. The first few are made one at a time, and every one not made yet in one
pass once a command walks on past them. An activity is made once: read again, it is the
same object.

Beside the items the entry keeps each open activity's due day (`open_due`): a question of
what is late or due soon is asked of the activities that can be (`open_due_within`), and
the others are never made. The day only narrows; the query's own rule decides
(queries/filters.py).
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import marshal
import operator
import struct
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, overload

from hplan.plan.codec import Shared, to_tuple, tuple_reader
from hplan.plan.model import Activity

MARSHAL_VERSION = 2
"""Version 2 writes no back-references, so items dumped one by one join into one list that
loads in one pass (and it loads faster than version 4 here: 22 against 29 ms at 10,000)."""

LIST_START = b"["
LIST_BYTES = 5
"""A marshal list starts with its type code and its length (4 bytes), then its items."""

ALONE = 64
"""How many activities a walk makes one at a time before it makes the rest in one pass:
finding activity 4 makes four; a walk past the 64th is taken to go on to the end."""


def open_due(activity: Activity) -> int:
    """What the entry keeps of an activity for the questions of what is late or due soon: its
    due day (an ordinal) while it is open, else 0 (done or cancelled, or ongoing)."""
    due = activity.deadline.due
    return 0 if due is None or activity.status.closed else due.toordinal()


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


class Items:
    """An entry's activity items: their bytes (a marshal list), each one's size, each one's
    `open_due`, the shared records they hold by number, and the activities made so far."""

    __slots__ = ("complete", "data", "dues", "made", "read", "shared", "sizes", "starts")

    def __init__(
        self, data: bytes | memoryview, sizes: array[int], dues: array[int], shared: Shared
    ) -> None:
        self.data = data
        self.sizes = sizes
        self.dues = dues
        self.starts = array("Q", itertools.accumulate(sizes, initial=LIST_BYTES))
        self.shared = shared
        self.read: Callable[[tuple[Any, ...], Shared], Activity] = tuple_reader(Activity)
        self.made: list[Activity | None] = [None] * len(sizes)
        self.complete = not sizes
        """True once every activity is made."""

    def __len__(self) -> int:
        return len(self.sizes)

    def get(self, index: int) -> Activity:
        """The activity at `index`, made now from its own item if not made before."""
        made = self.made[index]
        return made if made is not None else self.some((index,))[0]

    def some(self, indices: Iterable[int]) -> list[Activity]:
        """The activities at `indices`, each made now from its own item if not made before."""
        made, starts, read, shared = self.made, self.starts, self.read, self.shared
        data, loads = memoryview(self.data), marshal.loads
        found = []
        with without_gc():
            for index in indices:
                activity = made[index]
                if activity is None:
                    item = data[starts[index] : starts[index + 1]]
                    activity = made[index] = read(loads(item), shared)
                found.append(activity)
        return found

    def whole(self) -> list[Activity]:
        """Every activity, those not made yet made now, in one pass over the items."""
        if not self.complete:
            shared, read = self.shared, self.read
            with without_gc():
                self.made = [
                    m if m is not None else read(t, shared)
                    for m, t in zip(self.made, marshal.loads(self.data), strict=True)
                ]
            self.complete = True
        return self.made  # type: ignore[return-value]  # every place holds an activity now


class CachedActivities(Sequence[Activity]):
    """A plan's activities as a cache entry holds them (`Items`), with the activities a change
    put in place of some (`changed`, by index) and after them (`added`)."""

    __slots__ = ("_added", "_changed", "items")

    def __init__(
        self, items: Items, changed: Mapping[int, Activity] | None = None,
        added: tuple[Activity, ...] = (),
    ) -> None:  # fmt: skip
        self.items = items
        self._changed = dict(changed or {})
        self._added = added

    def __len__(self) -> int:
        return len(self.items) + len(self._added)

    @overload
    def __getitem__(self, index: int) -> Activity: ...
    @overload
    def __getitem__(self, index: slice) -> list[Activity]: ...
    def __getitem__(self, index: int | slice) -> Activity | list[Activity]:
        if isinstance(index, slice):
            places = range(*index.indices(len(self)))
            if len(places) > ALONE:
                self.items.whole()  # a long run of them: made in one pass
            return [self[i] for i in places]
        count, kept = len(self), len(self.items)
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError("activity index out of range")
        if index >= kept:
            return self._added[index - kept]
        changed = self._changed.get(index)
        return changed if changed is not None else self.items.get(index)

    def __iter__(self) -> Iterator[Activity]:
        items, changed = self.items, self._changed
        first = 0 if items.complete else min(ALONE, len(items))
        for index in range(first):
            yield self[index]
        whole = items.whole()
        if changed:
            for index in range(first, len(whole)):
                yield changed.get(index, whole[index])
        else:
            yield from itertools.islice(whole, first, None)
        yield from self._added

    def open_due_within(self, first: date | None, last: date) -> list[Activity]:
        """The open activities due from `first` (None: any day before) to `last`, in order,
        made without making the others."""
        low, high = first.toordinal() if first else 1, last.toordinal()
        kept = [i for i, due in enumerate(self.items.dues) if low <= due <= high]
        if not self._changed and not self._added:
            return self.items.some(kept)
        kept = [i for i in kept if i not in self._changed]
        found = list(zip(kept, self.items.some(kept), strict=True))
        found += [(i, a) for i, a in self.made_here() if low <= open_due(a) <= high]
        return [a for _, a in sorted(found, key=operator.itemgetter(0))]

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        """Where `value` is: found among the activities made (a change finds the one it
        read so, making no other), else by comparing each."""
        if start == 0 and stop is None:
            for index, activity in self.made_here():
                if activity is value:
                    return index
            same = list(map(operator.is_, self.items.made, itertools.repeat(value)))
            at = same.index(True) if True in same else None
            if at is not None and at not in self._changed:
                return at
        return super().index(value, start, len(self) if stop is None else stop)

    def replaced(self, index: int, activity: Activity) -> CachedActivities:
        """A list with `activity` in place of the one at `index`."""
        if index >= len(self.items):
            added = list(self._added)
            added[index - len(self.items)] = activity
            return CachedActivities(self.items, self._changed, tuple(added))
        return CachedActivities(self.items, {**self._changed, index: activity}, self._added)

    def appended(self, activity: Activity) -> CachedActivities:
        """A list with `activity` after the last."""
        return CachedActivities(self.items, self._changed, (*self._added, activity))

    def kept(self) -> Iterator[tuple[int, int]]:
        """The runs of places (start, end) that hold the items' own activities unchanged."""
        start = 0
        for index in sorted(self._changed):
            if index > start:
                yield start, index
            start = index + 1
        if start < len(self.items):
            yield start, len(self.items)

    def made_now(self) -> list[Activity | None]:
        """The activity at each place as made so far (None where not made yet)."""
        made = list(self.items.made)
        for index, activity in self._changed.items():
            made[index] = activity
        return [*made, *self._added]

    def made_here(self) -> Iterator[tuple[int, Activity]]:
        """The places holding an activity not made from the items: changed ones, added ones."""
        yield from sorted(self._changed.items())
        yield from enumerate(self._added, len(self.items))

    def __eq__(self, other: object) -> bool:
        if (
            isinstance(other, CachedActivities)
            and other.items is self.items
            and (other._changed, other._added) == (self._changed, self._added)
        ):
            return True
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(map(operator.eq, self, other))

    __hash__ = None  # type: ignore[assignment]  # a list is never hashed

    def __repr__(self) -> str:
        return repr(list(self))


@dataclass(frozen=True)
class Encoded:
    """Activities as an entry holds them: the items in pieces (`parts`: runs of kept items'
    bytes and new ones) or joined (`items`, after the list's own 5 bytes), each one's size
    and `open_due`, the shared records (deadlines) the items hold by number, and the
    activities they were made from or into (None where not made yet)."""

    made: list[Activity | None] | CachedActivities
    sizes: array[int]
    dues: array[int]
    shared: Shared
    parts: tuple[bytes | memoryview, ...] = ()
    items: bytes | memoryview = b""

    def activities(self) -> list[Activity | None]:
        """The activities made from these items so far (None where not made yet): of a list
        read from the cache, those made since too (a server's next read makes them all)."""
        return self.made.made_now() if isinstance(self.made, CachedActivities) else self.made


_RECENT: list[Encoded] = []
"""The last plans read or stored in this process, for a write that changes few activities."""


def remember(encoded: Encoded) -> None:
    """Keep `encoded` (its `items` joined) for the next `encode` in this process."""
    _RECENT[:] = [encoded, *(e for e in _RECENT if e.made is not encoded.made)][:2]


def encode(activities: Sequence[Activity]) -> Encoded:
    """The activities' items, reusing the bytes of a list read or stored before wherever the
    activity at the same place is the very same object (a status write keeps every other one;
    `add` keeps all and appends). Runs of kept items are copied as one slice."""
    if isinstance(activities, CachedActivities):
        return _encode_cached(activities)
    kept, before = max(
        ((_kept(known.activities(), activities), known) for known in list(_RECENT)),
        key=lambda found: found[0],  # list(): a copy, as `hplan serve` reads in threads
        default=(0, None),
    )
    if not kept:
        before = None
    old = before.activities() if before is not None else []
    # Kept items hold the numbers of the shared records they were encoded with: keep those.
    table = Shared(before.shared.tuples if before is not None else None)
    parts: list[bytes | memoryview] = [LIST_START + struct.pack("<i", len(activities))]
    sizes, dues = array("Q"), array("l")
    common = min(len(old), len(activities))
    n = 0
    while n < len(activities):
        if n < common and old[n] is activities[n]:
            assert before is not None
            last = n
            while last + 1 < common and old[last + 1] is activities[last + 1]:
                last += 1
            run = before.sizes[n : last + 1]
            first_byte = LIST_BYTES + sum(before.sizes[:n])
            parts.append(before.items[first_byte : first_byte + sum(run)])
            sizes.extend(run)
            dues.extend(before.dues[n : last + 1])
            n = last + 1
        else:
            part = marshal.dumps(to_tuple(activities[n], table), MARSHAL_VERSION)
            parts.append(part)
            sizes.append(len(part))
            dues.append(open_due(activities[n]))
            n += 1
    return Encoded(list(activities), sizes, dues, table, tuple(parts))


def _encode_cached(activities: CachedActivities) -> Encoded:
    """The items of a list read from an entry: its unchanged items' bytes as read, in runs,
    and the activities a change put in encoded anew."""
    items = activities.items
    table = Shared(items.shared.tuples)
    parts: list[bytes | memoryview] = [LIST_START + struct.pack("<i", len(activities))]
    sizes, dues = array("Q"), array("l")
    data = memoryview(items.data)
    pieces: list[tuple[int, int, Activity | None]] = [
        *((start, end, None) for start, end in activities.kept()),
        *((index, index + 1, activity) for index, activity in activities.made_here()),
    ]
    for start, end, activity in sorted(pieces, key=operator.itemgetter(0)):
        if activity is None:
            parts.append(data[items.starts[start] : items.starts[end]])
            sizes.extend(items.sizes[start:end])
            dues.extend(items.dues[start:end])
            continue
        part = marshal.dumps(to_tuple(activity, table), MARSHAL_VERSION)
        parts.append(part)
        sizes.append(len(part))
        dues.append(open_due(activity))
    return Encoded(activities, sizes, dues, table, tuple(parts))


def _kept(old: Sequence[Activity | None], new: Sequence[Activity]) -> int:
    """How many activities stand at the same place in both, as the very same objects."""
    return sum(map(operator.is_, old, new))
