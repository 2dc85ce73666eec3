"""Where and how to send, and what happened to each message: plain data, so that a command
that only reads or checks the plan loads nothing of SMTP or TLS."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hplan.plan.results import Outcome

__all__ = ["DEFAULT_PORTS", "Outcome", "Security", "Server"]


class Security(StrEnum):
    """How the connection to the SMTP server is protected."""

    STARTTLS = "starttls"
    TLS = "tls"
    NONE = "none"


DEFAULT_PORTS = {Security.STARTTLS: 587, Security.TLS: 465, Security.NONE: 25}


@dataclass(frozen=True)
class Server:
    """Where and how to send."""

    host: str
    port: int | None = None
    security: Security = Security.STARTTLS
    user: str | None = None
    password: str | None = None
    cafile: str | None = None
    timeout: float = 30.0

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port or DEFAULT_PORTS[self.security]}"
