"""The digest through a session: who is told what, as messages, written as .eml files or sent
once over SMTP (hplan.mail), with every check made before the first message goes out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hplan.errors import HplanError, Message, UsageError, WriteRefused
from hplan.mail.sent import SENT_LOG_NAME
from hplan.mail.server import Outcome, Security, Server
from hplan.plan.results import Advance
from hplan.queries.digest import Digest, Digests, Windows

if TYPE_CHECKING:
    from email.message import EmailMessage

    from hplan.api.session import Session

__all__ = [
    "SENT_LOG_NAME", "Asked", "Delivered", "Digest", "Digests", "Outcome", "Security", "Server",
    "Smtp", "Windows", "deliver",
]  # fmt: skip

SECRET_VARIABLE = "HPLAN_SECRET"
"""The environment variable with the secret that signs the digest's Message-IDs, so that
`hplan inbox` knows a reply to one (api/inbox.py)."""
SHORTEST_SECRET = 16
PASSWORD_VARIABLE = "HPLAN_SMTP_PASSWORD"
"""The environment variable that holds the SMTP password (never an argument)."""


@dataclass(frozen=True)
class Smtp:
    """Where and how to send, as a person gives it (`security` as typed; the password given,
    else $HPLAN_SMTP_PASSWORD)."""

    host: str | None = None
    port: int | None = None
    security: str = "starttls"
    user: str | None = None
    password: str | None = None
    cafile: Path | None = None
    timeout: float = 30.0


@dataclass(frozen=True)
class Asked:
    """What the digest is asked to do: without `out` or `send`, only to say who would get
    what (a dry run)."""

    send: bool = False
    out: Path | None = None
    always: bool = False
    resend: bool = False
    contacts: Path | None = None
    sender: str | None = None
    base_url: str | None = None
    windows: Windows = field(default_factory=Windows)
    smtp: Smtp = field(default_factory=Smtp)
    sent_log: Path | None = None
    advance: Advance | None = None
    """Told each message sent (a front door's progress)."""


@dataclass(frozen=True)
class Delivered:
    """What the digest did: the digests, the files written, what happened to each message
    sent (None when nothing was to be sent)."""

    digests: Digests
    written: list[Path]
    outcomes: list[Outcome] | None
    warnings: list[Message] = field(default_factory=list)
    addresses_shown: bool = True
    """False in CI (or with HPLAN_HIDE_ADDRESSES): what is said names people, not addresses."""

    @property
    def missed(self) -> int:
        """Messages that did not go, or may not have (a person should look)."""
        return sum(1 for o in self.outcomes or () if o.state in ("missed", "unconfirmed"))


def deliver(session: Session, asked: Asked) -> Delivered:
    """The digest as asked, every check made before the first message goes out: the digests
    (a dry run), else their messages written to `out` and/or sent once over SMTP."""
    security = smtp_security(asked.smtp.security)
    base_url = checked_base_url(asked.base_url)
    digests = build(session, asked.windows, asked.always, asked.contacts)
    warnings = exposures(session, asked)
    shown = addresses_shown(session.environ)
    if not (asked.send or asked.out):
        return Delivered(digests, [], None, warnings, shown)
    if asked.sender is None:
        raise UsageError("from", Message("give the sender's address (or HPLAN_SMTP_FROM)"))
    server = server_for(asked.smtp, security, session) if asked.send else None
    outgoing = messages(session, digests, asked.sender, base_url)
    written = write_files(outgoing, asked.out) if asked.out is not None else []
    outcomes = None
    if server is not None:
        letters = [item.message for item in outgoing]
        outcomes = send(session, letters, server, asked.sent_log, asked.resend, asked.advance)
    return Delivered(digests, written, outcomes, warnings, shown)


def addresses_shown(environ: Any) -> bool:
    """The one rule for whether what hplan says of a send names addresses: not in CI (a
    public repository's job log is public; GitHub and GitLab set CI=true), nor when
    HPLAN_HIDE_ADDRESSES is set (issue 34, item 6)."""
    hidden = str(environ.get(HIDE_ADDRESSES_VARIABLE, "")).lower() not in ("", "0", "false")
    return not hidden and str(environ.get("CI", "")).lower() not in ("true", "1")


def sent_log_path(session: Session) -> Path:
    """The sent log beside the plan (`--sent-log` names another)."""
    return session.path.with_name(SENT_LOG_NAME)


HIDE_ADDRESSES_VARIABLE = "HPLAN_HIDE_ADDRESSES"


def exposures(session: Session, asked: Asked) -> list[Message]:
    """Once a run: the files of addresses (the contacts file, the sent log) that a `git add
    -A` would commit, or that a repository on a public host holds."""
    from hplan.store.exposure import exposed

    paths = [session.contacts_path(asked.contacts), asked.sent_log or sent_log_path(session)]
    return [said for path in paths if path is not None and (said := exposed(path))]


def smtp_security(given: str) -> Security:
    try:
        return Security(given)
    except ValueError:
        raise UsageError(
            "smtp_security", Message("starttls, tls or none, not '{given}'", given=given)
        ) from None


def answer_secret(environ: Any, needed: bool) -> str | None:
    """The secret that signs the digest (HPLAN_SECRET): None when unset and not `needed`."""
    secret = str(environ.get(SECRET_VARIABLE, "") or "")
    if not secret:
        if not needed:
            return None
        raise UsageError(SECRET_VARIABLE, Message(
            "set it to the secret the digest was sent with: a reply is read only when it "
            "answers a digest signed with it"))  # fmt: skip
    if len(secret) < SHORTEST_SECRET:
        make = "python -c 'import secrets; print(secrets.token_urlsafe())'"
        raise UsageError(SECRET_VARIABLE, Message(
            "shorter than {count} characters; make one with `{make}`", count=SHORTEST_SECRET,
            make=make))  # fmt: skip
    return secret


def server_for(smtp: Smtp, security: Security, session: Session) -> Server:
    """The SMTP server as given, checked: a host is named, and a password goes unencrypted
    (--smtp-security none) only to a relay on this machine."""
    if not smtp.host:
        raise UsageError("smtp_host", Message("give the SMTP server (or HPLAN_SMTP_HOST)"))
    if security is Security.NONE and smtp.user and not _loopback(smtp.host):
        raise UsageError("smtp_security", Message(
            "--smtp-security none would send the password for {user} unencrypted to {host}; "
            "hplan does that only to a relay on this machine. Use starttls or tls",
            user=smtp.user, host=smtp.host))  # fmt: skip
    password = smtp.password or session.environ.get(PASSWORD_VARIABLE) or None
    cafile = str(smtp.cafile) if smtp.cafile else None
    return Server(smtp.host, smtp.port, security, smtp.user, password, cafile, smtp.timeout)


def _loopback(host: str) -> bool:
    """True for this machine: localhost or a loopback address (127.0.0.0/8, ::1)."""
    import ipaddress

    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def checked_base_url(base_url: str | None) -> str | None:
    """Where the published report is: an http(s) address, or refused in words (a link in
    every message must not run anything: javascript:, data:)."""
    from urllib.parse import urlsplit

    if base_url is None or not base_url.strip():
        return None
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError("base_url", Message(
            "'{url}' is no web address; give the published report's http:// or https:// "
            "address", url=base_url))  # fmt: skip
    return base_url.strip()


@dataclass(frozen=True)
class Outgoing:
    """One digest as the message that carries it."""

    digest: Digest
    message: EmailMessage


def build(
    session: Session,
    windows: Windows | None = None,
    always: bool = False,
    contacts: Path | None = None,
) -> Digests:
    """Each owner's digest as of the session's day, with what changed in the last week where
    the plan's git history can be read."""
    from hplan.queries.digest import build_digests

    plan = session.plan_with_contacts(contacts)
    try:
        changed = session.changes((session.today - timedelta(days=7)).isoformat())
    except HplanError:
        changed = None  # no history here (not in git, git missing): said without it
    return build_digests(plan, session.today, windows, changed, always)


def messages(
    session: Session, digests: Digests, sender: str, base_url: str | None = None
) -> list[Outgoing]:
    """The message for each recipient, in the session's language."""
    from hplan.mail.message import Letter, compose, message_id, read_sender, signed_id
    from hplan.plan.rules import email_problem
    from hplan.render import digest as words

    parsed = read_sender(sender)  # once, for the check, the Message-IDs and From
    if problem := email_problem(parsed.address):
        raise UsageError("from", problem)
    # Signed, a digest can be answered by e-mail (hplan inbox), and says how.
    secret = answer_secret(session.environ, needed=False)
    language = session.language
    now = datetime.now().astimezone()
    out = []
    for digest in digests.digests:
        assert digest.address is not None
        letter = Letter(
            digest.owner.name,
            digest.address,
            words.subject(digests, digest, language),
            words.text_body(digests, digest, language, base_url, secret is not None),
            words.html_body(digests, digest, language, base_url, secret is not None),
        )
        day, title = digests.today, digests.plan.title
        identifier = (
            signed_id(secret, digest.address, digest.owner.name, title, day, parsed.domain)
            if secret is not None
            else message_id(digest.address, digest.owner.name, title, day, parsed.domain)
        )
        out.append(Outgoing(digest, compose(letter, parsed, now, identifier)))
    return out


def write_files(outgoing: list[Outgoing], folder: Path) -> list[Path]:
    """One .eml file per message in `folder`: every file checked before the first is written
    (a refusal writes none), each written whole or not at all."""
    from hplan.api.files import write_file
    from hplan.store.atomic import check_export_target

    if folder.exists() and not folder.is_dir():
        raise UsageError("out", Message("{folder} is not a folder", folder=folder))
    paths: list[Path] = []
    taken: set[str] = set()
    for item in outgoing:
        assert item.digest.address is not None
        # Names that cannot collide: a+b@ and a_b@ read alike once made safe, and a person
        # and a role may share one mailbox; each message gets a file of its own.
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", item.digest.address)
        name, n = f"{stem}.eml", 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem}-{n}.eml"
        taken.add(name.casefold())
        paths.append(folder / name)
    for path in paths:
        try:
            check_export_target(path, None)
        except WriteRefused:
            raise WriteRefused(Message(
                "{path} is there and hplan did not write it; nothing was written. Move it "
                "away, or give --out another folder", path=path)) from None  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for item, path in zip(outgoing, paths, strict=True):
        write_file(path, bytes(item.message))
        written.append(path)
    return written


def send(
    session: Session,
    messages: list[EmailMessage],
    server: Server,
    sent_log: Path | None = None,
    resend: bool = False,
    advance: Advance | None = None,
) -> list[Outcome]:
    """Send each message once over SMTP (the digests, the receipts of `hplan inbox`); the
    sent log (beside the plan unless given) keeps what went out, so that a rerun sends
    nothing twice. `advance` is told each message."""
    from hplan.mail.send import deliver
    from hplan.mail.sent import SentLog, held

    path = sent_log or sent_log_path(session)
    with held(path):  # one send run at a time; the log read once the lock is ours
        log = SentLog.open(path)
        return deliver(messages, server, log, resend, advance=advance)
