"""The plan's one write lock, shared by everyone who can write the plan."""

from __future__ import annotations

import contextlib
import math
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hplan.errors import HplanError, LockTimeout, Message, os_reason

LOCK_TIMEOUT_SECONDS = 10.0


def lock_timeout() -> float:
    """Seconds to wait for another hplan's write: HPLAN_LOCK_TIMEOUT, else 10."""
    text = os.environ.get("HPLAN_LOCK_TIMEOUT")
    if not text:
        return LOCK_TIMEOUT_SECONDS
    try:
        # Digits 0-9 and one point only: Python's float() also takes "٥" and "5_0".
        value = float(text) if re.fullmatch(r"[0-9]+(\.[0-9]+)?", text.strip()) else math.nan
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 <= value <= 3600):
        raise HplanError(
            Message(
                "HPLAN_LOCK_TIMEOUT={text!r} is not a number of seconds from "
                "0 to 3600; set it to one, such as 10, or unset it",
                text=text,
            )
        )
    return value


@contextlib.contextmanager
def plan_lock(path: Path) -> Iterator[None]:
    """Hold the plan's write lock; a clear error when another hplan holds it too long.

    One lock for everyone who can write the plan, whoever they are: on POSIX a `flock` on the
    plan file itself (nothing beside the plan, nothing in anyone's cache; the kernel lets go
    when a writer dies). A write replaces the file, so a lock won on the file a moment ago
    is tried again on the file as it is now. Elsewhere, `filelock` on a lock file beside it.
    """
    timeout = lock_timeout()
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        with _file_lock(path, timeout):
            yield
        return
    deadline = time.monotonic() + timeout
    while True:
        try:
            # O_NONBLOCK: opening a FIFO must not hang; a regular file does not notice.
            handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError as error:
            raise _unlockable(path, error) from None
        try:
            if _won(handle, fcntl, deadline):
                held = os.fstat(handle)
                if _inode(path) == (held.st_dev, held.st_ino):
                    break
                # Another writer replaced the plan while this one waited: lock the new file.
        except BaseException:
            os.close(handle)
            raise
        os.close(handle)
        if time.monotonic() > deadline:
            raise _timed_out(path, timeout)
    try:
        yield
    finally:
        os.close(handle)  # closing lets go of the lock


def _won(handle: int, fcntl: Any, deadline: float) -> bool:
    """Take the lock on `handle`, polling until the deadline; False at the deadline."""
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)


def _inode(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _unlockable(path: Path, error: OSError) -> HplanError:
    return HplanError(
        Message(
            "cannot open {path} to lock it for writing: {strerror}",
            path=path,
            strerror=os_reason(error),
        )
    )


def _timed_out(path: Path, timeout: float) -> LockTimeout:
    return LockTimeout(
        Message(
            "{path}: another hplan has been writing this plan for "
            "{timeout:g} s; try again in a moment",
            path=path,
            timeout=timeout,
        )
    )


@contextlib.contextmanager
def _file_lock(path: Path, timeout: float) -> Iterator[None]:  # pragma: no cover - Windows
    """Where there is no flock: a lock file beside the plan, shared by all its writers."""
    import filelock

    try:
        with filelock.FileLock(path.with_name(f".{path.name}.hplan-lock"), timeout=timeout):
            yield
    except filelock.Timeout:
        raise _timed_out(path, timeout) from None
