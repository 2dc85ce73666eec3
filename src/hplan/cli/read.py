"""Commands that read the plan: list, show, overdue, upcoming, goals, owners, timeline."""

from __future__ import annotations

import shutil
from enum import StrEnum
from typing import Annotated

import typer

from hplan.cli.completion import complete_status
from hplan.cli.context import Run
from hplan.cli.options import AllOpt, ByOpt, FormatOpt, GoalOpt, IdArg, OwnerOpt
from hplan.cli.output import command_app, emit
from hplan.render import Format

app = command_app()


class SortKey(StrEnum):
    ID = "id"
    DUE = "due"
    GOAL = "goal"
    OWNER = "owner"
    STATUS = "status"


@app.command("list")
def list_(
    ctx: typer.Context,
    owner: OwnerOpt = None,
    goal: GoalOpt = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            "-s",
            metavar="STATUS",
            autocompletion=complete_status,
            help="Only this status (repeatable); Swedish words work too.",
        ),
    ] = None,
    due_before: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="Only activities due before this day ('1 juli' or 2025-07-01)."
        ),
    ] = None,
    due_after: Annotated[
        str | None, typer.Option(metavar="DATE", help="Only activities due after this day.")
    ] = None,
    ongoing: Annotated[
        bool | None,
        typer.Option(
            "--ongoing/--no-ongoing", help="Only ongoing (Löpande) activities, or only dated ones."
        ),
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue activities.")] = False,
    search: Annotated[
        str | None,
        typer.Option(
            metavar="TEXT",
            help="Only activities whose title contains this text (case and accents ignored).",
        ),
    ] = None,
    sort: Annotated[SortKey, typer.Option(help="Order of the rows.")] = SortKey.ID,
    show_all: AllOpt = False,
    fmt: FormatOpt = Format.TABLE,
) -> int:
    """List activities, filtered and sorted.

    \b
    Examples:
      hplan list --owner linda
      hplan list --goal 4.2 --status pågår --status blockerad
      hplan list --due-before '1 juli' --sort due
      hplan list --search mässan --format json
    """
    from hplan.queries.filters import Wanted, select
    from hplan.render import views
    from hplan.render.messages import no_match

    run: Run = ctx.obj
    plan = run.plan()
    wanted = Wanted(owner, goal, status or [], due_before, due_after, ongoing, overdue, search)
    rows = select(plan, wanted.filter(plan), run.today, sort.value)
    language = run.language(plan)
    empty = no_match(language)
    emit(views.activities(rows, None, None, fmt, language, empty, show_all))
    return 0


class ShowFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


@app.command()
def show(
    ctx: typer.Context,
    activity_id: IdArg,
    fmt: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="table or json.")
    ] = ShowFormat.TABLE,
) -> int:
    """Show everything about one activity: goals, owners, deadline, status and notes.

    \b
    Examples:
      hplan show 5
      hplan show 5 --format json
    """
    from hplan.plan.lookup import find_activity
    from hplan.queries.filters import as_of
    from hplan.render import views

    run: Run = ctx.obj
    plan = run.plan()
    row = as_of(find_activity(plan, activity_id), run.today)
    emit(views.detail(plan, row, Format(fmt.value), run.language(plan)))
    return 0


@app.command("overdue")
def overdue_(
    ctx: typer.Context,
    by: ByOpt = None,
    owner: OwnerOpt = None,
    goal: GoalOpt = None,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code", help="Exit 1 when anything is overdue (for scripts and hooks)."
        ),
    ] = False,
    show_all: AllOpt = False,
    fmt: FormatOpt = Format.TABLE,
) -> int:
    """Activities past their due date and not done or cancelled, most days late first.

    Due today is not overdue; ongoing (Löpande) activities never are.

    \b
    Examples:
      hplan overdue
      hplan overdue --by owner
      hplan overdue --as-of 2025-07-01 --exit-code
    """
    from hplan.queries.filters import Wanted, group, overdue
    from hplan.render import views
    from hplan.render.messages import nothing_overdue

    run: Run = ctx.obj
    plan = run.plan()
    rows = overdue(plan, run.today, Wanted(owner, goal).filter(plan))
    groups = group(plan, rows, by.value) if by else None
    language = run.language(plan)
    empty = nothing_overdue(run.today, language)
    emit(views.activities(rows, groups, by, fmt, language, empty, show_all))
    return 1 if exit_code and rows else 0


@app.command()
def upcoming(
    ctx: typer.Context,
    within: Annotated[
        int, typer.Option(min=0, max=3660, metavar="DAYS", help="How many days ahead to look.")
    ] = 30,
    by: ByOpt = None,
    owner: OwnerOpt = None,
    goal: GoalOpt = None,
    show_all: AllOpt = False,
    fmt: FormatOpt = Format.TABLE,
) -> int:
    """Open activities due in the next days (30 unless --within says otherwise).

    \b
    Examples:
      hplan upcoming
      hplan upcoming --within 90 --owner karin
    """
    from hplan.queries.filters import Wanted, group, upcoming
    from hplan.render import views
    from hplan.render.messages import nothing_due

    run: Run = ctx.obj
    plan = run.plan()
    rows = upcoming(plan, run.today, within, Wanted(owner, goal).filter(plan))
    groups = group(plan, rows, by.value) if by else None
    language = run.language(plan)
    empty = nothing_due(within, run.today, language)
    emit(views.activities(rows, groups, by, fmt, language, empty, show_all))
    return 0


@app.command()
def goals(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> int:
    """The goal tree: each goal's activities by status and overdue, sub-goals rolled up.

    Goals without any activity say so.

    \b
    Examples:
      hplan goals
      hplan goals --as-of 2025-07-01 --format json
    """
    from hplan.queries.filters import goal_summaries
    from hplan.render import views

    run: Run = ctx.obj
    plan = run.plan()
    emit(views.goals(goal_summaries(plan, run.today), fmt, run.language(plan)))
    return 0


@app.command()
def owners(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> int:
    """Each owner (person or role) with open, overdue and done activities.

    \b
    Examples:
      hplan owners
      hplan owners --as-of 2025-07-01 --format csv
    """
    from hplan.queries.filters import owner_summaries
    from hplan.render import views

    run: Run = ctx.obj
    plan = run.plan()
    emit(views.owners(owner_summaries(plan, run.today), fmt, run.language(plan)))
    return 0


@app.command()
def timeline(ctx: typer.Context, owner: OwnerOpt = None, goal: GoalOpt = None) -> int:
    """The plan year as a timeline: a row per dated activity, bars coloured by status.

    Ranges and periods are bars, single days and "Senast …" deadlines are ◆, overdue rows
    start with !, today is the red column; ongoing activities follow in their own band.

    \b
    Examples:
      hplan timeline
      hplan timeline --owner karin --as-of 2025-07-01
    """
    from hplan.queries.filters import Wanted
    from hplan.queries.report import build_timeline
    from hplan.render import is_terminal
    from hplan.render.timeline_text import WIDEST, timeline_lines, to_plain, to_rich

    run: Run = ctx.obj
    plan = run.plan()
    built = build_timeline(plan, run.today, Wanted(owner, goal).filter(plan))
    terminal = is_terminal()
    width = min(WIDEST, shutil.get_terminal_size((WIDEST, 24)).columns) if terminal else WIDEST
    lines = timeline_lines(built, run.language(plan), width)
    emit(to_rich(lines) if terminal else to_plain(lines))
    return 0
