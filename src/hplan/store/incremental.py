"""A version of a plan read from the version before it, parsing only what changed.

Two versions in a plan's history differ in a few activities (a status set, a note, an
activity added). The lines that differ are found by the common start and end of the two
texts; when they lie within the activity list, only those activities are parsed and
validated, together with the plan's head (its title, goals and owners: everything before the
first activity) and whatever follows the list, as a small plan of their own, with every check
a whole plan gets. The other activities are the earlier version's, and their bytes are the
same. Anything else (a changed head, activities not written as block items, a result that is
not exactly a plan) answers None, and the version is parsed whole.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from hplan.errors import PlanInvalid
from hplan.plan.model import MAX_ACTIVITIES, Plan
from hplan.store.activities import without_gc
from hplan.store.cache import Regions
from hplan.store.reading import parse_plan, plan_of
from hplan.store.source import Source, decode


@dataclass(frozen=True)
class Version:
    """A version of a plan as read: its text, plan and regions, to read the next from."""

    source: Source
    plan: Plan
    regions: Regions


def read_version(path: Path, raw: bytes, previous: Version | None) -> Version:
    """The plan in `raw`, a version in the plan's history, through the cache: read from the
    `previous` version where only activities changed, else parsed whole."""
    source = decode(path, raw)

    def derive(after: Source) -> tuple[Plan, Regions] | None:
        if previous is None:
            return None
        with without_gc():
            return plan_after(previous.source, previous.plan, previous.regions, after)

    return Version(source, *plan_of(source, derive))


def after_read(
    before: Source, plan: Plan, regions: Regions
) -> Callable[[Source], tuple[Plan, Regions] | None]:
    """How to read a later version from one read before (`plan_of`'s derive)."""

    def derive(after: Source) -> tuple[Plan, Regions] | None:
        with without_gc():
            return plan_after(before, plan, regions, after)

    return derive


def plan_after(
    before: Source, plan: Plan, regions: Regions, after: Source
) -> tuple[Plan, Regions] | None:
    """The plan `after` holds, read from `before`'s plan and regions, or None. The versions
    are compared as bytes, as regions are places in the bytes."""
    old, new = before.raw, after.raw
    if not regions or len(regions) != len(plan.activities) or before.path != after.path:
        return None
    if old == new:
        return plan, regions
    start = _common_start(old, new)
    end = len(old) - _common_end(old, new, min(len(old), len(new)) - start)
    delta = len(new) - len(old)
    head = regions[0][0]
    if start < head:
        return None
    first = bisect.bisect_right([s for s, _ in regions], start) - 1
    if end > regions[-1][1]:  # the change reaches past the activity list
        last, stop, tail = len(regions) - 1, len(new), b""
    else:
        last = max(first, bisect.bisect_left([e for _, e in regions], end))
        stop = regions[last][1] + delta
        tail = new[regions[-1][1] + delta :]
    small = new[:head] + new[regions[first][0] : stop] + tail
    try:
        parsed = parse_plan(decode(after.path, small))
    except PlanInvalid:
        return None
    read = parsed.plan
    kept = [*plan.activities[:first], *plan.activities[last + 1 :]]
    ids = {a.id for a in kept}
    if (
        replace(read, activities=[]) != replace(plan, activities=[])
        or parsed.regions is None
        or any(a.id in ids for a in read.activities)
        or len(kept) + len(read.activities) > MAX_ACTIVITIES
    ):
        return None
    shift = regions[first][0] - head
    middle = [(s + shift, e + shift) for s, e in parsed.regions]
    later = [(s + delta, e + delta) for s, e in regions[last + 1 :]]
    if middle[0][0] != regions[first][0] or (later and middle[-1][1] != later[0][0]):
        return None
    activities = [*plan.activities[:first], *read.activities, *plan.activities[last + 1 :]]
    return replace(plan, activities=activities), [*regions[:first], *middle, *later]


def _common_start(a: bytes, b: bytes) -> int:
    """How many bytes `a` and `b` share at their start (compared in halves, in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_end(a: bytes, b: bytes, most: int) -> int:
    """How many bytes `a` and `b` share at their end, at most `most`."""
    low, high = 0, most
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle : len(a) - low] == b[len(b) - middle : len(b) - low]:
            low = middle
        else:
            high = middle - 1
    return low
