"""Owners' answers by e-mail (`hplan inbox`): replies to the digest read from a mailbox, each
checked (it answers a digest hplan signed for its sender's address, recently, and was not
recorded before), each line recorded or refused on its own, everything written through the
change pipeline, receipts sent once, IMAP messages marked only once the plan is written.

A reply is recorded once: its Message-ID goes into the plan with what it wrote (a note's or
an answer's `via`), in the same atomic write; a reply whose Message-ID the plan has is never
recorded again, whatever a crash left unmarked in the mailbox.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hplan.api.digest import Smtp, addresses_shown, answer_secret
from hplan.errors import HplanError, Message, UsageError
from hplan.queries.replies import Mail, ReplyLine, ReplyRead, ReplyState

if TYPE_CHECKING:
    from hplan.api.session import Session
    from hplan.mail.mailbox import Item, Mailbox
    from hplan.mail.replies import Reply
    from hplan.plan.model import Activity, Followup, Plan

__all__ = [
    "ANSWER_DAYS",
    "Inbox",
    "Listen",
    "ReplyLine",
    "ReplyRead",
    "ReplyState",
    "Smtp",
    "answer_secret",
    "read_inbox",
]

ANSWER_DAYS = 35
"""A reply is read up to this many days after the Monday of the week of the digest it
answers (five weeks: a digest answered after a holiday still counts; last spring's does not)."""
IMAP_PASSWORD_VARIABLE = "HPLAN_IMAP_PASSWORD"
IMAP_TOKEN_VARIABLE = "HPLAN_IMAP_TOKEN"
"""An OAuth 2.0 access token for the mailbox (Microsoft 365), instead of a password."""


@dataclass(frozen=True)
class Listen:
    """What `hplan inbox` is asked to do: without `apply`, only to say what it would record."""

    source: str
    apply: bool = False
    commit: bool = False
    receipts: bool = False
    contacts: Path | None = None
    password: str | None = None
    imap_security: str | None = None
    imap_cafile: Path | None = None
    imap_move: str | None = None
    sender: str | None = None
    smtp: Smtp = field(default_factory=Smtp)
    sent_log: Path | None = None


@dataclass
class Inbox:
    """Every message read, and what became of it; `written`: the plan was written."""

    replies: list[ReplyRead]
    written: bool = False
    addresses_shown: bool = True
    """False in CI (api/digest.addresses_shown): what is said names people, not addresses."""

    @property
    def refused(self) -> bool:
        """True when a reply, or a line of one, was refused (exit 9)."""
        return any(r.state is ReplyState.REFUSED or r.refused_lines for r in self.replies)


def read_inbox(session: Session, asked: Listen) -> Inbox:
    """Read the mailbox, decide each reply, and with `apply` write what may be recorded,
    send the receipts and mark the IMAP messages; every check before the first write."""
    from hplan.api.digest import server_for, smtp_security
    from hplan.queries.followups import current_round
    from hplan.queries.replies import recorded_replies

    _installed()
    secret = answer_secret(session.environ, needed=True)
    assert secret is not None
    if (asked.receipts or asked.commit) and not asked.apply:
        raise UsageError(
            "apply", Message("--commit and --receipts act on what --apply writes; give --apply too")
        )
    server = None
    if asked.receipts:
        if asked.sender is None:
            raise UsageError("from", Message("give the receipts' sender (or HPLAN_SMTP_FROM)"))
        server = server_for(asked.smtp, smtp_security(asked.smtp.security), session)
    if asked.commit:
        from hplan.api.files import check_committable

        check_committable(session.path)
    plan = session.plan_with_contacts(asked.contacts)
    today = session.today
    box = _open(session, asked)
    try:
        items = _fetched(box)
        decided = _decide_all(
            items, plan, secret, today, current_round(plan, today), recorded_replies(plan)
        )
        inbox = Inbox(
            [read for read, _ in decided], addresses_shown=addresses_shown(session.environ)
        )
        if not asked.apply:
            return inbox
        inbox.written = _write(session, decided, asked.commit)
        if server is not None:
            _receipts(session, inbox, asked, server)
        _mark(box, inbox)
    finally:
        box.close()
    return inbox


def _installed() -> None:
    """Nothing when hplan inbox's libraries are installed; else how to install them."""
    from hplan.origin import needs

    needs("inbox", ("mailparser_reply", "imapclient"), "hplan inbox")


def _open(session: Session, asked: Listen) -> Mailbox:
    from hplan.mail.mailbox import imap_address, is_imap, open_imap, open_local

    if not is_imap(asked.source):
        return open_local(Path(asked.source))
    password = asked.password or session.environ.get(IMAP_PASSWORD_VARIABLE) or ""
    token = None if asked.password else session.environ.get(IMAP_TOKEN_VARIABLE) or None
    if not (password or token):
        raise UsageError("password_stdin", Message(
            "give the IMAP password in HPLAN_IMAP_PASSWORD or with --password-stdin, or an "
            "OAuth access token in HPLAN_IMAP_TOKEN"))  # fmt: skip
    cafile = str(asked.imap_cafile) if asked.imap_cafile else None
    box = imap_address(
        asked.source, password, asked.imap_security, cafile, asked.imap_move, token=token
    )
    return open_imap(box, write=asked.apply)


def _fetched(box: Mailbox) -> list[tuple[Item, Reply]]:
    """Every message, read, oldest first (by its Date; the mailbox's order otherwise)."""
    from hplan.mail.replies import read_reply

    read = [(item, read_reply(item.raw)) for item in box.items()]
    return sorted(read, key=lambda pair: pair[1].date.timestamp() if pair[1].date else 0.0)


def _decide_all(
    items: list[tuple[Item, Reply]],
    plan: Plan,
    secret: str,
    today: date,
    followup: Followup | None,
    recorded: set[str],
) -> list[tuple[ReplyRead, list[Any]]]:
    activities = {a.id: a for a in plan.activities}
    seen = set(recorded)
    decided = []
    for item, reply in items:
        read, changes = _decide(item.key, reply, plan, secret, today, followup, seen, activities)
        if read.state is ReplyState.RECORDED:
            seen.add(reply.message_id)
        decided.append((read, changes))
    return decided


def _decide(
    key: str,
    reply: Reply,
    plan: Plan,
    secret: str,
    today: date,
    followup: Followup | None,
    seen: set[str],
    activities: dict[str, Activity],
) -> tuple[ReplyRead, list[Any]]:
    """One reply: refused whole, ignored, recorded earlier, or its lines judged and their
    changes made in memory on `activities` (so a later line sees an earlier one)."""
    from hplan.mail.message import signed_week
    from hplan.plan.replies import read_lines
    from hplan.queries.replies import answer_window, judge_lines, senders

    mail = Mail(reply.message_id, reply.name, reply.address, reply.date, reply.subject)
    read = ReplyRead(key, mail, ReplyState.REFUSED)
    if reply.automatic:
        read.state, read.reason = ReplyState.IGNORED, Message("an automatic answer; not read")
        return read, []
    owners = senders(plan, reply.address)
    names = [o.name for o in owners]
    checked = (signed_week(i, secret, reply.address, names, plan.title) for i in reply.answers)
    signed = next((s for s in checked if s is not None), None)
    if reply.forged:
        read.reason = Message(
            "the mail server that took it found the sender's address forged (DMARC failed); "
            "nothing was read"
        )
    elif not owners:
        read.reason = Message(
            "no owner of the plan has the address {address}; nothing was read",
            address=reply.address or "-",
        )
    elif signed is None:
        read.reason = Message(
            "it answers no digest hplan sent to {address} for this plan; nothing was read",
            address=reply.address,
        )
    elif not reply.message_id:
        read.reason = Message("it has no Message-ID, so it could not be recorded only once")
    else:
        monday, read.owner = signed
        read.reason = answer_window(monday, today, ANSWER_DAYS)
    if read.reason is not None:
        return read, []
    if reply.message_id in seen:
        read.state = ReplyState.EARLIER
        return read, []
    read.lines = judge_lines(plan, activities, names, read_lines(reply.text), followup)
    if not read.lines:
        read.reason = Message(
            "it has no line to read; write an activity id, a status or an "
            "assessment, and a comment (7 done Staffed both days)"
        )
        return read, []
    changes = []
    for number, line in enumerate(read.lines):
        if line.reason is not None or line.activity_id is None:
            continue
        try:
            change = _change(line, reply.message_id)
            activities[line.activity_id] = change.made(activities[line.activity_id], plan, today)
        except HplanError as error:
            read.lines[number] = line._replace(reason=error.message)
            continue
        changes.append(change)
    read.state = ReplyState.RECORDED if changes else ReplyState.REFUSED
    return read, changes


def _change(line: ReplyLine, via: str) -> Any:
    """The change a line asks for, by whom `judge_lines` found may answer for it."""
    from hplan.api.changes import SetStatus, typed_text
    from hplan.api.rounds import Assess

    assert line.activity_id is not None
    comment = typed_text(line.comment, Message("the comment")) if line.comment else ""
    if line.status is not None:
        # A status without a comment is noted in the owner's word: the note carries `via`.
        return SetStatus(line.activity_id, line.status, comment or line.said, line.by, via)
    assert line.assessment is not None
    return Assess(line.activity_id, line.assessment, comment or None, None, line.by, via)


def _write(session: Session, decided: list[tuple[ReplyRead, list[Any]]], commit: bool) -> bool:
    """Everything recorded in one write (one lock); with `commit`, a write and a commit per
    reply, authored by its sender."""
    with_changes = [(read, changes) for read, changes in decided if changes]
    if not with_changes:
        return False
    if not commit:
        return session.change([c for _, changes in with_changes for c in changes]).written
    written = False
    for read, changes in with_changes:
        author = f"{read.owner} <{read.mail.address}>"
        written = session.change(changes, commit=True, author=author).written or written
    return written


def _receipts(session: Session, inbox: Inbox, asked: Listen, server: Any) -> None:
    """One receipt to each verified sender, once (the sent log keeps its Message-ID)."""
    from datetime import datetime

    from hplan.api.digest import send
    from hplan.mail.message import Letter, compose, read_sender, receipt_id
    from hplan.render.inbox import receipt_subject, receipt_text

    assert asked.sender is not None
    sender = read_sender(asked.sender)
    now = datetime.now().astimezone()
    due = [
        r
        for r in inbox.replies
        if r.owner
        and r.mail.message_id
        and r.state in (ReplyState.RECORDED, ReplyState.REFUSED, ReplyState.EARLIER)
    ]
    messages = []
    for read in due:
        letter = Letter(
            read.owner or "",
            read.mail.address,
            receipt_subject(read.mail.subject),
            receipt_text(read, session.plan, session.language),
            "",
        )
        identifier = receipt_id(read.mail.message_id, sender.domain)
        messages.append(compose(letter, sender, now, identifier, read.mail.message_id))
    outcomes = send(session, messages, server, asked.sent_log)
    for read, outcome in zip(due, outcomes, strict=True):
        earlier = outcome.state in ("skipped", "unknown")  # the sent log has it: never twice
        read.receipt = "earlier" if earlier else outcome.state


def _mark(box: Mailbox, inbox: Inbox) -> None:
    """Mark the messages read and answered (IMAP), but not one whose receipt did not go: the
    next run sends it (and records nothing twice)."""
    done = [r.key for r in inbox.replies if r.receipt != "missed"]
    try:
        box.done(done)
    except HplanError as error:  # the plan is written; say what was not marked
        raise HplanError(
            Message(
                "the plan is written, but the mailbox could not mark the messages read: {error}. "
                "The next run records nothing twice.",
                error=error.message,
            )
        ) from None
