"""Files as hplan reads them: regular files only, within a size; and the user's cache folder,
where hplan keeps what it can make again (never beside a plan)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path


def user_cache() -> Path:
    """The platform's cache folder for hplan (XDG_CACHE_HOME/hplan on Linux)."""
    if sys.platform.startswith("linux"):
        # The XDG rule as platformdirs has it, without its import (4 ms of every command).
        home = os.environ.get("XDG_CACHE_HOME", "").strip()
        return Path(home or os.path.expanduser("~/.cache")) / "hplan"
    import platformdirs

    return platformdirs.user_cache_path("hplan")


def private_cache() -> Path | None:
    """hplan's cache folder when only its user can write in it (made so, 0700, if it is
    new), else None: an entry or a link that another user planted is never used."""
    folder = user_cache()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return folder if owned_privately(folder) else None
    except OSError:
        return None


def owned_privately(path: Path) -> bool:
    """True when `path` is a folder (not a link) of this user that nobody else can write in."""
    try:
        info = path.lstat()
    except OSError:
        return False
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_ISDIR(info.st_mode) and mine and not info.st_mode & 0o022


def owned_by_me(path: Path) -> bool:
    """True when this user owns `path` (always where the platform has no owners)."""
    try:
        return not hasattr(os, "getuid") or path.stat().st_uid == os.getuid()
    except OSError:
        return False


class NotAFile(OSError):
    """Not a regular file: a folder, a pipe or a device."""


class TooLarge(OSError):
    """Larger than the limit asked for."""


def read_regular(path: Path, limit: int, follow: bool = True) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, never waiting on a pipe.

    OSError otherwise: a pipe, a device or a folder is never read (a FIFO would hang, and
    /dev/zero reports a size of 0 while it never ends), and the limit holds for what is read,
    not only for the size the file reports."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(path)
        if info.st_size > limit:
            raise TooLarge(path)
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge(path)
        return b"".join(chunks)
    finally:
        os.close(fd)
