"""Files a front door writes or checks besides the plan: exports, new files, other plans."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hplan.api.pipeline import AfterSave, Saved
    from hplan.plan.model import Plan


def create_file(path: Path, data: bytes) -> None:
    """Write a new file whole or not at all; never over one that exists."""
    from hplan.store.atomic import write_new

    write_new(path, data)


def repository_top(path: Path) -> Path | None:
    """The top of the git repository a file is in, or None."""
    from hplan.store.history import repository_top as top

    return top(path)


def read_plan_file(path: Path) -> Plan:
    """The plan in any file (validated, through the cache): `hplan validate FILE`."""
    from hplan.store.reading import read_plan

    return read_plan(path)


def write_file(path: Path, data: bytes, plan: Path | None = None, force: bool = False) -> None:
    """Write an export (a report, a calendar, a schema) whole or not at all, never through a
    link, never over a plan, a special file or (without `force`) a file hplan did not make;
    `plan`: the plan in use."""
    from hplan.store.atomic import check_export_target, write_atomic

    check_export_target(path, plan, force)
    write_atomic(path, data, follow=False)


def commit_plan(path: Path, message: str, author: str | None = None) -> None:
    """Commit the plan file alone (not what else is staged), authored by `author` ("Name
    <address>") or else the git user; the committer is always the git user."""
    from hplan.store.history import commit

    commit(path, message, author)


def activity_line(path: Path, activity_id: str) -> int:
    """The line of the plan file where an activity starts, to open an editor there; NotFound
    when no activity has that id (also in a plan that does not validate)."""
    from hplan.errors import Message, NotFound
    from hplan.store.reading import activity_line as line_of

    line = line_of(path, activity_id.strip())
    if line is None:
        raise NotFound(
            Message("no activity has id '{id}' in {path}; see `hplan list`", id=activity_id,
                    path=path.name)
        )  # fmt: skip
    return line


def revision_day(path: Path, since: str) -> date | None:
    """The day a `--since` names: itself when it is a day, else its commit's day (a
    meeting's tag); None when git cannot say."""
    from hplan.store.history import revision_day as day_of

    return day_of(path, since)


def plan_version(path: Path) -> str:
    """The version (SHA-256) of the plan file's bytes as they are now, without reading the
    plan; empty when it cannot be read. A page polls it to know the file changed."""
    from hplan.errors import HplanError
    from hplan.store.source import current_version

    try:
        return current_version(path)
    except HplanError:
        return ""


def check_committable(path: Path) -> None:
    """Nothing when the plan can be committed (git tracks it); else why not. Asked before a
    write that is to be committed, so that nothing is written without its commit."""
    from hplan.store.history import check_tracked

    check_tracked(path)


def commit_step(
    path: Path, said: Callable[[], tuple[date, str]], author: str | None = None
) -> AfterSave:
    """The after-save step of `--commit` (and of the web view's): one commit of the plan, its
    subject naming every change in the run's language (`said()`: the day and the language),
    by `author` when given. Whether the plan can be committed is asked now, before anything
    is written."""
    check_committable(path)

    def step(saved: Saved) -> None:
        from hplan.render.messages import added_text, round_text, saved_message

        today, language = said()
        lines = [saved_message(u, today, language) for u in saved.updates if u.written]
        lines += [added_text(a, language) for a in saved.added]
        lines += [round_text(r, language) for r in saved.rounds]
        commit_plan(path, "; ".join(lines), author)

    return step


def edited_bytes(copy: Path) -> bytes:
    """What an editor left in `copy`: a regular file of a plan's size, never a link, a pipe
    (which would hang) or a device (/dev/zero never ends); HplanError in words else."""
    from hplan.errors import HplanError, Message, os_reason
    from hplan.folders import NotAFile, TooLarge, read_regular
    from hplan.store.source import MAX_PLAN_BYTES

    why: Message | str
    try:
        return read_regular(copy, MAX_PLAN_BYTES, follow=False)
    except TooLarge:
        why = Message("larger than {limit:,} bytes, the most hplan reads", limit=MAX_PLAN_BYTES)
    except NotAFile:
        why = Message("not a regular file: a folder, a link, a pipe or a device")
    except OSError as error:
        why = os_reason(error)
    raise HplanError(
        Message(
            "the editor left no plan text at {copy} ({why}); nothing was written",
            copy=copy,
            why=why,
        )
    )
