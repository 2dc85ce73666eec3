"""A cache of validated plans, so that a plan read before is not parsed and validated again.

Keyed by the SHA-256 of the file's bytes, the cache format and hplan's version (never by
modification time): a changed byte is a different key, so a stale plan cannot be served, and
only plans that validated are stored, so an invalid one cannot be either. It lives in the
user's cache folder (never beside the plan), and a corrupt, unreadable or missing entry is
simply a miss. HPLAN_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hplan import __version__
from hplan.deadlines import Deadline
from hplan.model import Activity, Goal, Note, Owner, OwnerKind, Plan, Status

FORMAT = "hplan-plan-cache-2"

Regions = list[tuple[int, int]] | None


def cache_folder() -> Path:
    """Where cached plans live: the platform's user cache folder for hplan."""
    import platformdirs

    return platformdirs.user_cache_path("hplan") / "plans"


def _entry(raw: bytes) -> Path | None:
    if os.environ.get("HPLAN_NO_CACHE"):
        return None
    digest = hashlib.sha256()
    digest.update(f"{FORMAT}\0{__version__}\0".encode())
    digest.update(raw)
    return cache_folder() / f"{digest.hexdigest()}.marshal"


def cached_counts(raw: bytes) -> tuple[int, int, int] | None:
    """Goals, owners and activities of a plan stored before, without loading it."""
    entry = _entry(raw)
    if entry is None:
        return None
    try:
        goals, owners, activities = entry.with_suffix(".counts").read_text().split()
        if not entry.exists():
            return None
        return int(goals), int(owners), int(activities)
    except (OSError, ValueError):
        return None


def cached_plan(raw: bytes) -> tuple[Plan, Regions] | None:
    """The validated plan for these exact bytes and its activities' regions, if stored."""
    entry = _entry(raw)
    if entry is None:
        return None
    try:
        data = marshal.loads(entry.read_bytes())
        if not (isinstance(data, tuple) and data[0] == FORMAT):
            raise ValueError("not a plan cache entry")
        regions = [(start, end) for start, end in data[2]] if data[2] is not None else None
        return _plan(data[1]), regions
    except FileNotFoundError:
        return None
    except Exception:  # a corrupt entry is a miss; it is replaced on the next store
        with contextlib.suppress(OSError):
            entry.unlink()
        return None


def store_plan(raw: bytes, plan: Plan, regions: Regions = None) -> None:
    """Keep a validated plan for the next command; failing to is never an error."""
    entry = _entry(raw)
    if entry is None:
        return
    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(marshal.dumps((FORMAT, _data(plan), regions)))
            os.replace(temp, entry)
            counts = f"{len(plan.goals)} {len(plan.owners)} {len(plan.activities)}\n"
            entry.with_suffix(".counts").write_text(counts)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise


def _day(day: date | None) -> int | None:
    return day.toordinal() if day else None


def _from_day(ordinal: int | None) -> date | None:
    return date.fromordinal(ordinal) if ordinal is not None else None


def _data(plan: Plan) -> tuple[Any, ...]:
    return (
        plan.title,
        plan.organisation,
        plan.year,
        plan.language,
        [(g.id, g.title, g.text, g.objective) for g in plan.goals],
        [(o.name, o.kind.value) for o in plan.owners],
        [
            (
                a.id, a.title, a.goals, a.owners, a.with_,
                (a.deadline.text, _day(a.deadline.start), _day(a.deadline.due), a.deadline.kind),
                a.status.value, _day(a.status_date),
                [(n.date.toordinal(), n.text) for n in a.notes],
            )
            for a in plan.activities
        ],
    )  # fmt: skip


def _plan(data: tuple[Any, ...]) -> Plan:
    title, organisation, year, language, goals, owners, activities = data
    statuses = {s.value: s for s in Status}
    return Plan(
        title=title,
        organisation=organisation,
        year=year,
        language=language,
        goals=[Goal(*g) for g in goals],
        owners=[Owner(name, OwnerKind(kind)) for name, kind in owners],
        activities=[
            Activity(
                id=aid,
                title=atitle,
                goals=agoals,
                owners=aowners,
                with_=awith,
                deadline=Deadline(text, _from_day(start), _from_day(due), kind),
                status=statuses[status],
                status_date=_from_day(status_date),
                notes=[Note(date.fromordinal(day), note) for day, note in notes],
            )
            for (aid, atitle, agoals, aowners, awith, (text, start, due, kind), status,
                 status_date, notes) in activities
        ],
    )  # fmt: skip
