"""Who may ask the web view, and the headers every answer carries.

A one-time token in the printed address, exchanged once for a cookie of its own (a second use
of the address is refused: another local user who read it cannot use it), a `Host` that names
the bound address (DNS rebinding), changes only by POST from the same origin with the form's
CSRF token, and a Content-Security-Policy without inline script.
"""

from __future__ import annotations

import hmac
import secrets
import threading
from dataclasses import dataclass, field
from typing import Any

COOKIE = "hplan_token"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
"""The report page is the file `hplan report` writes: its styles are inline, it has no script."""


LOOPBACK = "127.0.0.1"
"""The address `hplan serve` listens on unless told (localhost means it too)."""


@dataclass(frozen=True)
class Guard:
    """The server's secrets and the addresses it answers to."""

    hosts: frozenset[str]
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    session: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    """The cookie's secret: never in an address."""
    cookie: str = COOKIE
    """The cookie's name; with the port in it, two servers on one host keep theirs apart (a
    browser sends a host's cookies to every port: docs/web.md)."""
    _spent: list[bool] = field(default_factory=lambda: [False], compare=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    @classmethod
    def for_address(cls, host: str, port: int) -> Guard:
        names = {host, "localhost"} if host in ("127.0.0.1", "::1") else {host}
        shown = {f"[{n}]" if ":" in n else n for n in names}
        return cls(frozenset(f"{n}:{port}" for n in shown), cookie=f"{COOKIE}_{port}")

    def host_allowed(self, host: str | None) -> bool:
        return host is not None and host.lower() in self.hosts

    def exchange(self, given: str | None) -> bool:
        """The address's token, taken once: True the first time it is given right."""
        if given is None or not hmac.compare_digest(given.encode(), self.token.encode()):
            return False
        with self._lock:
            first, self._spent[0] = not self._spent[0], True
        return first

    def session_given(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.session.encode())

    def same_origin(self, origin: str | None, host: str) -> bool:
        """A change comes from a page of this server: its Origin names this server."""
        return origin is not None and origin.lower() == f"http://{host.lower()}"

    def csrf_given(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.csrf.encode())


def secure(headers: Any, report: bool = False, revalidated: bool = False) -> None:
    """The headers of every answer: no framing, no sniffing, no referrer to other sites, no
    caching (`revalidated`: a page with an ETag, kept by this browser only and asked again
    each time)."""
    headers["Content-Security-Policy"] = REPORT_CSP if report else CSP
    headers["X-Frame-Options"] = "DENY"
    headers["X-Content-Type-Options"] = "nosniff"
    # same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on a form
    # POST, and the same-origin check would refuse every change.
    headers["Referrer-Policy"] = "same-origin"
    headers["Cache-Control"] = "private, no-cache" if revalidated else "no-store"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
