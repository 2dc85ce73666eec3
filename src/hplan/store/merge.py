"""An edit of the whole file merged with a change another write made meanwhile (issue 34, item
7): `hplan edit` opened the plan, someone ran `hplan status 3 done` (or used the web form),
and the editor then saved. Where the two touched different parts of the plan, both are kept;
where they touched the same part differently, nothing is merged and the edit is refused.

The parts are the file's head (everything before the first activity), each activity's lines,
what stands between two activities, and the tail; three versions merge only when they hold the
same activities in the same order. Each part is taken from the side that changed it.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from hplan.errors import PlanInvalid
from hplan.store.reading import parse_plan
from hplan.store.source import decode


def merged(path: Path, before: bytes, edited: bytes, current: bytes) -> bytes | None:
    """`before` → `edited` applied to `current` (the file as another write left it), or None
    when the two cannot be kept together (the same part changed both ways, activities added,
    removed or moved, a version that does not read)."""
    try:
        parts = [_parts(path, raw) for raw in (before, edited, current)]
    except PlanInvalid:
        return None
    (base, base_ids), (mine, my_ids), (theirs, their_ids) = parts
    if not base_ids == my_ids == their_ids or not len(base) == len(mine) == len(theirs):
        return None
    out = []
    for was, edit, other in zip(base, mine, theirs, strict=True):
        if edit in (was, other):
            out.append(other)
        elif other == was:
            out.append(edit)
        else:
            return None  # both changed this part, each its own way
    return b"".join(out)


def _parts(path: Path, raw: bytes) -> tuple[list[bytes], list[str]]:
    """The file cut at its activities' edges, and the activities' ids in order."""
    parsed = parse_plan(decode(path, raw))
    regions = parsed.regions or []
    if len(regions) != len(parsed.plan.activities):
        raise PlanInvalid(path, [], None)
    cuts = [0, *(edge for region in regions for edge in region), len(raw)]
    parts = [raw[start:end] for start, end in itertools.pairwise(cuts)]
    return parts, [a.id for a in parsed.plan.activities]
