"""The plan's past from git: each version of the file, read through the plan cache.

Versions come from the `git` command (log, and one `cat-file --batch` for all their bytes):
all of them after `--since`, else the newest MAX_VERSIONS. A version whose bytes were read
before as a whole plan comes from the cache; one that differs from the version before it only
in activities is read from it, those activities parsed with the plan's head
(store/incremental.py), not the whole file, and not cached (deriving it again costs less).
Uncommitted changes in the working tree count as a last version of their own.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from hplan.errors import HplanError, Message, PlanInvalid, UsageError
from hplan.plan.results import Advance
from hplan.plan.versions import WORKING_TREE, Version

if TYPE_CHECKING:
    from hplan.store.incremental import Version as Read


def _git(folder: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise HplanError(
            Message("the git command is not installed; hplan reads history with it")
        ) from None
    if done.returncode != 0:
        said = done.stderr.strip()
        if said:
            raise HplanError(Message("git: {said}", said=said))
        raise HplanError(Message("git {command} failed", command=" ".join(args)))
    return done.stdout


def repository_top(path: Path) -> Path | None:
    """The top of the git repository the file is in, or None outside one (or without git)."""
    try:
        return Path(_git(path.resolve().parent, "rev-parse", "--show-toplevel").strip())
    except HplanError:
        return None


def _tracked(path: Path) -> tuple[Path, str]:
    folder = path.resolve().parent
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    except HplanError:
        raise HplanError(
            Message("{path} is not in a git repository; history needs one", path=path)
        ) from None
    relative = path.resolve().relative_to(top).as_posix()
    if not _git(top, "ls-files", "--", relative).strip():
        raise HplanError(
            Message(
                "git does not track {path}; commit it first (git add {name})",
                path=path,
                name=path.name,
            )
        )
    return top, relative


MAX_VERSIONS = 1000
"""The most versions `history` reads when no starting point is given: the newest, three years
of daily commits. `changes --since` reads every version after its start, however many: each
is read from the one before it (only what changed is parsed), one at a time, so neither
memory nor the cache grows with their number (issue 35)."""


class _Blobs:
    """The file's bytes in many commits from one `git cat-file --batch` process (a `git
    show` each costs a process start: 3,000 versions took half a minute)."""

    def __init__(self, top: Path, relative: str) -> None:
        self.relative = relative
        self.process = subprocess.Popen(
            ["git", "cat-file", "--batch"],
            cwd=top,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def read(self, commit: str) -> bytes:
        """The file's bytes in `commit`, exactly; empty when it has none."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"{commit}:{self.relative}\n".encode())
        self.process.stdin.flush()
        header = self.process.stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob":
            return b""  # "<name> missing": the commit has no such file
        data = self.process.stdout.read(int(header[2]) + 1)  # and the newline after it
        return data[:-1]

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=60)


def _parse(path: Path, raw: bytes, previous: Read | None = None) -> Read | None:
    """A version as read, from the version before it where only activities changed."""
    from hplan.store.incremental import read_version

    try:
        return read_version(path, raw, previous)
    except PlanInvalid:
        return None  # an invalid version in the past is skipped, not an error now


def _revision(top: Path, since: str) -> str:
    """The commit a --since revision names; an error in a person's words if none."""
    try:
        return _git(top, "rev-parse", "--verify", "--quiet", f"{since}^{{commit}}").strip()
    except HplanError:
        raise UsageError(
            "since",
            Message(
                "'{since}' is neither a day (2025-06-01, 1 juni 2025) "
                "nor a tag or commit in this repository; `git tag` lists the "
                "tags",
                since=since,
            ),
        ) from None


def default_since(path: Path, today: date) -> str:
    """What `changes` compares with when not told: the latest tag that holds the plan (boards
    tag their meetings), else the day 30 days before `today`."""
    from datetime import timedelta

    top, _ = _tracked(path)
    try:
        return _git(top, "describe", "--tags", "--abbrev=0").strip()
    except HplanError:
        return (today - timedelta(days=30)).isoformat()


def shallow(path: Path) -> str | None:
    """When the repository's history is cut short (a shallow clone), the day it starts."""
    top, _ = _tracked(path)
    if _git(top, "rev-parse", "--is-shallow-repository").strip() != "true":
        return None
    days = _git(top, "log", "--format=%as").splitlines()
    return days[-1] if days else "?"


def _when(text: str) -> datetime | None:
    """A commit's date as git wrote it; None where it is not one Python can hold (a commit
    dated in the year 10000 is input like any other, never a crash)."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _naive(when: str) -> datetime:
    found = _when(when)
    return found.replace(tzinfo=None) if found is not None else datetime.max


def since_day(since: str, path: Path | None = None) -> date | None:
    """The day `--since` names, or None when it names a git revision. A tag named like a
    day (`2025-05-20`, as boards name their meetings' tags) is a tag when the repository of
    the plan at `path` has it."""
    from hplan.plan.deadlines import DeadlineError, parse_day

    try:
        day = parse_day(since)
    except DeadlineError:
        return None
    if path is not None and _is_revision(path, since):
        return None
    return day


def _is_revision(path: Path, name: str) -> bool:
    try:
        top, _ = _tracked(path)
        _git(top, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
    except HplanError:
        return False
    return True


def versions(
    path: Path, since: str | None = None, advance: Advance | None = None
) -> Iterator[Version]:
    """The plan's versions, oldest first: the one before `since`, the commits after, and
    the working tree when it differs from the last commit. `since` is a revision or a day.

    One at a time, each read through the plan cache: a 10,000-activity plan's 30 versions
    need not all be in memory at once."""
    top, relative = _tracked(path)
    log = ["log", "--format=%H%x1f%an%x1f%aI", "--reverse"]
    day = since_day(since, path) if since else None
    if since and day is None:
        base = _revision(top, since)
        # The base itself, then the commits after it that touch the plan.
        lines = _git(top, *log, f"{base}^!").splitlines()
        lines += _git(top, *log, f"{base}..HEAD", "--", relative).splitlines()
    elif day is None:  # the whole story: the newest versions only
        lines = _git(top, *log, f"--max-count={MAX_VERSIONS}", "--", relative).splitlines()
    else:
        lines = _git(top, *log, "--", relative).splitlines()
    commits = [tuple(line.split("\x1f")) for line in lines]
    earlier: list[tuple[str, ...]] = []
    if day is not None:
        # Days are compared here, not by git, which misreads days far in the past or future.
        start = datetime.combine(day, datetime.min.time())
        earlier = [c for c in commits if _naive(c[2]) < start]
        later = [c for c in commits if _naive(c[2]) >= start]
        commits = earlier[-1:] + later
    blobs = _Blobs(top, relative)
    previous: Read | None = None
    try:
        first = True
        for number, (commit, author, when) in enumerate(commits, 1):
            if advance is not None:
                advance(number, len(commits))
            read = _parse(path, blobs.read(commit), previous)
            if read is None:
                continue
            previous, plan = read, read.plan
            if first and day is not None and not earlier:
                # The day is before the plan's history: everything in it is new since then.
                yield Version("", "", None, replace(plan, activities=[]))
            first = False
            yield Version(commit, author, _when(when), plan)
        committed = blobs.read("HEAD") if lines else b""
    finally:
        blobs.close()
    on_disk = path.read_bytes()
    if on_disk != committed and (read := _parse(path, on_disk, previous)) is not None:
        yield Version(WORKING_TREE, "(uncommitted)", None, read.plan)


def commit(path: Path, message: str, author: str | None = None) -> None:
    """One commit of the plan file only (`--only`: whatever else is staged stays staged),
    authored by `author` ("Name <address>", an owner who answered by e-mail) or else the
    repository's git user, who is always the committer."""
    top, relative = _tracked(path)
    by = ["--author", author] if author else []
    _git(top, "commit", "--quiet", "--only", *by, "--message", message, "--", relative)


def git_user(path: Path) -> str:
    """git's user.name where the plan is (empty without git or a name)."""
    try:
        return _git(path.resolve().parent, "config", "user.name").strip()
    except HplanError:
        return ""


def check_tracked(path: Path) -> None:
    """Nothing when git tracks the file; else an error saying what to do (commit it)."""
    _tracked(path)


def revision_day(path: Path, since: str) -> date | None:
    """The day `since` names: itself when it is a day, else its commit's day (a meeting's
    tag); None when git cannot say."""
    try:
        day = since_day(since, path)
        if day is not None:
            return day
        top, _ = _tracked(path)
        when = _when(_git(top, "log", "-1", "--format=%aI", _revision(top, since)).strip())
    except HplanError:
        return None
    return when.date() if when else None
