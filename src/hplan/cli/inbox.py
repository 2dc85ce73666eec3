"""Owners' answers by e-mail: `hplan inbox SOURCE` reads replies to the digest and records
them (a dry run unless --apply)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hplan.cli.mail import (
    ContactsOpt,
    SenderOpt,
    SentLogOpt,
    SmtpCafileOpt,
    SmtpHostOpt,
    SmtpPortOpt,
    SmtpSecurityOpt,
    SmtpTimeoutOpt,
    SmtpUserOpt,
)
from hplan.cli.options import FormatOpt
from hplan.cli.output import command_app, emit, is_terminal, read_secret
from hplan.render import Format

if TYPE_CHECKING:
    from hplan.api.session import Session

app = command_app()

REFUSED_EXIT = 9
"""The exit status when a reply, or a line of one, was refused (what could be read is
recorded): a scheduled job shows it, and the receipts tell the senders."""

SourceArg = Annotated[
    str,
    typer.Argument(
        metavar="SOURCE",
        help="A Maildir folder, an mbox file, a folder of .eml files, or "
        "imaps://USER@HOST[:PORT]/FOLDER.",
    ),
]
ApplyOpt = Annotated[bool, typer.Option("--apply", help="Write what the replies record.")]
CommitOpt = Annotated[
    bool, typer.Option("--commit", help="One git commit per reply, its sender the author.")
]
ReceiptsOpt = Annotated[
    bool, typer.Option("--receipts", help="Answer each sender once, over SMTP (--smtp-…).")
]
ImapSecurityOpt = Annotated[
    str | None,
    typer.Option(
        envvar="HPLAN_IMAP_SECURITY",
        metavar="tls|starttls",
        help="TLS (imaps://, 993) or STARTTLS (imap://, 143); never unencrypted.",
    ),
]
ImapCafileOpt = Annotated[
    Path | None,
    typer.Option(metavar="FILE", dir_okay=False, help="The organisation's own CA for IMAP."),
]
ImapMoveOpt = Annotated[
    str | None,
    typer.Option(
        metavar="FOLDER", help="Move each reply read there (else: flag it \\Seen, hplan-done)."
    ),
]
PasswordStdinOpt = Annotated[
    bool,
    typer.Option(
        "--password-stdin", help="Read the IMAP password from standard input (the first line)."
    ),
]


@app.command()
def inbox(
    ctx: typer.Context,
    source: SourceArg,
    apply: ApplyOpt = False,
    commit: CommitOpt = False,
    receipts: ReceiptsOpt = False,
    contacts: ContactsOpt = None,
    imap_security: ImapSecurityOpt = None,
    imap_cafile: ImapCafileOpt = None,
    imap_move: ImapMoveOpt = None,
    password_stdin: PasswordStdinOpt = False,
    sender: SenderOpt = None,
    smtp_host: SmtpHostOpt = None,
    smtp_port: SmtpPortOpt = None,
    smtp_security: SmtpSecurityOpt = "starttls",
    smtp_user: SmtpUserOpt = None,
    smtp_cafile: SmtpCafileOpt = None,
    smtp_timeout: SmtpTimeoutOpt = 30.0,
    sent_log: SentLogOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> int:
    """Record the owners' answers: replies to the digest, a line per activity.

    A line is an activity id, a status or an assessment, and a comment (7 klar Montern
    bemannad; 5 risk Lokalen är inte bokad). A reply counts only when it answers a digest
    hplan signed (HPLAN_SECRET) for the sender's address in the last five weeks; each is
    recorded once. Without --apply nothing is written: a table says what would be. The IMAP
    password comes from $HPLAN_IMAP_PASSWORD or --password-stdin; the SMTP password for
    receipts from $HPLAN_SMTP_PASSWORD. Exit 9 when something was refused.

    \b
    Examples:
      hplan inbox svar/                      (a Maildir, an mbox or .eml files)
      hplan inbox imaps://plan%40halsingerad.se@outlook.office365.com/INBOX
      hplan inbox imaps://plan@halsingerad.se@imap.kommun.se/Svar --apply --commit \\
        --receipts --from plan@halsingerad.se --smtp-host smtp.kommun.se
    """
    from hplan.api.inbox import Listen, Smtp, read_inbox

    session: Session = ctx.obj
    password = read_secret() if password_stdin else None
    asked = Listen(
        source=source,
        apply=apply,
        commit=commit,
        receipts=receipts,
        contacts=contacts,
        password=password,
        imap_security=imap_security,
        imap_cafile=imap_cafile,
        imap_move=imap_move,
        sender=sender,
        sent_log=sent_log,
        smtp=Smtp(smtp_host, smtp_port, smtp_security, smtp_user, None, smtp_cafile, smtp_timeout),
    )
    done = read_inbox(session, asked)
    _said(done, apply, session.language, fmt)
    return REFUSED_EXIT if done.refused else 0


def _said(done: object, applied: bool, language: str, fmt: Format) -> None:
    from hplan.api.inbox import Inbox
    from hplan.render import render
    from hplan.render.inbox import inbox_records, inbox_tables, nothing, receipts_text

    assert isinstance(done, Inbox)
    emit(
        render(
            fmt,
            tables=lambda: inbox_tables(done.replies, applied, language, done.addresses_shown),
            records=lambda: inbox_records(done.replies, language),
            terminal=is_terminal(),
            empty=nothing(language),
        )
    )
    if fmt is Format.TABLE:
        sys.stderr.write(receipts_text(done.replies, language, done.addresses_shown))
