"""The digest through a session: who is told what, as messages, written as .eml files or sent
once over SMTP (hplan.mail), with every check made before the first message goes out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from hplan.errors import HplanError, Message, UsageError
from hplan.mail.sent import SENT_LOG_NAME
from hplan.mail.server import Outcome, Security, Server
from hplan.queries.digest import Digest, Digests, Windows

if TYPE_CHECKING:
    from email.message import EmailMessage

    from hplan.api.session import Session

__all__ = ["SENT_LOG_NAME", "Digest", "Digests", "Outcome", "Security", "Server", "Windows"]


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
    from hplan.mail.message import Letter, compose, domain_of, message_id
    from hplan.plan.rules import email_problem
    from hplan.render import digest as words

    if problem := email_problem(_bare(sender)):
        raise UsageError("from", problem)
    language = session.language
    now = datetime.now().astimezone()
    out = []
    for digest in digests.digests:
        assert digest.address is not None
        letter = Letter(
            digest.owner.name,
            digest.address,
            words.subject(digests, digest, language),
            words.text_body(digests, digest, language, base_url),
            words.html_body(digests, digest, language, base_url),
        )
        identifier = message_id(
            digest.address, digests.plan.title, digests.today, domain_of(sender)
        )
        out.append(Outgoing(digest, compose(letter, sender, now, identifier)))
    return out


def write_files(outgoing: list[Outgoing], folder: Path) -> list[Path]:
    """One .eml file per message in `folder`, each written whole or not at all."""
    from hplan.api.files import write_file

    if folder.exists() and not folder.is_dir():
        raise UsageError("out", Message("{folder} is not a folder", folder=folder))
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for item in outgoing:
        assert item.digest.address is not None
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", item.digest.address) + ".eml"
        path = folder / name
        write_file(path, bytes(item.message))
        written.append(path)
    return written


def send(
    session: Session,
    outgoing: list[Outgoing],
    server: Server,
    sent_log: Path | None = None,
    resend: bool = False,
) -> list[Outcome]:
    """Send each message once over SMTP; the sent log (beside the plan unless given) keeps
    what went out, so that a rerun in the same week sends nothing twice."""
    from hplan.mail.send import deliver
    from hplan.mail.sent import SentLog

    log = SentLog.open(sent_log or session.path.with_name(SENT_LOG_NAME))
    return deliver([item.message for item in outgoing], server, log, resend)


def _bare(sender: str) -> str:
    from email.utils import parseaddr

    return parseaddr(sender)[1] or sender
