"""The one way hplan puts bytes on disk: a temporary sibling, fsync, then a rename.

A reader sees the old file or the new one, never a part. Plans are written holding the plan's
lock (`lock.plan_lock`); exports and new plans go through the same writer.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path

from hplan.errors import HplanError, Message, PlanChanged, WriteRefused, os_reason

TEMP_SUFFIX = ".hplan-tmp"


def write_atomic(
    path: Path, data: bytes, expected: bytes | None = None, follow: bool = True
) -> list[Message]:
    """Replace the file's content at once, keeping its mode, owner and group where it may;
    create it if it is new. Returns what a person should know: an owner or group that could
    not be kept, other hard links that still hold the old text.

    With `expected`, refuse when the file no longer holds those bytes (an editor saved it
    meanwhile), so that nobody's edit is lost. Leftover temporary siblings of a killed hplan
    are removed first. `follow`: a plan that is a link is edited where it lives; an export
    (follow=False) is never written through a link.
    """
    if not follow and path.is_symlink():
        raise WriteRefused(
            Message(
                "{path} is a symbolic link; hplan never writes an export "
                "through a link. Remove the link or name another file.",
                path=path,
            )
        )
    real = path.resolve() if follow else path.absolute()
    try:
        before = real.stat() if real.exists() else None
        if before is not None and not stat.S_ISREG(before.st_mode):
            # The one writer's own check, whatever a command's --force: a rename would put a
            # regular file where a device, a pipe, a socket or a folder was.
            raise WriteRefused(Message(
                "{path} is not a regular file (a device, a pipe, a socket or a folder); "
                "nothing was written. Name a file.", path=path))  # fmt: skip
        mode = stat.S_IMODE(before.st_mode) if before is not None else 0o644
        if real.exists() and not os.access(real, os.W_OK):
            raise WriteRefused(
                Message("{path} is read-only; make it writable to change it", path=path)
            )
        _remove_stale(real)
        temp = _temporary_sibling(real)
    except PermissionError:
        raise WriteRefused(
            Message("cannot write in {parent}: permission denied", parent=real.parent)
        ) from None
    except FileNotFoundError:
        raise WriteRefused(
            Message(
                "cannot write {path}: the folder {parent} does not exist",
                path=path,
                parent=real.parent,
            )
        ) from None
    notes: list[Message] = []
    try:
        _fill(temp, data, mode)
        if before is not None:
            notes += _keep_owner(temp, before, path)
        if expected is not None and real.read_bytes() != expected:
            raise PlanChanged(
                Message(
                    "{path} changed while hplan was writing it (saved from an "
                    "editor?); nothing was written, so that change is kept. Run "
                    "the command again.",
                    path=path,
                )
            )
        os.replace(temp, real)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise _not_written(path, error) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(real.parent)
    return notes


EXPORT_MARK = b"hplan"
"""What every file hplan exports holds near its start or end (a generator tag, PRODID, a
comment, the schema's title): a file without it is not one hplan made."""


def check_export_target(path: Path, plan: Path | None, force: bool = False) -> None:
    """Refuse an export that would replace what is not a regular file (a device such as
    /dev/null, a pipe, a folder: never), or, unless `force`, what hplan did not make: the
    plan in use, a file named like a plan (hplan would take it for one), a file without
    hplan's mark."""
    import stat as file_kind

    from hplan.store.source import PLAN_NAME

    try:
        found: os.stat_result | None = path.lstat()
    except FileNotFoundError:
        found = None
    except OSError:
        return  # writing says what is wrong
    if found is not None and not (
        file_kind.S_ISREG(found.st_mode) or file_kind.S_ISLNK(found.st_mode)
    ):
        raise WriteRefused(
            Message(
                "{path} is not a regular file (a device, a pipe or a folder); hplan writes an "
                "export to a file, or to standard output with -o -",
                path=path,
            )
        )
    if force:
        return
    if found is not None and plan is not None and path.resolve() == plan.resolve():
        raise _not_yours(path, Message("is the plan in use"))
    if PLAN_NAME.fullmatch(path.name):
        raise _not_yours(path, Message("is named like a plan, which hplan would read as one"))
    if found is None:
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
            handle.seek(max(found.st_size - 4096, len(head)))
            tail = handle.read(4096)
    except OSError:
        return
    if EXPORT_MARK not in head and EXPORT_MARK not in tail:
        raise _not_yours(path, Message("exists and hplan did not make it"))


def _not_yours(path: Path, why: Message) -> WriteRefused:
    return WriteRefused(
        Message(
            "{path} {why}; nothing was written. Name another file, or give --force to write it",
            path=path,
            why=why,
        )
    )


def _keep_owner(temp: str, before: os.stat_result, path: Path) -> list[Message]:
    """Give the new file the old one's owner and group (a root's write leaves a user's plan
    theirs; a team folder's group stays), and say what could not be kept."""
    notes = []
    if hasattr(os, "chown") and (before.st_uid, before.st_gid) != _owner_of(temp):
        try:
            os.chown(temp, before.st_uid, before.st_gid)
        except PermissionError:
            try:
                os.chown(temp, -1, before.st_gid)
            except PermissionError:
                notes.append(
                    Message(
                        "{path} now belongs to you and your group, not to its earlier owner "
                        "or group: they may not be able to write it",
                        path=path,
                    )
                )
    if before.st_nlink > 1:
        notes.append(
            Message.counted(
                "{path} has {count} other hard link; it still holds the text before this change",
                "{path} has {count} other hard links; they still hold the text before this change",
                before.st_nlink - 1,
                path=path,
            )
        )
    return notes


def _owner_of(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_uid, info.st_gid


def write_new(path: Path, data: bytes) -> None:
    """Create a file that must not exist yet, whole or not at all (never overwriting one)."""
    real = path.absolute()
    if os.path.lexists(real):
        raise _exists(path)
    try:
        temp = _temporary_sibling(real)
    except OSError as error:
        raise WriteRefused(
            Message(
                "cannot write in {parent}: {strerror}",
                parent=real.parent,
                strerror=os_reason(error),
            )
        ) from None
    try:
        _fill(temp, data, 0o644)
        os.link(temp, real)  # fails if the path appeared meanwhile: nothing is overwritten
    except FileExistsError:
        raise _exists(path) from None
    except OSError as error:
        raise _not_written(path, error) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    _sync_folder(real.parent)


def _not_written(path: Path, error: OSError) -> HplanError:
    return WriteRefused(
        Message(
            "cannot write {path}: {strerror}; nothing was written",
            path=path,
            strerror=os_reason(error),
        )
    )


def _exists(path: Path) -> HplanError:
    return WriteRefused(Message("{path} exists already; hplan never overwrites a plan", path=path))


def _temporary_sibling(real: Path) -> str:
    """A new temporary file beside the target, named with its writer's process id, so that
    a leftover is known for one and removed only when that writer is gone."""
    fd, temp = new_file(real.parent, f".{real.name}.{os.getpid()}.", TEMP_SUFFIX)
    os.close(fd)
    return temp


def new_file(folder: Path, prefix: str, suffix: str) -> tuple[int, str]:
    """A file made now in `folder` that no one else made, open for writing, private to its
    owner (as tempfile.mkstemp makes one, without loading tempfile and random: a write's
    start-up time)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        name = os.path.join(folder, f"{prefix}{os.urandom(6).hex()}{suffix}")
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(f"no new file name in {folder}")


STALE_SECONDS = 3600.0
"""A temporary file whose writer cannot be told is left this long before it counts as stale."""


def _remove_stale(real: Path) -> None:
    """Remove what killed writers left beside `real`; never a live writer's temporary file
    (another hplan writing the same export this moment)."""
    start = f".{real.name}."
    with os.scandir(real.parent) as found:
        leftovers = [
            real.parent / f.name
            for f in found
            if f.name.startswith(start) and f.name.endswith(TEMP_SUFFIX)
        ]
    for leftover in leftovers:
        writer = leftover.name[len(real.name) + 2 :].split(".", 1)[0]
        if writer.isdigit() and writer.isascii():
            if _alive(int(writer)):
                continue
        else:
            try:
                if time.time() - leftover.lstat().st_mtime < STALE_SECONDS:
                    continue
            except OSError:
                continue
        leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    """True when a process with this id runs on this machine (or cannot be told)."""
    if pid == os.getpid():
        return False  # our own leftover from an earlier write in this process: not live
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True
    return True


def _fill(temp: str, data: bytes, mode: int) -> None:
    """Write the whole content to disk (fsync) with the file mode it is to have."""
    with open(temp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(temp, mode)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
