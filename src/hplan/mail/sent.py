"""The sent log: which digests went out, by Message-ID, so that a rerun never sends one twice.

One JSON object a line, appended and flushed to disk before and after each send: `sending`
before the message goes to the server, `sent` once the server took it, `failed` when it
refused. A `sending` without its `sent` (the process was killed, the connection dropped just
as the server answered) is not sent again by itself: the person decides, with --resend.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from hplan.errors import HplanError, Message, os_reason

SENT_LOG_NAME = ".hplan-sent.jsonl"
"""The sent log's name beside the plan, when none is given."""


@dataclass
class SentLog:
    """The states of the Message-IDs sent from one place."""

    path: Path
    states: dict[str, str] = field(default_factory=dict)

    @classmethod
    def open(cls, path: Path) -> SentLog:
        """The log at `path` (an empty one if there is none yet); unreadable lines are
        passed over, a later line wins."""
        log = cls(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return log
        except (OSError, UnicodeDecodeError) as error:
            raise HplanError(
                Message("cannot read the sent log {path}: {error}", path=path, error=str(error))
            ) from None
        for line in text.splitlines():
            try:
                entry = json.loads(line)
                log.states[str(entry["id"])] = str(entry["state"])
            except (ValueError, KeyError, TypeError):
                continue
        return log

    def state(self, message_id: str) -> str | None:
        """`sending`, `sent` or `failed`, or None for a message never tried."""
        return self.states.get(message_id)

    def record(self, message_id: str, state: str, to: str) -> None:
        """Append a state, on disk before the call returns."""
        entry = {"id": message_id, "state": state, "to": to, "at": datetime.now(UTC).isoformat()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.path, flags, 0o600)
        try:
            os.write(fd, (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        self.states[message_id] = state


@contextlib.contextmanager
def held(path: Path) -> Iterator[None]:
    """The sent log held for a whole send run: a second run at once waits, then reads what
    the first sent and sends none of it again. A flock on the log itself (no lock file to
    commit by mistake); off POSIX, filelock's lock file beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        from filelock import FileLock

        with FileLock(str(path) + ".lock"):
            yield
        return
    import stat

    # Never through a link, never waiting on a pipe: a pipe with no reader fails at once.
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as error:
        raise HplanError(
            Message("cannot use the sent log {path}: {error}", path=path, error=os_reason(error))
        ) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise HplanError(Message(
            "the sent log {path} is not a regular file (a device, a pipe or a folder); give "
            "a file with --sent-log", path=path))  # fmt: skip
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
