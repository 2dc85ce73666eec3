"""The plan's past from git: what changed since a revision or a day, and one activity's story.

Versions come from the `git` command (log and show); comparing them is pure. Uncommitted
changes in the working tree count as a last version of their own, marked as such.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

from hplan.errors import HplanError, PlanInvalid
from hplan.model import Activity, Plan

WORKING_TREE = "working tree"


@dataclass(frozen=True)
class Version:
    """The plan as one commit (or the working tree) left it."""

    commit: str
    author: str
    when: datetime | None
    plan: Plan


@dataclass(frozen=True)
class Change:
    """One thing that changed between two versions of the plan."""

    commit: str
    author: str
    when: datetime | None
    activity_id: str
    title: str
    kind: str  # status, added, removed, deadline, note, overdue
    before: str
    after: str
    note: str = ""


def _git(folder: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise HplanError("the git command is not installed; hplan reads history with it") from None
    if done.returncode != 0:
        raise HplanError(done.stderr.strip() or f"git {' '.join(args)} failed")
    return done.stdout


def _tracked(path: Path) -> tuple[Path, str]:
    folder = path.resolve().parent
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    except HplanError:
        raise HplanError(f"{path} is not in a git repository; history needs one") from None
    relative = path.resolve().relative_to(top).as_posix()
    if not _git(top, "ls-files", "--", relative).strip():
        raise HplanError(f"git does not track {path}; commit it first (git add {path.name})")
    return top, relative


def _show(top: Path, commit: str, relative: str) -> bytes:
    """The file's bytes in a commit, exactly (no newline translation)."""
    return subprocess.run(
        ["git", "show", f"{commit}:{relative}"],
        cwd=top,
        capture_output=True,
        check=False,
        timeout=60,
    ).stdout


def _parse(path: Path, raw: bytes) -> Plan | None:
    from hplan.loader import decode
    from hplan.parser import parse_plan

    try:
        return parse_plan(decode(path, raw)).plan
    except PlanInvalid:
        return None  # an invalid version in the past is skipped, not an error now


def since_day(since: str) -> date | None:
    """The day `--since` names, or None when it names a git revision."""
    from hplan.deadlines import DeadlineError, parse_day

    try:
        return parse_day(since)
    except DeadlineError:
        return None


def changes_since(path: Path, since: str, today: date) -> list[Change]:
    """What changed in the plan at `path` since a revision or a day, as of `today`."""
    return changes(versions(path, since), today, since_day(since))


def versions(path: Path, since: str | None = None) -> list[Version]:
    """The plan's versions, oldest first: the one before `since`, the commits after, and
    the working tree when it differs from the last commit. `since` is a revision or a day."""
    top, relative = _tracked(path)
    log = ["log", "--format=%H%x1f%an%x1f%aI", "--reverse"]
    base: str | None = None
    if since:
        day = since_day(since)
        if day is None:
            base = _git(top, "rev-parse", "--verify", "--quiet", f"{since}^{{commit}}").strip()
            log.append(f"{base}..HEAD")
        else:
            log.append(f"--since={day.isoformat()}T00:00:00")
            before = _git(
                top,
                "rev-list",
                "-1",
                f"--before={day.isoformat()}T00:00:00",
                "HEAD",
                "--",
                relative,
            ).strip()
            base = before or None
    found: list[Version] = []
    if base:
        author, when = _git(top, "show", "-s", "--format=%an%x1f%aI", base).strip().split("\x1f")
        found += _version(top, relative, path, base, author, datetime.fromisoformat(when))
    for line in _git(top, *log, "--", relative).splitlines():
        commit, author, when = line.split("\x1f")
        found += _version(top, relative, path, commit, author, datetime.fromisoformat(when))
    on_disk = path.read_bytes()
    committed = _show(top, "HEAD", relative) if found else b""
    if on_disk != committed and (plan := _parse(path, on_disk)) is not None:
        found.append(Version(WORKING_TREE, "(uncommitted)", None, plan))
    return found


def _version(
    top: Path, relative: str, path: Path, commit: str, author: str, when: datetime | None
) -> list[Version]:
    plan = _parse(path, _show(top, commit, relative))
    return [Version(commit, author, when, plan)] if plan is not None else []


def changes(found: list[Version], today: date, since_day: date | None = None) -> list[Change]:
    """What changed from each version to the next, and what became overdue meanwhile."""
    out: list[Change] = []
    for old, new in pairwise(found):
        out += _compare(old.plan, new)
    if found:
        start = since_day or (found[0].when.date() if found[0].when else None)
        last = found[-1]
        for activity in last.plan.activities:
            due = activity.deadline.due
            if due is None or activity.status.closed or due >= today:
                continue
            # Overdue from the day after its due date: did that day fall in the window?
            if start is None or due + timedelta(days=1) >= start:
                out.append(
                    Change(
                        "",
                        "",
                        None,
                        activity.id,
                        activity.title,
                        "overdue",
                        "",
                        f"due {due.isoformat()}",
                    )
                )
    return out


def _compare(old: Plan, new: Version) -> list[Change]:
    before = {a.id: a for a in old.activities}
    after = {a.id: a for a in new.plan.activities}
    out = []

    def change(activity: Activity, kind: str, was: str, now: str, note: str = "") -> Change:
        return Change(
            new.commit, new.author, new.when, activity.id, activity.title, kind, was, now, note
        )

    for aid, activity in after.items():
        if aid not in before:
            out.append(change(activity, "added", "", activity.status.value))
            continue
        previous = before[aid]
        added_notes = [n.text for n in activity.notes[len(previous.notes) :]]
        note = "; ".join(added_notes)
        if activity.status != previous.status:
            out.append(
                change(activity, "status", previous.status.value, activity.status.value, note)
            )
        elif added_notes:
            out.append(change(activity, "note", "", "", note))
        if activity.deadline.text != previous.deadline.text:
            out.append(change(activity, "deadline", previous.deadline.text, activity.deadline.text))
    out += [
        change(a, "removed", a.status.value, "") for aid, a in before.items() if aid not in after
    ]
    return out


def activity_history(found: list[Version], activity_id: str) -> list[Change]:
    """One activity's status timeline: its first appearance, then every change to it."""
    story: list[Change] = []
    seen = False
    for old, new in zip([None, *found], found, strict=False):
        activity = new.plan.activity(activity_id)
        if activity is None:
            continue
        if not seen:
            story.append(
                Change(
                    new.commit,
                    new.author,
                    new.when,
                    activity.id,
                    activity.title,
                    "added" if old is not None else "first seen",
                    "",
                    activity.status.value,
                )
            )
            seen = True
            continue
        assert old is not None
        story += [c for c in _compare(old.plan, new) if c.activity_id == activity_id]
    return story
