"""Serving the web view: bind, say where, open the browser, stop cleanly on Ctrl-C."""

from __future__ import annotations

import ipaddress
import shutil
import socket
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hplan.errors import HplanError, Message, UsageError, os_reason
from hplan.web.answers import FORM_BYTES
from hplan.web.app import Settings, create_app
from hplan.web.guard import LOOPBACK

THREADS = 16
"""Requests answered at once; more wait in waitress's queue (50 readers are all served)."""


LIMITS: dict[str, Any] = {
    # A body larger than a form is refused from its Content-Length, before it is read (a
    # 300 MB POST was read whole before the 403).
    "max_request_body_size": FORM_BYTES,
    "max_request_header_size": 32 * 1024,
    # A connection that says nothing for 10 s is closed, and many may be open at once
    # (poll, not select, past 1,024): slow strangers never keep the owner waiting.
    "channel_timeout": 10,
    "cleanup_interval": 2,
    "connection_limit": 1000,
    "asyncore_use_poll": True,
}
"""waitress's bounds on what one client can hold (issue 34, item 16)."""


def listen(host: str, port: int) -> tuple[socket.socket, bool]:
    """The listening socket on `host` (an IP address; localhost is loopback) and whether it
    is loopback. Refused in words: a name, an address that listens on every address (the
    Host check needs the one name people will use), a port that cannot be had."""
    host = LOOPBACK if host == "localhost" else host
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise UsageError(
            "host", Message("give an IP address to listen on, such as 127.0.0.1")
        ) from None
    # Decided by what the address means, not how it is spelt: an IPv4 address written as
    # IPv6 (::ffff:0.0.0.0 binds every IPv4 address) is that IPv4 address, and an address is
    # bound and shown in its one canonical form (0:0:0:0:0:0:0:1 is ::1), which the Host
    # check knows.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    host = str(address)
    if address.is_unspecified:
        raise UsageError(
            "host",
            Message(
                "{host} listens on every address; give the one people will open, such as "
                "this machine's address on the local network",
                host=host,
            ),
        )
    try:
        return bind(host, port), address.is_loopback
    except OSError as error:
        raise HplanError(
            Message("cannot listen on {host}:{port}: {why}", host=host, port=port,
                    why=os_reason(error))
        ) from None  # fmt: skip


def bind(host: str, port: int) -> socket.socket:
    """The listening socket: `port` 0 takes a free one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen(128)
    return listener


def serve(
    settings: Settings,
    listener: socket.socket,
    *,
    open_browser: bool,
    say: Callable[[str], Any],
) -> None:
    """Answer requests until interrupted. `say` tells the person the address with its token."""
    from waitress.server import create_server

    host, port = listener.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{port}/?token={settings.guard.token}"
    server = create_server(
        create_app(settings), sockets=[listener], threads=THREADS, ident="hplan",
        clear_untrusted_proxy_headers=True, **LIMITS,
    )  # fmt: skip
    say(address)
    page = browser_page(address) if open_browser else None
    if page is not None:
        webbrowser.open(page.as_uri())
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        if page is not None:
            shutil.rmtree(page.parent, ignore_errors=True)


def browser_page(address: str) -> Path:
    """A page only this user can read that sends the browser on to `address` (issue 34, item
    2): the browser's command line, which `ps` shows every user, names this file, never the
    token. Removed when the server stops."""
    import html
    import os
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="hplan-serve-"))  # 0700
    page = folder / "open.html"
    target = html.escape(address, quote=True)
    descriptor = os.open(page, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(
            f'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" '
            f'content="0;url={target}"><title>hplan</title><a href="{target}">hplan</a>\n'
        )
    return page
