"""The digest: each owner told by e-mail what is theirs (a dry run unless --out or --send)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hplan.cli.options import FormatOpt
from hplan.cli.output import command_app, emit, is_terminal, read_secret
from hplan.render import Format

if TYPE_CHECKING:
    from hplan.api.digest import Delivered, Digests
    from hplan.api.session import Session

app = command_app()

SMTP = "SMTP (with --send)"


SendOpt = Annotated[bool, typer.Option("--send", help="Send the messages over SMTP.")]
OutOpt = Annotated[
    Path | None,
    typer.Option(metavar="DIR", file_okay=False, help="Write one .eml file per person here."),
]
AlwaysOpt = Annotated[
    bool, typer.Option("--always", help="A message also to those with nothing due.")
]
ResendOpt = Annotated[
    bool, typer.Option("--resend", help="Send again what went out earlier this week.")
]
ContactsOpt = Annotated[
    Path | None,
    typer.Option(
        metavar="FILE",
        dir_okay=False,
        help="Owners' addresses (default: $HPLAN_CONTACTS, else contacts.yaml beside the plan).",
    ),
]
SenderOpt = Annotated[
    str | None,
    typer.Option(
        "--from", envvar="HPLAN_SMTP_FROM", metavar="ADDRESS", help="The sender's address."
    ),
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(envvar="HPLAN_BASE_URL", metavar="URL", help="Where the published report is."),
]
PeriodDaysOpt = Annotated[
    int,
    typer.Option(min=0, max=366, metavar="DAYS", help="Days ahead for a period (Juni)."),
]
DayDaysOpt = Annotated[
    int, typer.Option(min=0, max=366, metavar="DAYS", help="Days ahead for a day (25 maj).")
]
QuietDaysOpt = Annotated[
    int,
    typer.Option(min=1, max=3660, metavar="DAYS", help="Days without a word that are long."),
]
SmtpHostOpt = Annotated[
    str | None, typer.Option(envvar="HPLAN_SMTP_HOST", metavar="HOST", help=SMTP)
]
SmtpPortOpt = Annotated[
    int | None,
    typer.Option(envvar="HPLAN_SMTP_PORT", min=1, max=65535, metavar="PORT", help=SMTP),
]
SmtpSecurityOpt = Annotated[
    str,
    typer.Option(
        envvar="HPLAN_SMTP_SECURITY",
        metavar="starttls|tls|none",
        help="STARTTLS (587), implicit TLS (465), or none: only for a relay on this machine.",
    ),
]
SmtpUserOpt = Annotated[
    str | None, typer.Option(envvar="HPLAN_SMTP_USER", metavar="USER", help=SMTP)
]
SmtpCafileOpt = Annotated[
    Path | None,
    typer.Option(metavar="FILE", dir_okay=False, help="The organisation's own CA."),
]
SmtpTimeoutOpt = Annotated[
    float, typer.Option(min=1, max=600, metavar="SECONDS", help="How long to wait.")
]
PasswordStdinOpt = Annotated[
    bool,
    typer.Option("--password-stdin", help="Read the SMTP password from standard input."),
]
SentLogOpt = Annotated[
    Path | None,
    typer.Option(
        metavar="FILE", dir_okay=False, help="What went out (default: .hplan-sent.jsonl)."
    ),
]


@app.command()
def digest(
    ctx: typer.Context,
    send: SendOpt = False,
    out: OutOpt = None,
    always: AlwaysOpt = False,
    resend: ResendOpt = False,
    contacts: ContactsOpt = None,
    sender: SenderOpt = None,
    base_url: BaseUrlOpt = None,
    period_days: PeriodDaysOpt = 28,
    day_days: DayDaysOpt = 7,
    quiet_days: QuietDaysOpt = 60,
    smtp_host: SmtpHostOpt = None,
    smtp_port: SmtpPortOpt = None,
    smtp_security: SmtpSecurityOpt = "starttls",
    smtp_user: SmtpUserOpt = None,
    smtp_cafile: SmtpCafileOpt = None,
    smtp_timeout: SmtpTimeoutOpt = 30.0,
    password_stdin: PasswordStdinOpt = False,
    sent_log: SentLogOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> int:
    """Tell each owner by e-mail what is theirs: overdue, coming due, quiet for long.

    Without --out or --send nothing is sent: a table says who would get what. The password
    comes from $HPLAN_SMTP_PASSWORD or, with --password-stdin, standard input; never an
    argument. A rerun in the same week sends nothing twice.

    \b
    Examples:
      hplan digest
      hplan digest --out utskick/ --from 'Hälsingerådet <plan@halsingerad.se>'
      HPLAN_SMTP_PASSWORD=… hplan digest --send --smtp-host smtp.kommun.se \\
        --smtp-user plan@halsingerad.se --from plan@halsingerad.se
    """
    from hplan.api.digest import Asked, Smtp, Windows, deliver
    from hplan.cli.progress import saying
    from hplan.errors import Message

    session: Session = ctx.obj
    with saying(Message("Sending the digest"), session.language, send) as advance:
        asked = Asked(
            send=send, out=out, always=always, resend=resend, contacts=contacts, sender=sender,
            base_url=base_url, sent_log=sent_log,
            windows=Windows(period=period_days, day=day_days, quiet=quiet_days),
            smtp=Smtp(smtp_host, smtp_port, smtp_security, smtp_user,
                      read_secret() if password_stdin and send else None,
                      smtp_cafile, smtp_timeout),
            advance=advance,
        )  # fmt: skip
        delivered = deliver(session, asked)
    return _said(delivered, session.language, out, fmt)


def _said(done: Delivered, language: str, out: Path | None, fmt: Format) -> int:
    """What the digest did: who would get what (a dry run), the files written, what happened
    to each message; the exit code says whether a message did not go."""
    from hplan.cli.output import warning
    from hplan.errors import Message
    from hplan.render import digest as words
    from hplan.render import render
    from hplan.render.i18n import say

    for said in done.warnings:
        warning(say(Message("warning: {said}", said=said), language))
    if out is None and done.outcomes is None:
        table = words.digest_table(done.digests, language)
        emit(render(fmt, tables=lambda: table, records=lambda: _records(done.digests),
                    terminal=is_terminal(), empty=words.nobody(language)))  # fmt: skip
    if out is not None:
        sys.stderr.write(words.written(len(done.written), out, language))
    if done.outcomes is not None:
        emit(words.outcomes_text(done.outcomes, language, done.addresses_shown))
    sys.stderr.write(words.summary(done.digests, language))
    return 1 if done.missed else 0


def _records(digests: Digests) -> list[dict[str, object]]:
    return [
        {
            "owner": d.owner.name,
            "address": d.address,
            "overdue": [r.activity.id for r in d.overdue],
            "coming": [r.activity.id for r in d.coming],
            "quiet": [q.row.activity.id for q in d.quiet],
            "changed": [c.activity_id for c in d.changed],
        }
        for d in digests.listed
    ]
