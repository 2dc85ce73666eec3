"""Commands that write: status, note, add (to the plan) and rollover (a new plan)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hplan.cli.completion import complete_goal, complete_owner, complete_status
from hplan.cli.options import CommitOpt, IdsArg
from hplan.cli.output import command_app, say_done, warn_if_past_year

if TYPE_CHECKING:
    from hplan.api.session import Session
    from hplan.plan.results import Update

app = command_app()


@app.command()
def status(
    ctx: typer.Context,
    activity_ids: IdsArg,
    status: Annotated[
        str,
        typer.Argument(
            metavar="STATUS",
            autocompletion=complete_status,
            help="not-started, in-progress, done, blocked or cancelled (or pågår, klar, ...).",
        ),
    ],
    note: Annotated[
        str | None, typer.Option("--note", "-n", metavar="TEXT", help="A dated note to keep.")
    ] = None,
    commit: CommitOpt = False,
) -> int:
    """Set an activity's status (dated) and keep an optional note; changes only those lines.

    The date of the change (today, or --as-of) is written as status_date; a note is kept
    under notes with that date. Nothing else in the file changes.

    \b
    Examples:
      hplan status 5 done
      hplan status 9 pågår --note 'Listan påbörjad'
      hplan status 9 in-progress --note 'Möte med näringslivscheferna'
      hplan status 7 8 done
    """
    session: Session = ctx.obj
    session.confirm = lambda: warn_if_past_year(session, writing=True)
    return said_updates(session, session.set_statuses(activity_ids, status, note, commit=commit))


def said_updates(session: Session, updates: list[Update]) -> int:
    """Each change said on standard output; on standard error what a person should know,
    then what an after-save step (the commit) could not do, with its exit code."""
    from hplan.render.messages import update_message

    for update in updates:
        say_done(update_message(update, session.language))
    return after_write(session)


def after_write(session: Session) -> int:
    from hplan.errors import Message
    from hplan.render.i18n import say

    for note in session.notes:
        typer.echo(say(Message("hplan: note: {note}", note=note), session.language), err=True)
    if session.failed_after:
        raise session.failed_after[0]  # the plan is written; the commit is not
    return 0


@app.command()
def note(
    ctx: typer.Context,
    activity_ids: IdsArg,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The note.")],
    commit: CommitOpt = False,
) -> int:
    """Keep a dated note on an activity without changing its status.

    \b
    Examples:
      hplan note 9 "Listan skickad till näringslivscheferna"
      hplan note 7 8 "Mässorna utvärderade"
    """
    session: Session = ctx.obj
    session.confirm = lambda: warn_if_past_year(session, writing=True)
    return said_updates(session, session.add_notes(activity_ids, text, commit=commit))


@app.command()
def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(metavar="TITLE", help="The activity as written.")],
    goal: Annotated[
        list[str],
        typer.Option(
            "--goal",
            "-g",
            metavar="GOAL",
            autocompletion=complete_goal,
            help="A goal it serves (repeatable).",
        ),
    ],
    owner: Annotated[
        list[str],
        typer.Option(
            "--owner",
            metavar="NAME",
            autocompletion=complete_owner,
            help="Who is responsible (repeatable).",
        ),
    ],
    deadline: Annotated[
        str, typer.Option(metavar="TEXT", help="As you would write it: '15 mars', Löpande …")
    ],
    with_: Annotated[
        list[str] | None,
        typer.Option(
            "--with",
            metavar="NAME",
            autocompletion=complete_owner,
            help="Named alongside (repeatable).",
        ),
    ] = None,
    commit: CommitOpt = False,
) -> int:
    """Append an activity with the next free id; it starts not-started.

    Owners and goals must be declared in the plan (a part of a name will do, as for --owner
    elsewhere); the deadline takes any accepted form. Nothing else in the file changes.

    \b
    Examples:
      hplan add "Planera Hälsingegårdarnas dag 2026" --goal 4.2.1 --owner linda \\
        --deadline "15 mars"
      hplan add "Ny kartläggning" -g 4.2.1 -g 4.2.2 --owner karin \\
        --with Näringslivschefer --deadline Löpande
    """
    from hplan.render.messages import added_message, late_warning

    session: Session = ctx.obj
    added = session.add_activity(title, goal, owner, deadline, with_ or [], commit=commit)
    say_done(added_message(added, session.path, session.language))
    if added.deadline.due is not None and added.deadline.due < session.today:
        typer.echo(late_warning(added, session.today, session.language), err=True)
    return after_write(session)


@app.command()
def rollover(
    ctx: typer.Context,
    year: Annotated[
        int, typer.Argument(min=1901, max=2999, metavar="YEAR", help="The new plan's year.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            dir_okay=False,
            help="The new plan (default: this plan's name with the new year).",
        ),
    ] = None,
) -> int:
    """Write next year's plan: goals and owners carried, open activities carried with a note.

    Done and cancelled activities stay behind. Deadlines without a year ("Löpande", "Juni")
    are carried as they are; those naming a year or a date are kept and marked for review
    (GRANSKA in a Swedish plan, REVIEW in an English one).
    It never overwrites a file, and validates what it writes.

    \b
    Examples:
      hplan rollover 2026
      hplan rollover 2026 -o plan2026-utkast.yaml
    """
    from hplan.render.messages import rollover_message

    session: Session = ctx.obj
    result = session.rollover(year, output)
    say_done(rollover_message(result, session.language))
    return 0
