"""Commands that read the plan's git history: changes and history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from hplan.cli.options import FormatOpt, IdArg
from hplan.cli.output import command_app, emit, is_terminal, warn_if_history_is_cut

if TYPE_CHECKING:
    from hplan.api.session import Session
from hplan.render import Format

app = command_app()


@app.command()
def changes(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="REV|DATE",
            help="A git revision (a tag, a commit) or a day: 2025-06-01 or '1 juni 2025' "
            "(default: the latest tag, as boards tag their meetings; else 30 days ago).",
        ),
    ] = None,
    fmt: FormatOpt = Format.TABLE,
) -> int:
    """What changed in the plan since a revision or a day, from its git history.

    Status changes (from → to, when, by whom, with the note), activities added or removed,
    deadlines changed, and what became overdue meanwhile; uncommitted changes in the working
    tree are shown as such.

    \b
    Examples:
      hplan changes
      hplan changes --since styrelsemote-2025-05
      hplan changes --since 2025-06-01 --format json
    """
    from hplan.api import revision_day
    from hplan.cli.progress import saying
    from hplan.errors import Message
    from hplan.render import views
    from hplan.render.messages import changes_period, nothing_changed

    session: Session = ctx.obj
    language = session.language
    warn_if_history_is_cut(session)
    given = since
    since = since or session.default_since()
    with saying(Message("Reading the plan's versions"), language, fmt == Format.TABLE) as advance:
        found = session.changes(since, advance)
    empty = nothing_changed(since, language)
    shown = views.changes(found, fmt, language, empty, terminal=is_terminal())
    if fmt == Format.TABLE and found:
        day = revision_day(session.path, since)
        # Not told, and no tag: the default is a day, so many days back.
        by_days = given is None and day is not None and since == day.isoformat()
        days = (session.today - day).days if by_days and day else None
        shown = changes_period(since, day, days, language) + "\n\n" + shown
    emit(shown)
    return 0


@app.command()
def history(ctx: typer.Context, activity_id: IdArg, fmt: FormatOpt = Format.TABLE) -> int:
    """One activity's status timeline from the plan's git history.

    \b
    Examples:
      hplan history 9
    """
    from hplan.render import views

    session: Session = ctx.obj
    warn_if_history_is_cut(session)
    story = session.history(activity_id)
    emit(views.changes(story, fmt, session.language, one=True, terminal=is_terminal()))
    return 0
