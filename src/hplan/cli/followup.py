"""The follow-up rounds: how far a round's answers are, a new round, and an owner's answer
(`hplan followup`, `hplan followup open`, `hplan assess`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from hplan.cli.options import CommitOpt, FormatOpt, IdsArg
from hplan.cli.output import command_app, emit, is_terminal, say_done
from hplan.render import Format

if TYPE_CHECKING:
    from hplan.api.session import Session

app = command_app()

RoundOpt = Annotated[
    str | None,
    typer.Option(
        "--round", "-r", metavar="ROUND", help="A round by its id (default: the current one)."
    ),
]
ActionArg = Annotated[
    str | None,
    typer.Argument(
        metavar="ACTION", help="open: add the round ROUND to the plan.", show_default=False
    ),
]
NewRoundArg = Annotated[
    str | None,
    typer.Argument(metavar="ROUND", help="With open: the new round's id (T1).", show_default=False),
]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", metavar="DATE", help="open: the day whose state the round reports."),
]
DueOpt = Annotated[
    str | None, typer.Option("--due", metavar="DATE", help="open: the day the answers are due.")
]
TitleOpt = Annotated[
    str | None, typer.Option("--title", metavar="TEXT", help="open: the round's name (Tertial 1).")
]


@app.command()
def followup(
    ctx: typer.Context,
    action: ActionArg = None,
    round_id: NewRoundArg = None,
    round_: RoundOpt = None,
    date: DateOpt = None,
    due: DueOpt = None,
    title: TitleOpt = None,
    commit: CommitOpt = False,
    fmt: FormatOpt = Format.TABLE,
) -> int:
    """The follow-up rounds, and how far the current one's answers are, per owner.

    The current round is the last whose day (as_of) has passed; --round names another.
    `hplan followup open ROUND --date DAY --due DAY` adds a round to the plan (the minimal
    edit, like add). See docs/followup.md.

    \b
    Examples:
      hplan followup
      hplan followup --round T1 --format json
      hplan followup open T2 --date 2025-08-31 --due 2025-09-15 --title 'Tertial 2'
    """
    from hplan.errors import Message, UsageError

    session: Session = ctx.obj
    if action is None:
        return _progress(session, round_, fmt)
    if action != "open":
        raise UsageError("action", Message("'{action}' is not an action; use open", action=action))
    if round_id is None or date is None or due is None:
        raise UsageError("action", Message("open needs the round's id, --date and --due"))
    return _open(session, round_id, date, due, title, commit)


def _progress(session: Session, round_id: str | None, fmt: Format) -> int:
    from hplan.render import render
    from hplan.render.followups import (
        progress_records,
        progress_rows,
        progress_table,
        progress_text,
        rounds_table,
    )

    rounds, language = session.rounds(), session.language
    progress = session.round_progress(round_id) if rounds else None
    tables = [rounds_table(rounds, language)] + (
        [progress_table(progress, language)] if progress else []
    )
    empty = "" if rounds else _no_rounds(language)
    flat = fmt == Format.CSV  # a row per owner of the round, where JSON nests them
    records = progress_rows(progress) if flat else progress_records(rounds, progress)
    emit(render(fmt, tables=lambda: tables, records=lambda: records, terminal=is_terminal(),
                empty=empty))  # fmt: skip
    if progress is not None and fmt in (Format.TABLE, Format.MARKDOWN):
        emit(progress_text(progress, language))
    return 0


def _no_rounds(language: str) -> str:
    from hplan.errors import Message
    from hplan.render.i18n import say

    return say(
        Message("The plan has no follow-up rounds; add one with `hplan followup open`."), language
    )


def _open(
    session: Session, round_id: str, date: str, due: str, title: str | None, commit: bool
) -> int:
    from hplan.cli.write import after_write
    from hplan.render.messages import round_text

    made = session.open_round(round_id, date, due, title, commit=commit)
    say_done(f"{round_text(made, session.language)} ({session.path})")
    return after_write(session)


@app.command()
def assess(
    ctx: typer.Context,
    activity_ids: IdsArg,
    assessment: Annotated[
        str,
        typer.Argument(
            metavar="ASSESSMENT",
            help="on-track, at-risk or off-track (or enligt plan, risk, avvikelse).",
        ),
    ],
    comment: Annotated[
        str | None,
        typer.Option("--comment", "-c", metavar="TEXT", help="Why, and what is being done."),
    ] = None,
    round_: RoundOpt = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by", metavar="NAME", help="Who answers (default: the activity's one owner)."
        ),
    ] = None,
    commit: CommitOpt = False,
) -> int:
    """Record an owner's assessment of activities at a follow-up round: will each be done as
    planned? One answer per activity and round; a new one replaces it (git keeps the old).

    \b
    Examples:
      hplan assess 5 risk --comment 'Lokalen är inte bokad; frågan ligger hos Ljusdal.'
      hplan assess 7 8 on-track --round T1
      hplan assess 9 avvikelse --by karin -c 'Listan väntar på kommunerna'
    """
    from hplan.cli.output import warn_if_past_year
    from hplan.cli.write import said_updates

    session: Session = ctx.obj
    session.confirm = lambda: warn_if_past_year(session, writing=True)
    updates = session.assess(activity_ids, assessment, comment, round_, by, commit=commit)
    return said_updates(session, updates)
