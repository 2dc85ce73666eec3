"""Serving the web view: bind, say where, open the browser, stop cleanly on Ctrl-C."""

from __future__ import annotations

import socket
import webbrowser
from collections.abc import Callable
from typing import Any

from hplan.web.app import Settings, create_app

THREADS = 16
"""Requests answered at once; more wait in waitress's queue (50 readers are all served)."""


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
        clear_untrusted_proxy_headers=True,
    )  # fmt: skip
    say(address)
    if open_browser:
        webbrowser.open(address)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
