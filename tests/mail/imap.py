"""A real IMAP server on 127.0.0.1 for the inbox's tests: Debian's Dovecot, run as an ordinary
process with a configuration written here, TLS from a test CA (trustme), one user with a
Swedish password, mail kept in a Maildir under the test's folder."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .servers import free_port

USER, PASSWORD = "plan@halsingerad.example", "rätt-lösen"
TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJzY3AiOiJJTUFQIn0.giltig"
"""The one OAuth access token the test's token endpoint calls active (XOAUTH2, as Microsoft
365 takes it)."""
DOVECOT = shutil.which("dovecot") or (
    "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
)
needs_dovecot = pytest.mark.skipif(
    DOVECOT is None, reason="needs Dovecot (Debian's dovecot-imapd; .ci/run installs it)"
)


@dataclass(frozen=True)
class Imap:
    """The running server: where, its CA file, and the URL of its inbox."""

    port: int
    starttls_port: int
    cafile: Path

    def url(self, folder: str = "INBOX") -> str:
        return f"imaps://{USER}@127.0.0.1:{self.port}/{folder}"

    def client(self):  # type: ignore[no-untyped-def]
        from imapclient import IMAPClient

        context = ssl.create_default_context(cafile=str(self.cafile))
        client = IMAPClient("127.0.0.1", self.port, ssl=True, ssl_context=context, timeout=10)
        client.plain_login(USER, PASSWORD)
        return client

    def deliver(self, *messages: bytes, folder: str = "INBOX") -> None:
        """Put messages in a folder, as a mail server's delivery would."""
        client = self.client()
        try:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            for raw in messages:
                client.append(folder, raw)
        finally:
            client.logout()

    def flags(self, folder: str = "INBOX") -> list[set[bytes]]:
        """Each message's flags in a folder, in order."""
        client = self.client()
        try:
            client.select_folder(folder, readonly=True)
            uids = sorted(client.search(["ALL"]))
            found = client.get_flags(uids) if uids else {}
            return [set(found[u]) - {b"\\Recent"} for u in uids]
        finally:
            client.logout()


def _users() -> tuple[str, str, int, int]:
    """Dovecot's internal and login users, and the mail's uid and gid: the test's own user,
    or Debian's dovecot and dovenull users when the tests run as root (Dovecot refuses to run
    its login process as root)."""
    if os.getuid() != 0:
        me = pwd.getpwuid(os.getuid()).pw_name
        return me, me, os.getuid(), os.getgid()
    dovecot = pwd.getpwnam("dovecot")
    return "dovecot", "dovenull", dovecot.pw_uid, dovecot.pw_gid


@contextlib.contextmanager
def introspection() -> Iterator[int]:
    """An OAuth 2.0 token introspection endpoint (RFC 7662) on 127.0.0.1, as an identity
    provider answers Dovecot's oauth2 passdb: TOKEN is active, for USER; nothing else is."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import parse_qs

    class Answer(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            size = int(self.headers.get("Content-Length", "0"))
            asked = parse_qs(self.rfile.read(size).decode())
            active = asked.get("token") == [TOKEN]
            said = json.dumps({"active": active, "email": USER} if active else {"active": False})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(said)))
            self.end_headers()
            self.wfile.write(said.encode())

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    server.daemon_threads, server.block_on_close = (
        True,
        False,
    )  # a kept-alive client waits on no one
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()


@contextlib.contextmanager
def dovecot(folder: Path) -> Iterator[Imap]:
    """Dovecot on free ports of 127.0.0.1 (implicit TLS and STARTTLS), stopped afterwards."""
    import trustme

    assert DOVECOT is not None
    base = folder / "dovecot"
    for part in ("state", "mail"):
        (base / part).mkdir(parents=True)
    # Its sockets live in a short path of their own: a Unix socket's path holds 107 bytes.
    sockets = Path(tempfile.mkdtemp(prefix="dv-"))
    os.chmod(sockets, 0o755)
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert.private_key_pem.write_to_path(str(base / "key.pem"))
    cert.cert_chain_pems[0].write_to_path(str(base / "cert.pem"))
    ca.cert_pem.write_to_path(str(base / "ca.pem"))
    (base / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n", encoding="utf-8")
    internal, login, uid, gid = _users()
    if os.getuid() == 0:
        os.chown(base / "mail", uid, gid)
        for up in (base, *base.parents):
            if up == Path("/"):
                break
            os.chmod(up, os.stat(up).st_mode | 0o711)  # the mail user walks down to its folder
    port, starttls_port = free_port(), free_port()
    with introspection() as oauth:
        yield from _run(base, sockets, port, starttls_port, oauth, internal, login, uid, gid)


def _run(
    base: Path, sockets: Path, port: int, starttls_port: int, oauth: int, internal: str,
    login: str, uid: int, gid: int,
) -> Iterator[Imap]:  # fmt: skip
    assert DOVECOT is not None
    (base / "dovecot.conf").write_text(
        f"""
base_dir = {sockets}
state_dir = {base}/state
log_path = {base}/log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{base}/cert.pem
ssl_key = <{base}/key.pem
disable_plaintext_auth = yes
auth_mechanisms = plain xoauth2
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = 1
passdb {{
  driver = passwd-file
  mechanisms = plain
  args = {base}/passwd
}}
passdb {{
  driver = oauth2
  mechanisms = xoauth2
  args = {base}/oauth2.conf.ext
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={base}/mail/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {starttls_port}
  }}
  inet_listener imaps {{
    port = {port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
""",
        encoding="utf-8",
    )
    conf = str(base / "dovecot.conf")
    (base / "oauth2.conf.ext").write_text(
        f"introspection_mode = post\nintrospection_url = http://127.0.0.1:{oauth}/introspect\n"
        "username_attribute = email\nactive_attribute = active\nactive_value = true\n",
        encoding="utf-8",
    )
    # Dovecot forks into the background keeping its standard streams: a pipe would never end.
    with (base / "start.log").open("wb") as said:
        started = subprocess.run([DOVECOT, "-c", conf], stdout=said, stderr=said, check=False)
    if started.returncode != 0:
        pytest.fail((base / "start.log").read_text(errors="replace"))
    try:
        server = Imap(port, starttls_port, base / "ca.pem")
        deadline = time.monotonic() + 10
        while True:
            try:
                server.client().logout()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield server
    finally:
        _stop(sockets / "master.pid")
        shutil.rmtree(sockets, ignore_errors=True)


def _stop(pid_file: Path) -> None:
    """Stop Dovecot at once: its master leads a process group of its own (it daemonizes),
    and the test's mail needs no orderly shutdown (`dovecot stop` takes seconds a test). A
    killed process holds no socket or file, so there is nothing to wait for."""
    import signal

    with contextlib.suppress(OSError, ValueError, IndexError):
        os.killpg(int(pid_file.read_text().split()[0]), signal.SIGKILL)
