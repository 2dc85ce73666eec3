"""Commands that read the plan: list, show, overdue, upcoming, goals, owners, timeline."""

from __future__ import annotations

import shutil
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from hplan.api import UPCOMING_DAYS, GroupBy, SortKey
from hplan.cli.completion import complete_status
from hplan.cli.options import AllOpt, AssessmentOpt, FormatOpt, GoalOpt, IdArg, OwnerOpt
from hplan.cli.output import command_app, emit, is_terminal, warn_if_past_year
from hplan.render import Format, terminal_width

if TYPE_CHECKING:
    from hplan.api.session import Session

app = command_app()

ByOpt = Annotated[
    GroupBy | None,
    typer.Option(help="Group by goal or owner; an activity with two owners appears under both."),
]
SortOpt = Annotated[SortKey, typer.Option(help="Order of the rows.")]


StatusOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        "-s",
        metavar="STATUS",
        autocompletion=complete_status,
        help="Only this status (repeatable); Swedish words work too; open (not done or "
        "cancelled) and closed name several.",
    ),
]
DueBeforeOpt = Annotated[
    str | None,
    typer.Option(
        metavar="DATE", help="Only activities due before this day ('1 juli' or 2025-07-01)."
    ),
]
DueAfterOpt = Annotated[
    str | None, typer.Option(metavar="DATE", help="Only activities due after this day.")
]
OngoingOpt = Annotated[
    bool | None,
    typer.Option(
        "--ongoing/--no-ongoing", help="Only ongoing (Löpande) activities, or only dated ones."
    ),
]
OverdueOpt = Annotated[bool, typer.Option("--overdue", help="Only overdue activities.")]
SearchOpt = Annotated[
    str | None,
    typer.Option(
        metavar="TEXT",
        help="Only activities whose title contains this text (case and accents ignored; "
        "å, ä and ö typed find only themselves).",
    ),
]
ReverseOpt = Annotated[bool, typer.Option("--reverse", "-r", help="The order reversed.")]
LimitOpt = Annotated[
    int | None,
    typer.Option("--limit", "-n", min=1, metavar="N", help="The first N rows (after sorting)."),
]


@app.command("list")
def list_(
    ctx: typer.Context,
    owner: OwnerOpt = None,
    goal: GoalOpt = None,
    status: StatusOpt = None,
    due_before: DueBeforeOpt = None,
    due_after: DueAfterOpt = None,
    ongoing: OngoingOpt = None,
    overdue: OverdueOpt = False,
    search: SearchOpt = None,
    assessment: AssessmentOpt = None,
    sort: SortOpt = SortKey.ID,
    reverse: ReverseOpt = False,
    limit: LimitOpt = None,
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
      hplan list --status open --sort late --limit 5
      hplan list --assessment risk --assessment avvikelse
    """
    from hplan.render import views
    from hplan.render.messages import no_match

    session: Session = ctx.obj
    rows = session.select(
        sort,
        owners=owner,
        goals=goal,
        statuses=status,
        due_before=due_before,
        due_after=due_after,
        ongoing=ongoing,
        overdue=overdue,
        search=search,
        assessments=assessment,
    )
    rows = (rows[::-1] if reverse else rows)[:limit]
    warn_if_past_year(session)
    language, current = session.language, session.current_round()
    empty = no_match(language)
    shown = views.activities(
        rows, None, None, fmt, language, empty, show_all, is_terminal(),
        round_id=current.id if current else None,
    )  # fmt: skip
    emit(shown)
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
    from hplan.render import views

    session: Session = ctx.obj
    row = session.activity(activity_id)
    # Wrapped at a terminal's width; whole lines for a pipe or a file.
    width = terminal_width() if is_terminal() else None
    emit(views.detail(session.plan, row, Format(fmt.value), session.language, width))
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
    assessment: AssessmentOpt = None,
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
      hplan overdue --assessment at-risk
    """
    from hplan.render import views
    from hplan.render.messages import nothing_overdue

    session: Session = ctx.obj
    rows = session.overdue(owners=owner, goals=goal, assessments=assessment)
    warn_if_past_year(session)
    groups = session.group(rows, by) if by else None
    language, current = session.language, session.current_round()
    empty = nothing_overdue(session.today, language)
    shown = views.activities(
        rows, groups, by, fmt, language, empty, show_all, is_terminal(), late=True,
        round_id=current.id if current else None,
    )  # fmt: skip
    emit(shown)
    return 1 if exit_code and rows else 0


@app.command()
def upcoming(
    ctx: typer.Context,
    within: Annotated[
        int | None,
        typer.Option(
            min=0, max=3660, metavar="DAYS", help="How many days ahead to look (default: 30)."
        ),
    ] = None,
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
    from hplan.render import views
    from hplan.render.messages import nothing_due

    session: Session = ctx.obj
    rows = session.upcoming(within, owners=owner, goals=goal)
    groups = session.group(rows, by) if by else None
    language = session.language
    days = UPCOMING_DAYS if within is None else within
    empty = nothing_due(days, session.today, language)
    emit(views.activities(rows, groups, by, fmt, language, empty, show_all, is_terminal()))
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
    from hplan.render import views

    session: Session = ctx.obj
    emit(views.goals(session.goals(), fmt, session.language, is_terminal()))
    return 0


@app.command()
def owners(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> int:
    """Each owner (person or role) with open, overdue and done activities.

    \b
    Examples:
      hplan owners
      hplan owners --as-of 2025-07-01 --format csv
    """
    from hplan.render import views

    session: Session = ctx.obj
    emit(views.owners(session.owners(), fmt, session.language, is_terminal()))
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
    from hplan.render.timeline_text import WIDEST, timeline_lines, to_plain, to_rich

    session: Session = ctx.obj
    built = session.timeline(owners=owner, goals=goal)
    terminal = is_terminal()
    width = min(WIDEST, shutil.get_terminal_size((WIDEST, 24)).columns) if terminal else WIDEST
    lines = timeline_lines(built, session.language, width)
    emit(to_rich(lines) if terminal else to_plain(lines))
    return 0
