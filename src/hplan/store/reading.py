"""Reading a plan: from the cache when these bytes were validated before, else parsed.

Parsing builds the YAML nodes (nodes.py), checks references (problems.py) and validates the
data against the model (plan/validation.py); every problem is located and all are reported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hplan.errors import PlanInvalid
from hplan.plan.model import LANGUAGES, Plan
from hplan.store.activities import without_gc
from hplan.store.cache import Regions, cached_plan, store_plan
from hplan.store.source import BOM, Source, decode, read_source

if TYPE_CHECKING:
    from hplan.store.nodes import Nodes


@dataclass(frozen=True)
class Parsed:
    """A valid plan with the YAML nodes it was read from and its activities' regions."""

    plan: Plan
    nodes: Nodes
    regions: Regions


def parse_plan(source: Source) -> Parsed:
    """Parse and validate a plan's text; PlanInvalid lists every problem in line order."""
    from pydantic import ValidationError

    # Imported here: a plan read from the cache needs neither YAML nor pydantic.
    from hplan.plan.validation import validate
    from hplan.store.nodes import activity_regions, read_plan_nodes
    from hplan.store.problems import reference_problems, validation_problems
    from hplan.store.round_problems import round_problems

    with without_gc():
        nodes = read_plan_nodes(source.path, source.text)
        problems = nodes.problems + list(reference_problems(nodes.data, nodes))
        problems += round_problems(nodes.data, nodes)
        plan: Plan | None = None
        try:
            plan = validate(nodes.data)
        except ValidationError as error:
            problems.extend(validation_problems(error, nodes.data, nodes))
    if problems or plan is None:
        language = nodes.data.get("language")
        raise PlanInvalid(source.path, problems, language if language in LANGUAGES else None)
    regions = activity_regions(source.text, nodes.spans, len(plan.activities))
    return Parsed(plan, nodes, in_bytes(source, regions))


def in_bytes(source: Source, regions: Regions) -> Regions:
    """Regions of the text as places in the file's bytes (what the cache keeps: an edit of one
    activity decodes only its lines)."""
    if regions is None:
        return None
    start = len(BOM) if source.bom else 0
    if source.raw.isascii():
        return [(s + start, e + start) for s, e in regions]
    text, found, at = source.text, [], 0
    for s, e in regions:
        start += len(text[at:s].encode("utf-8"))
        end = start + len(text[s:e].encode("utf-8"))
        found.append((start, end))
        start, at = end, e
    return found


def plan_of(
    source: Source,
    derive: Callable[[Source], tuple[Plan, Regions] | None] | None = None,
    keep_derived: bool = False,
) -> tuple[Plan, Regions]:
    """The plan these bytes hold: from the cache, else `derive`d (a version read from the
    one before it) or parsed and validated, then cached. A derived version is not cached:
    deriving it again costs less than writing and reading a whole plan's entry (a history of
    a large plan wrote 2 MB a version; issue 35), unless `keep_derived` (the file as it is
    now, which other commands will read)."""
    entry = cached_plan(source.raw, source.version)
    if entry is not None:
        return entry.plan, entry.regions
    found = derive(source) if derive is not None else None
    if found is None:
        parsed = parse_plan(source)
        found = parsed.plan, parsed.regions
        store_plan(source.raw, *found, source.version)
    elif keep_derived:
        store_plan(source.raw, *found, source.version)
    return found


def plan_from_bytes(path: Path, raw: bytes) -> Plan:
    """The plan in `raw` (a file's bytes, now or in the past), through the cache."""
    return plan_of(decode(path, raw))[0]


def read_plan(path: Path) -> Plan:
    """The plan in the file at `path`, through the cache."""
    return plan_of(read_source(path))[0]


def activity_line(path: Path, activity_id: str) -> int | None:
    """The line where the activity with this id starts in the plan file (1-based): from the
    validated plan's regions, or, in a plan that does not validate, the line of its
    `- id: N` item. None when neither finds it."""
    import re

    source = read_source(path)
    try:
        plan, regions = plan_of(source)
    except PlanInvalid:
        plan, regions = None, None
    if plan is not None and regions:
        for activity, (start, _) in zip(plan.activities, regions, strict=False):
            if activity.id == activity_id:
                return source.raw.count(b"\n", 0, start) + 1
        return None
    item = re.compile(
        rf"^[ \t]*-[ \t]+id:[ \t]*['\"]?{re.escape(activity_id)}['\"]?[ \t]*(#.*)?$", re.M
    )
    found = item.search(source.text)
    return source.text.count("\n", 0, found.start()) + 1 if found else None
