"""The digest: each owner told by e-mail what is theirs (a dry run unless --out or --send)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hplan.cli.options import FormatOpt
from hplan.cli.output import command_app, emit, is_terminal
from hplan.render import Format

if TYPE_CHECKING:
    from hplan.api.digest import Digests
    from hplan.api.session import Session

app = command_app()

SMTP = "SMTP (with --send)"


@app.command()
def digest(
    ctx: typer.Context,
    send: Annotated[bool, typer.Option("--send", help="Send the messages over SMTP.")] = False,
    out: Annotated[
        Path | None,
        typer.Option(metavar="DIR", file_okay=False, help="Write one .eml file per person here."),
    ] = None,
    always: Annotated[
        bool, typer.Option("--always", help="A message also to those with nothing due.")
    ] = False,
    resend: Annotated[
        bool, typer.Option("--resend", help="Send again what went out earlier this week.")
    ] = False,
    contacts: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            dir_okay=False,
            help="Owners' addresses (default: $HPLAN_CONTACTS, else contacts.yaml beside "
            "the plan).",
        ),
    ] = None,
    sender: Annotated[
        str | None,
        typer.Option(
            "--from", envvar="HPLAN_SMTP_FROM", metavar="ADDRESS", help="The sender's address."
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(envvar="HPLAN_BASE_URL", metavar="URL", help="Where the published report is."),
    ] = None,
    period_days: Annotated[
        int,
        typer.Option(min=0, max=366, metavar="DAYS", help="Days ahead for a period (Juni)."),
    ] = 28,
    day_days: Annotated[
        int, typer.Option(min=0, max=366, metavar="DAYS", help="Days ahead for a day (25 maj).")
    ] = 7,
    quiet_days: Annotated[
        int,
        typer.Option(min=1, max=3660, metavar="DAYS", help="Days without a word that are long."),
    ] = 60,
    smtp_host: Annotated[
        str | None, typer.Option(envvar="HPLAN_SMTP_HOST", metavar="HOST", help=SMTP)
    ] = None,
    smtp_port: Annotated[
        int | None,
        typer.Option(envvar="HPLAN_SMTP_PORT", min=1, max=65535, metavar="PORT", help=SMTP),
    ] = None,
    smtp_security: Annotated[
        str,
        typer.Option(
            envvar="HPLAN_SMTP_SECURITY",
            metavar="starttls|tls|none",
            help="STARTTLS (587), implicit TLS (465), or none: only for a relay on this machine.",
        ),
    ] = "starttls",
    smtp_user: Annotated[
        str | None, typer.Option(envvar="HPLAN_SMTP_USER", metavar="USER", help=SMTP)
    ] = None,
    smtp_cafile: Annotated[
        Path | None,
        typer.Option(metavar="FILE", dir_okay=False, help="The organisation's own CA."),
    ] = None,
    smtp_timeout: Annotated[
        float, typer.Option(min=1, max=600, metavar="SECONDS", help="How long to wait.")
    ] = 30.0,
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the SMTP password from standard input."),
    ] = False,
    sent_log: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE", dir_okay=False, help="What went out (default: .hplan-sent.jsonl)."
        ),
    ] = None,
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
    from hplan.api import digest as api
    from hplan.api.digest import Security, Server, Windows
    from hplan.errors import Message, UsageError
    from hplan.render import digest as words
    from hplan.render import render

    session: Session = ctx.obj
    language = session.language
    try:
        security = Security(smtp_security)
    except ValueError:
        raise UsageError(
            "smtp_security", Message("starttls, tls or none, not '{given}'", given=smtp_security)
        ) from None
    windows = Windows(period=period_days, day=day_days, quiet=quiet_days)
    digests = api.build(session, windows, always, contacts)
    if not (send or out):
        table = words.digest_table(digests, language)
        emit(render(fmt, tables=lambda: table, records=lambda: _records(digests),
                    terminal=is_terminal(), empty=words.nobody(language)))  # fmt: skip
        sys.stderr.write(words.summary(digests, language))
        return 0
    if sender is None:
        raise UsageError("from", Message("give the sender's address (or HPLAN_SMTP_FROM)"))
    server = None
    if send:
        if not smtp_host:
            raise UsageError("smtp_host", Message("give the SMTP server (or HPLAN_SMTP_HOST)"))
        password = _password(password_stdin)
        server = Server(
            smtp_host, smtp_port, security, smtp_user, password,
            str(smtp_cafile) if smtp_cafile else None, smtp_timeout,
        )  # fmt: skip
    outgoing = api.messages(session, digests, sender, base_url)
    if out is not None:
        written = api.write_files(outgoing, out)
        sys.stderr.write(words.written(len(written), out, language))
    missed = 0
    if server is not None:
        outcomes = api.send(session, outgoing, server, sent_log, resend)
        emit(words.outcomes_text(outcomes, language))
        missed = sum(1 for o in outcomes if o.state == "missed")
    sys.stderr.write(words.summary(digests, language))
    return 1 if missed else 0


def _password(from_stdin: bool) -> str | None:
    import os

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return os.environ.get("HPLAN_SMTP_PASSWORD") or None


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
