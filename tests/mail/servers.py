"""Real SMTP peers on 127.0.0.1 for the digest's tests: aiosmtpd with STARTTLS (a certificate
from a test CA, trustme) and AUTH, and a raw socket server that misbehaves on purpose."""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

USER, PASSWORD = "plan@halsingerad.example", "rätt-lösen"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Mailbox:
    """What the server took: each message as a mail program parses it, with its envelope."""

    received: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append((list(envelope.rcpt_tos), parsed))
        return "250 Message accepted"

    def to(self) -> list[str]:
        return [address for rcpt, _ in self.received for address in rcpt]


@contextlib.contextmanager
def starttls_server(folder: Path, mailbox: Mailbox) -> Iterator[tuple[int, Path]]:
    """An SMTP server on 127.0.0.1 that requires STARTTLS and AUTH; yields its port and the
    test CA's certificate file (for --smtp-cafile)."""
    import trustme
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    cafile = folder / "test-ca.pem"
    ca.cert_pem.write_to_path(str(cafile))

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        ok = data.login.decode() == USER and data.password.decode() == PASSWORD
        return AuthResult(success=ok, handled=False)

    port = free_port()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
        auth_required=True,
    )
    controller.start()
    try:
        yield port, cafile
    finally:
        controller.stop()


@contextlib.contextmanager
def _listening(serve: Callable[[socket.socket], None], stop: threading.Event) -> Iterator[int]:
    """A socket on a free port of 127.0.0.1, each connection `serve`d in a thread of its own,
    until the block ends (then `stop` is set); yields the port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def _data(reader: Any) -> bytes:
    """A message's data after DATA's 354, up to the line with the lone dot."""
    body = b""
    while (chunk := reader.readline()) not in (b".\r\n", b""):
        body += chunk
    return body


def _converse(
    conn: socket.socket,
    stop: threading.Event,
    taken: list[bytes],
    name: bytes,
    extension: bytes,
    first: Callable[[bytes, Any], bool | None],
) -> None:
    """An SMTP server's side of a connection: greeting, EHLO with one `extension`, DATA taken
    whole into `taken`, QUIT; each line offered to `first` before: True when it answered the
    line, None to hang up there, False to answer as usual."""
    reader = conn.makefile("rb")
    conn.sendall(b"220 " + name + b" ESMTP\r\n")
    while not stop.is_set():
        line = reader.readline()
        if not line:
            return
        answered = first(line, reader)
        if answered is None:
            return
        if answered:
            continue
        verb = line[:4].upper()
        if verb in (b"EHLO", b"HELO"):
            conn.sendall(b"250-" + name + b"\r\n250 " + extension + b"\r\n")
        elif verb == b"DATA":
            conn.sendall(b"354 go ahead\r\n")
            taken.append(_data(reader))
            conn.sendall(b"250 taken\r\n")
        elif verb == b"QUIT":
            conn.sendall(b"221 bye\r\n")
            return
        else:
            conn.sendall(b"250 OK\r\n")


@contextlib.contextmanager
def raw_server(behaviour: str) -> Iterator[tuple[int, list[bytes]]]:
    """A plain SMTP peer (no TLS) that misbehaves: `silent` never says a word; `drop-first`
    closes the connection in the middle of the first message's data, then takes messages
    normally; `drop-before-250` takes the first message's data whole and closes before it
    answers; `drip` answers a byte a second. Yields its port and the messages it took
    whole."""
    taken: list[bytes] = []
    stop = threading.Event()
    dropped = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(10)
            if behaviour == "silent":
                stop.wait(30)
                return
            if behaviour == "drip":
                for byte in b"220 raw ESMTP at a byte a second, for a minute" * 2:
                    if stop.wait(1):
                        return
                    try:
                        conn.sendall(bytes([byte]))
                    except OSError:  # hplan gave up at its deadline and closed
                        return
                return

            def first(line: bytes, reader: Any) -> bool | None:
                if line[:4].upper() != b"DATA" or dropped.is_set():
                    return False
                dropped.set()
                conn.sendall(b"354 go ahead\r\n")
                if behaviour == "drop-before-250":
                    taken.append(_data(reader))  # the message taken whole, and no 250
                else:
                    reader.readline()  # closed in the middle of the message
                return None

            _converse(conn, stop, taken, b"raw", b"8BITMIME", first)

    with _listening(serve, stop) as port:
        yield port, taken


@contextlib.contextmanager
def cram_md5_server(password: str) -> Iterator[tuple[int, list[bytes]]]:
    """A plain SMTP peer on 127.0.0.1 that offers only AUTH CRAM-MD5 (RFC 2195), checking the
    answer with `password` in UTF-8; yields its port and the messages it took."""
    import base64
    import hmac

    taken: list[bytes] = []
    stop = threading.Event()

    def serve(conn: socket.socket) -> None:
        authed = False

        def login(line: bytes, reader: Any) -> bool | None:
            nonlocal authed
            if line.upper().startswith(b"AUTH CRAM-MD5"):
                challenge = b"<1896.697170952@halsingerad.example>"
                conn.sendall(b"334 " + base64.b64encode(challenge) + b"\r\n")
                user, _, digest = base64.b64decode(reader.readline().strip()).rpartition(b" ")
                right = hmac.new(password.encode(), challenge, "md5").hexdigest().encode()
                authed = user == USER.encode() and hmac.compare_digest(digest, right)
                conn.sendall(b"235 ok\r\n" if authed else b"535 5.7.8 bad credentials\r\n")
                return True
            if line[:4].upper() == b"MAIL" and not authed:
                conn.sendall(b"530 5.7.0 authentication required\r\n")
                return True
            return False

        with conn:
            conn.settimeout(10)
            _converse(conn, stop, taken, b"cram", b"AUTH CRAM-MD5", login)

    with _listening(serve, stop) as port:
        yield port, taken
