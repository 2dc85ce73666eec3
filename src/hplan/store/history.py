"""The plan's past from git: each version of the file, read through the plan cache.

Versions come from the `git` command (log and show); a version whose bytes were read before
(by any hplan command, or an earlier version with the same bytes) comes from the cache.
Uncommitted changes in the working tree count as a last version of their own.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from hplan.errors import HplanError, PlanInvalid
from hplan.plan.model import Plan
from hplan.plan.versions import WORKING_TREE, Version


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
    from hplan.store.reading import plan_from_bytes

    try:
        return plan_from_bytes(path, raw)
    except PlanInvalid:
        return None  # an invalid version in the past is skipped, not an error now


def since_day(since: str) -> date | None:
    """The day `--since` names, or None when it names a git revision."""
    from hplan.plan.deadlines import DeadlineError, parse_day

    try:
        return parse_day(since)
    except DeadlineError:
        return None


def versions(path: Path, since: str | None = None) -> Iterator[Version]:
    """The plan's versions, oldest first: the one before `since`, the commits after, and
    the working tree when it differs from the last commit. `since` is a revision or a day.

    One at a time, each read through the plan cache: a 10,000-activity plan's 30 versions
    need not all be in memory at once."""
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
    commits: list[tuple[str, str, str]] = []
    if base:
        author, when = _git(top, "show", "-s", "--format=%an%x1f%aI", base).strip().split("\x1f")
        commits.append((base, author, when))
    for line in _git(top, *log, "--", relative).splitlines():
        commit, author, when = line.split("\x1f")
        commits.append((commit, author, when))
    for commit, author, when in commits:
        plan = _parse(path, _show(top, commit, relative))
        if plan is not None:
            yield Version(commit, author, datetime.fromisoformat(when), plan)
    on_disk = path.read_bytes()
    committed = _show(top, "HEAD", relative) if commits else b""
    if on_disk != committed and (plan := _parse(path, on_disk)) is not None:
        yield Version(WORKING_TREE, "(uncommitted)", None, plan)
