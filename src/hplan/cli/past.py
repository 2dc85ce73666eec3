"""Commands that read the plan's git history: changes and history."""

from __future__ import annotations

from typing import Annotated

import typer

from hplan.cli.context import Run
from hplan.cli.options import FormatOpt, IdArg
from hplan.cli.output import command_app, emit, warn_if_history_is_cut
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
    from hplan.queries.changes import changes as compare
    from hplan.render import views
    from hplan.render.messages import nothing_changed
    from hplan.store.history import default_since, since_day, versions

    run: Run = ctx.obj
    language = run.language()
    warn_if_history_is_cut(run.path, language)
    since = since or default_since(run.path, run.today)
    found = compare(versions(run.path, since), run.today, since_day(since))
    empty = nothing_changed(since, language)
    emit(views.changes(found, fmt, language, empty))
    return 0


@app.command()
def history(ctx: typer.Context, activity_id: IdArg, fmt: FormatOpt = Format.TABLE) -> int:
    """One activity's status timeline from the plan's git history.

    \b
    Examples:
      hplan history 9
    """
    from hplan.queries.changes import activity_history
    from hplan.render import views
    from hplan.store.history import versions

    run: Run = ctx.obj
    language = run.language()
    warn_if_history_is_cut(run.path, language)
    story = activity_history(versions(run.path), activity_id.strip())
    emit(views.changes(story, fmt, language, one=True))
    return 0
