"""One SMTP exchange as hplan needs it (issue 34, items 9 and 17): a deadline over the whole
of it, not over each read (a server that sends a byte a second never trips a socket's
timeout), and a connection that knows when a message's data went out whole, so that a server
that drops before its `250` leaves the message "may have gone", never "failed" (a rerun would
send it twice)."""

from __future__ import annotations

import contextlib
import smtplib
import socket
import threading
from types import TracebackType
from typing import Any

END_OF_DATA = b"\r\n.\r\n"
"""What ends a message's data (RFC 5321): after it, the server may have taken the message."""


class Watched(smtplib.SMTP):
    """SMTP that notes when a message's data was sent whole (`data_sent`)."""

    data_sent = False

    def connect(
        self, host: str = "localhost", port: int = 0, source_address: Any = None
    ) -> tuple[int, bytes]:
        # The name TLS checks the certificate against: smtplib keeps it only when its
        # constructor connects, and hplan connects later, inside its deadline.
        self._host = host
        return super().connect(host, port, source_address)

    def send(self, s: Any) -> None:
        super().send(s)
        if isinstance(s, bytes) and s.endswith(END_OF_DATA):
            self.data_sent = True


class WatchedTLS(smtplib.SMTP_SSL, Watched):
    """The same over implicit TLS (port 465)."""


class Deadline:
    """`with Deadline(connection, seconds):` the exchange inside ends by `seconds`: then the
    socket is shut, and the block raises TimeoutError."""

    def __init__(self, connection: smtplib.SMTP, seconds: float) -> None:
        self.connection = connection
        self.seconds = seconds
        self.expired = False
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True

    def _cut(self) -> None:
        self.expired = True
        sock = getattr(self.connection, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._timer.cancel()
        # Also when the block ended without an error: what a cut socket gave is not to be
        # trusted (a reply cut short reads as a reply).
        if self.expired and not isinstance(error, TimeoutError):
            raise TimeoutError(f"timed out after {self.seconds:g} s") from error
