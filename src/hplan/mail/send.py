"""Delivering digests over SMTP: one connection, one message at a time, each recorded in the
sent log; one refused address or a dropped connection does not stop the others.

`smtplib` with STARTTLS (port 587), implicit TLS (465) or, only when asked, none (a relay on
this machine); certificates verified against the system's CAs or an organisation's own.
"""

from __future__ import annotations

import base64
import hmac
import smtplib
import socket
import ssl
from collections.abc import Callable
from email.message import EmailMessage

from hplan.errors import Message, UsageError
from hplan.mail.exchange import Deadline, Watched, WatchedTLS
from hplan.mail.sent import SentLog
from hplan.mail.server import DEFAULT_PORTS, Outcome, Security, Server
from hplan.plan.results import Advance


class _Fatal(Exception):
    """Nothing more can be sent on this server: every message left is missed."""

    def __init__(self, reason: Message) -> None:
        self.reason = reason


def deliver(
    messages: list[EmailMessage],
    server: Server,
    log: SentLog,
    resend: bool = False,
    connect: Callable[[Server], smtplib.SMTP] | None = None,
    advance: Advance | None = None,
) -> list[Outcome]:
    """Send each message once; what the log says went out (or may have) is not sent again
    unless `resend`."""
    outcomes: list[Outcome] = []
    connection: smtplib.SMTP | None = None
    fatal: Message | None = None
    for number, message in enumerate(messages, 1):
        if advance is not None:
            advance(number, len(messages))
        to = message["To"].addresses[0]
        address, identifier, name = str(to.addr_spec), str(message["Message-ID"]), to.display_name
        earlier = log.state(identifier)
        if not resend and earlier in ("sent", "sending"):
            state = "skipped" if earlier == "sent" else "unknown"
            outcomes.append(Outcome(address, identifier, state, name=name))
            continue
        if fatal is not None:
            outcomes.append(Outcome(address, identifier, "missed", fatal, name))
            continue
        try:
            if connection is None:
                connection = (connect or _connect)(server)
            log.record(identifier, "sending", address)
            _send(connection, message, server.timeout)
        except _MayHaveGone as error:
            # The log keeps "sending": the next run does not send it again (--resend does).
            reason = _broken(server, error.cause)
            outcomes.append(Outcome(address, identifier, "unconfirmed", reason, name))
            _close(connection)
            connection = None
            continue
        except _Fatal as error:
            fatal = error.reason
            outcomes.append(Outcome(address, identifier, "missed", fatal, name))
            continue
        except smtplib.SMTPRecipientsRefused as error:
            log.record(identifier, "failed", address)
            code, said = next(iter(error.recipients.values()), (0, b""))
            reason = Message(
                "the server refused the address {address} ({code} {said})",
                address=address,
                code=code,
                said=_said(said),
            )
            outcomes.append(Outcome(address, identifier, "missed", reason, name))
            continue
        except (smtplib.SMTPException, OSError) as error:
            log.record(identifier, "failed", address)
            outcomes.append(Outcome(address, identifier, "missed", _broken(server, error), name))
            _close(connection)
            connection = None  # the next message tries a new connection
            continue
        log.record(identifier, "sent", address)
        outcomes.append(Outcome(address, identifier, "sent", name=name))
    _close(connection)
    return outcomes


class _MayHaveGone(Exception):
    """The message's data went out whole and the server then failed to confirm it."""

    def __init__(self, cause: BaseException) -> None:
        self.cause = cause


def _send(connection: smtplib.SMTP, message: EmailMessage, seconds: float) -> None:
    """One message, within `seconds` in all; _MayHaveGone when its data went out whole and no
    confirmation came back."""
    if isinstance(connection, Watched):
        connection.data_sent = False
    try:
        with Deadline(connection, seconds):
            connection.send_message(message)
    except (smtplib.SMTPServerDisconnected, OSError) as error:
        if getattr(connection, "data_sent", False):
            raise _MayHaveGone(error) from None
        raise


def _connect(server: Server) -> smtplib.SMTP:
    """A connection, protected and logged in as the server asks, within the timeout in all;
    _Fatal if none can be had."""
    port = server.port or DEFAULT_PORTS[server.security]
    context = ssl.create_default_context(cafile=server.cafile)
    connection: smtplib.SMTP
    if server.security == Security.TLS:
        connection = WatchedTLS(timeout=server.timeout, context=context)
    else:
        connection = Watched(timeout=server.timeout)
    try:
        with Deadline(connection, server.timeout):
            _open(connection, server, port, context)
    except TimeoutError as error:  # the deadline cut the exchange: no server to send to
        connection.close()
        raise _Fatal(_broken(server, error)) from None
    except (_Fatal, UsageError):
        connection.close()
        raise
    return connection


def _open(connection: smtplib.SMTP, server: Server, port: int, context: ssl.SSLContext) -> None:
    try:
        connection.connect(server.host or "", port)
        if server.security == Security.STARTTLS:
            connection.starttls(context=context)
        if server.user:
            if server.password is None:
                raise UsageError(
                    "smtp_password",
                    Message("no password for {user}: set HPLAN_SMTP_PASSWORD", user=server.user),
                )
            _login(connection, server.user, server.password, server.address)
    except smtplib.SMTPAuthenticationError:
        raise _Fatal(
            Message(
                "wrong password for the SMTP user {user} at {server}",
                user=server.user,
                server=server.address,
            )
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise _Fatal(
            Message("{server} does not offer STARTTLS; hplan sends nothing unprotected "
                    "unless told (--smtp-security none)", server=server.address)
        ) from None  # fmt: skip
    except ssl.SSLCertVerificationError as error:
        raise _Fatal(
            Message(
                "the certificate of {server} cannot be trusted ({reason}); give the "
                "organisation's CA with --smtp-cafile",
                server=server.address,
                reason=error.verify_message,
            )
        ) from None
    except (smtplib.SMTPException, OSError) as error:
        raise _Fatal(_broken(server, error)) from None


def _login(connection: smtplib.SMTP, user: str, password: str, address: str) -> None:
    """Log in with AUTH PLAIN or LOGIN in UTF-8 (RFC 4616), as smtplib's own `login` does
    not: it encodes as ASCII, and a password with å, ä or ö would stop it."""
    connection.ehlo_or_helo_if_needed()
    if not connection.has_extn("auth"):
        raise _Fatal(
            Message("{server} offers no login (AUTH): leave out --smtp-user (HPLAN_SMTP_USER) "
                    "if it takes mail without one", server=address)
        )  # fmt: skip
    offered = connection.esmtp_features.get("auth", "").upper().split()
    if "PLAIN" in offered:
        token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
        code, said = connection.docmd("AUTH", f"PLAIN {token}")
    elif "LOGIN" in offered:
        code, said = connection.docmd("AUTH", "LOGIN")
        if code == 334:
            code, said = connection.docmd(base64.b64encode(user.encode()).decode("ascii"))
        if code == 334:
            code, said = connection.docmd(base64.b64encode(password.encode()).decode("ascii"))
    elif "CRAM-MD5" in offered:  # smtplib's own takes the password as ASCII only
        code, said = connection.docmd("AUTH", "CRAM-MD5")
        if code == 334:
            challenge = base64.b64decode(said)
            answer = hmac.new(password.encode(), challenge, "md5").hexdigest()
            code, said = connection.docmd(
                base64.b64encode(f"{user} {answer}".encode()).decode("ascii")
            )
    else:
        try:
            connection.login(user, password)
        except (UnicodeError, ValueError):  # its words would carry the password: never said
            raise smtplib.SMTPAuthenticationError(
                0, b"no login this server offers takes the password as written"
            ) from None
        return
    if code == 235:
        return
    raise smtplib.SMTPAuthenticationError(code, said)


def _broken(server: Server, error: BaseException) -> Message:
    timed_out = isinstance(error, socket.timeout | TimeoutError) or "timed out" in str(error)
    if timed_out:
        return Message(
            "{server} did not answer within {seconds:g} s",
            server=server.address,
            seconds=server.timeout,
        )
    if isinstance(error, smtplib.SMTPServerDisconnected | ConnectionError):
        return Message("{server} closed the connection", server=server.address)
    if isinstance(error, smtplib.SMTPResponseException):
        return Message(
            "{server} said {code} {said}",
            server=server.address,
            code=error.smtp_code,
            said=_said(error.smtp_error),
        )
    return Message("cannot reach {server}: {reason}", server=server.address, reason=str(error))


def _said(said: bytes | str) -> str:
    text = said.decode("utf-8", "replace") if isinstance(said, bytes) else said
    return " ".join(text.split())


def _close(connection: smtplib.SMTP | None) -> None:
    if connection is not None:
        try:
            connection.quit()
        except (smtplib.SMTPException, OSError):
            connection.close()
