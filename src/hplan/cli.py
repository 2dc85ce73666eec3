"""The `hplan` command: thin commands that parse options, call the core and print a rendering.

Errors become exit codes in one place, `_Group.invoke`: a user or data error prints one
message on stderr and exits 1, a usage error exits 2, a traceback only with --debug.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from hplan import __version__
from hplan import render as out
from hplan.completion import (
    complete_activity,
    complete_goal,
    complete_owner,
    complete_status,
)
from hplan.errors import HplanError, PlanInvalid
from hplan.model import Status
from hplan.render import Format

if TYPE_CHECKING:
    from hplan import queries
    from hplan.loader import LoadedPlan

# The core is imported inside each command, not here: `hplan --version` and `--help` start
# without loading what they do not use.


class _Group(TyperGroup):
    """Maps every error to one message and an exit code."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        debug = bool(ctx.params.get("debug")) or bool(os.environ.get("HPLAN_DEBUG"))
        try:
            result = super().invoke(ctx)
        except (typer.TyperException, typer.Exit, typer.Abort):
            raise
        except HplanError as error:
            if debug:
                raise
            typer.echo(_error_text(error), err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            typer.echo("hplan: interrupted", err=True)
            ctx.exit(130)
        except Exception as error:
            if debug:
                raise
            typer.echo(
                f"hplan: unexpected error: {error!r}. This is a bug in hplan; run again "
                "with --debug for details and report it.",
                err=True,
            )
            ctx.exit(1)
        if isinstance(result, int) and result:
            ctx.exit(result)
        return result


def _error_text(error: HplanError) -> str:
    if isinstance(error, PlanInvalid):
        count = len(error.problems)
        what = "1 error" if count == 1 else f"{count} errors"
        return f"{error}\nhplan: {error.path}: {what}; fix them and run `hplan validate`."
    return f"hplan: {error}"


app = typer.Typer(
    cls=_Group,
    help=(
        "Validate, query and update Hälsingerådet's action plan (plan2025.yaml).\n\n"
        "The plan is read from --plan, else $HPLAN_PLAN, else the newest plan*.yaml in the "
        "current folder."
    ),
    epilog=(
        "\b\nExamples:\n"
        "  hplan overdue\n"
        "  hplan list --owner linda\n"
        "  hplan status 5 done --note 'Genomförd'\n"
        "  hplan goals --as-of 2025-07-01\n"
        "Run `hplan COMMAND --help` for a command's options and examples."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class SortKey(StrEnum):
    ID = "id"
    DUE = "due"
    GOAL = "goal"
    OWNER = "owner"
    STATUS = "status"


class GroupBy(StrEnum):
    GOAL = "goal"
    OWNER = "owner"


def _status(value: str) -> Status:
    from hplan.model import StatusError, parse_status

    try:
        return parse_status(value)
    except StatusError as error:
        raise typer.BadParameter(str(error)) from None


def _day(value: str | None) -> str | None:
    from hplan.deadlines import DeadlineError, parse_day

    if value is not None:
        try:
            parse_day(value)
        except DeadlineError as error:
            raise typer.BadParameter(str(error)) from None
    return value


PlanOpt = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        "-p",
        envvar="HPLAN_PLAN",
        show_envvar=True,
        dir_okay=False,
        metavar="PATH",
        help="Plan file (default: the newest plan*.yaml in the current folder).",
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        callback=_day,
        metavar="DATE",
        help="The day to answer as of: 2025-07-01 or '1 juli 2025' (default: today).",
    ),
]
FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output format. Tables are plain when piped.")
]
OwnerOpt = Annotated[
    str | None,
    typer.Option(
        "--owner",
        metavar="NAME",
        autocompletion=complete_owner,
        help="Only this owner's activities: a name or part of one (case and accents ignored).",
    ),
]
AllOpt = Annotated[
    bool,
    typer.Option(
        "--all", help=f"On a terminal, show every row (else the first {out.TERMINAL_ROWS})."
    ),
]
IdArg = Annotated[
    str,
    typer.Argument(metavar="ID", help="The activity's id.", autocompletion=complete_activity),
]
GoalOpt = Annotated[
    str | None,
    typer.Option(
        "--goal",
        "-g",
        metavar="GOAL",
        autocompletion=complete_goal,
        help="Only activities serving this goal or its sub-goals (4.2 includes 4.2.1).",
    ),
]


def _load(plan: Path | None) -> LoadedPlan:
    from hplan.loader import find_plan, load_plan

    return load_plan(find_plan(plan, Path()))


def _filter(loaded: LoadedPlan, owner: str | None, goal: str | None, **more: Any) -> queries.Filter:
    from hplan import queries

    plan = loaded.plan
    return queries.Filter(
        owner=queries.find_owner(plan, owner) if owner else None,
        goal=queries.find_goal(plan, goal) if goal else None,
        **more,
    )


def _print(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _plan_day(loaded: LoadedPlan, value: str | None, option: str) -> date | None:
    from hplan.deadlines import DeadlineError, parse_day

    if value is None:
        return None
    try:
        return parse_day(value, loaded.plan.year)
    except DeadlineError as error:
        raise typer.BadParameter(str(error), param_hint=option) from None


def _version(value: bool) -> None:
    if value:
        _print(f"hplan {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show hplan's version and exit."
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")] = False,
) -> None:
    """Validate, query and update Hälsingerådet's action plan."""


@app.command("list")
def list_(
    plan: PlanOpt = None,
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
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> int:
    """List activities, filtered and sorted.

    \b
    Examples:
      hplan list --owner linda
      hplan list --goal 4.2 --status pågår --status blockerad
      hplan list --due-before '1 juli' --sort due
      hplan list --search mässan --format json
    """
    from hplan import clock, queries

    loaded = _load(plan)
    wanted = _filter(
        loaded,
        owner,
        goal,
        statuses=frozenset(_status(s) for s in status or []),
        due_before=_plan_day(loaded, due_before, "--due-before"),
        due_after=_plan_day(loaded, due_after, "--due-after"),
        ongoing=ongoing,
        overdue=overdue,
        search=search,
    )
    rows = queries.select(loaded.plan, wanted, clock.today(as_of), sort.value)
    language = _language(loaded, lang)
    _print(
        _rows_or_groups(loaded, rows, None, fmt, _words(language)["no match"], show_all, language)
    )
    return 0


@app.command()
def show(
    activity_id: IdArg,
    plan: PlanOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table or json.")] = Format.TABLE,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> int:
    """Show everything about one activity: goals, owners, deadline, status and notes.

    \b
    Examples:
      hplan show 5
      hplan show 5 --format json
    """
    from hplan import clock, queries
    from hplan.render import records as rec

    loaded = _load(plan)
    activity = queries.find_activity(loaded.plan, activity_id)
    row = queries.as_of(activity, clock.today(as_of))
    if fmt == Format.JSON:
        _print(out.to_json([rec.detail_record(loaded.plan, row)]))
    else:
        language = _language(loaded, lang)
        lines = rec.detail_lines(loaded.plan, row, language)
        width = max(len(_words(language)[label]) for label in rec.DETAIL_LABELS) + 2
        _print("".join(f"{label + ':':<{width}}{value}\n" for label, value in lines))
    return 0


@app.command("overdue")
def overdue_(
    plan: PlanOpt = None,
    by: Annotated[
        GroupBy | None,
        typer.Option(
            help="Group by goal or owner; an activity with two owners appears under both."
        ),
    ] = None,
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
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> int:
    """Activities past their due date and not done or cancelled, most days late first.

    Due today is not overdue; ongoing (Löpande) activities never are.

    \b
    Examples:
      hplan overdue
      hplan overdue --by owner
      hplan overdue --as-of 2025-07-01 --exit-code
    """
    from hplan import clock, queries

    loaded = _load(plan)
    today = clock.today(as_of)
    rows = queries.overdue(loaded.plan, today, _filter(loaded, owner, goal))
    from hplan.i18n import format_day

    language = _language(loaded, lang)
    empty = _words(language)["nothing overdue"].format(day=format_day(today, language))
    _print(_rows_or_groups(loaded, rows, by, fmt, empty, show_all, language))
    return 1 if exit_code and rows else 0


@app.command()
def upcoming(
    plan: PlanOpt = None,
    within: Annotated[
        int, typer.Option(min=0, metavar="DAYS", help="How many days ahead to look.")
    ] = 30,
    by: Annotated[GroupBy | None, typer.Option(help="Group by goal or owner.")] = None,
    owner: OwnerOpt = None,
    goal: GoalOpt = None,
    show_all: AllOpt = False,
    fmt: FormatOpt = Format.TABLE,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> int:
    """Open activities due in the next days (30 unless --within says otherwise).

    \b
    Examples:
      hplan upcoming
      hplan upcoming --within 90 --owner karin
    """
    from hplan import clock, queries

    loaded = _load(plan)
    today = clock.today(as_of)
    rows = queries.upcoming(loaded.plan, today, within, _filter(loaded, owner, goal))
    from hplan.i18n import format_day

    language = _language(loaded, lang)
    empty = _words(language)["nothing due"].format(days=within, day=format_day(today, language))
    _print(_rows_or_groups(loaded, rows, by, fmt, empty, show_all, language))
    return 0


def _words(language: str) -> dict[str, str]:
    from hplan.i18n import TABLE_WORDS

    return TABLE_WORDS[language]


def _group_title(group: queries.Group, by: GroupBy, language: str) -> str:
    if by == GroupBy.GOAL:
        return f"{group.key} {group.label} — {len(group.rows)}"
    role = f" ({_words(language)['role']})" if group.label else ""
    return f"{group.key}{role} — {len(group.rows)}"


def _rows_or_groups(
    loaded: LoadedPlan,
    rows: list[queries.ActivityRow],
    by: GroupBy | None,
    fmt: Format,
    empty: str,
    show_all: bool,
    language: str = "en",
) -> str:
    from hplan import queries
    from hplan.render import records as rec

    terminal = out.is_terminal()
    if by is None:
        return out.render(
            fmt,
            tables=lambda: rec.activity_table(rows, language=language),
            records=lambda: [rec.activity_record(r) for r in rows],
            terminal=terminal,
            empty=empty,
            show_all=show_all,
        )
    groups = queries.group(loaded.plan, rows, by.value)
    return out.render(
        fmt,
        tables=lambda: [
            rec.activity_table(g.rows, _group_title(g, by, language), language) for g in groups
        ],
        records=lambda: [rec.group_record(by.value, g) for g in groups],
        terminal=terminal,
        empty=empty,
        show_all=show_all,
    )


@app.command()
def goals(
    plan: PlanOpt = None,
    fmt: FormatOpt = Format.TABLE,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> int:
    """The goal tree: each goal's activities by status and overdue, sub-goals rolled up.

    Goals without any activity say so.

    \b
    Examples:
      hplan goals
      hplan goals --as-of 2025-07-01 --format json
    """
    from hplan import clock, queries
    from hplan.render import records as rec

    loaded = _load(plan)
    summaries = queries.goal_summaries(loaded.plan, clock.today(as_of))
    _print(
        out.render(
            fmt,
            tables=lambda: rec.goal_table(summaries, _language(loaded, lang)),
            records=lambda: [rec.goal_record(s) for s in summaries],
            terminal=out.is_terminal(),
        )
    )
    return 0


@app.command()
def owners(
    plan: PlanOpt = None,
    fmt: FormatOpt = Format.TABLE,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> int:
    """Each owner (person or role) with open, overdue and done activities.

    \b
    Examples:
      hplan owners
      hplan owners --as-of 2025-07-01 --format csv
    """
    from hplan import clock, queries
    from hplan.render import records as rec

    loaded = _load(plan)
    summaries = queries.owner_summaries(loaded.plan, clock.today(as_of))
    _print(
        out.render(
            fmt,
            tables=lambda: rec.owner_table(summaries, _language(loaded, lang)),
            records=lambda: [rec.owner_record(s) for s in summaries],
            terminal=out.is_terminal(),
        )
    )
    return 0


@app.command()
def status(
    activity_id: IdArg,
    new_status: Annotated[
        Status,
        typer.Argument(
            metavar="STATUS",
            parser=_status,
            autocompletion=complete_status,
            help="not-started, in-progress, done, blocked or cancelled (or pågår, klar, ...).",
        ),
    ],
    note: Annotated[
        str | None, typer.Option("--note", "-n", metavar="TEXT", help="A dated note to keep.")
    ] = None,
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> int:
    """Set an activity's status (dated) and keep an optional note; changes only those lines.

    The date of the change (today, or --as-of) is written as status_date; a note is kept
    under notes with that date. Nothing else in the file changes.

    \b
    Examples:
      hplan status 5 done
      hplan status 9 pågår --note 'Listan påbörjad'
      hplan status 9 in-progress --note 'Möte med näringslivscheferna'
    """
    from hplan import clock
    from hplan.i18n import status_word
    from hplan.loader import find_plan
    from hplan.writer import set_status

    path = find_plan(plan, Path())
    change = set_status(path, activity_id, new_status, clock.today(as_of), note)
    before, after = change.before, change.after
    language = _plan_language(change.language, lang)
    words = _words(language)
    now, was = status_word(after.status, language), status_word(before.status, language)
    if not change.written:
        message = words["already"].format(id=after.id, status=now)
    elif before.status == after.status:
        message = words["note added"].format(id=after.id, status=now, title=after.title)
    else:
        message = words["changed"].format(id=after.id, before=was, after=now, title=after.title)
    _print(message + "\n")
    return 0


@app.command()
def note(
    activity_id: IdArg,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The note.")],
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> int:
    """Keep a dated note on an activity without changing its status.

    \b
    Examples:
      hplan note 9 "Listan skickad till näringslivscheferna"
    """
    from hplan import clock
    from hplan.i18n import status_word
    from hplan.loader import find_plan
    from hplan.writer import set_status

    path = find_plan(plan, Path())
    change = set_status(path, activity_id, None, clock.today(as_of), text)
    after = change.after
    language = _plan_language(change.language, lang)
    _print(
        _words(language)["note added"].format(
            id=after.id, status=status_word(after.status, language), title=after.title
        )
        + "\n"
    )
    return 0


@app.command()
def add(
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
    plan: PlanOpt = None,
    lang: LangOpt = None,
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
    from hplan import queries
    from hplan.deadlines import DeadlineError, parse_deadline
    from hplan.loader import find_plan, load_plan
    from hplan.writer import NewActivity, add_activity

    path = find_plan(plan, Path())
    current = load_plan(path).plan
    try:
        parse_deadline(deadline, current.year)
    except DeadlineError as error:
        raise typer.BadParameter(str(error), param_hint="--deadline") from None
    new = NewActivity(
        title=" ".join(title.split()),
        goals=[queries.find_goal(current, g).id for g in goal],
        owners=[queries.find_owner(current, o).name for o in owner],
        with_=[queries.find_owner(current, w).name for w in with_ or []],
        deadline=deadline.strip(),
    )
    added = add_activity(path, new)
    words = _words(_file_language(path, lang))
    _print(
        words["added"].format(id=added.id, title=added.title, deadline=added.deadline.text) + "\n"
    )
    return 0


@app.command()
def changes(
    since: Annotated[
        str,
        typer.Option(
            metavar="REV|DATE",
            help="A git revision (a tag, a commit) or a day: 2025-06-01 or '1 juni 2025'.",
        ),
    ],
    plan: PlanOpt = None,
    fmt: FormatOpt = Format.TABLE,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> int:
    """What changed in the plan since a revision or a day, from its git history.

    Status changes (from → to, when, by whom, with the note), activities added or removed,
    deadlines changed, and what became overdue meanwhile; uncommitted changes in the working
    tree are shown as such.

    \b
    Examples:
      hplan changes --since styrelsemote-2025-05
      hplan changes --since 2025-06-01 --format json
    """
    from hplan import clock, history
    from hplan.loader import find_plan
    from hplan.render import records as rec

    path = find_plan(plan, Path())
    rows = history.changes_since(path, since, clock.today(as_of))
    language = _file_language(path, lang)
    _print(
        out.render(
            fmt,
            tables=lambda: rec.change_table(rows, language),
            records=lambda: [rec.change_record(c) for c in rows],
            terminal=out.is_terminal(),
            empty=_words(language)["nothing changed"].format(since=since),
        )
    )
    return 0


@app.command()
def history(
    activity_id: IdArg,
    plan: PlanOpt = None,
    fmt: FormatOpt = Format.TABLE,
    lang: LangOpt = None,
) -> int:
    """One activity's status timeline from the plan's git history.

    \b
    Examples:
      hplan history 9
    """
    from hplan import history as past
    from hplan.loader import find_plan
    from hplan.render import records as rec

    path = find_plan(plan, Path())
    story = past.activity_history(past.versions(path), activity_id.strip())
    language = _file_language(path, lang)
    if not story:
        raise HplanError(f"no version of the plan in git has an activity with id '{activity_id}'")
    _print(
        out.render(
            fmt,
            tables=lambda: rec.change_table(story, language),
            records=lambda: [rec.change_record(c) for c in story],
            terminal=out.is_terminal(),
        )
    )
    return 0


@app.command()
def rollover(
    year: Annotated[int, typer.Argument(metavar="YEAR", help="The new plan's year.")],
    plan: PlanOpt = None,
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
    as_of: AsOfOpt = None,
) -> int:
    """Write next year's plan: goals and owners carried, open activities carried with a note.

    Done and cancelled activities stay behind. Deadlines without a year ("Löpande", "Juni")
    are carried as they are; those naming a year or a date are kept and marked REVIEW.
    It never overwrites a file, and validates what it writes.

    \b
    Examples:
      hplan rollover 2026
      hplan rollover 2026 -o plan2026-utkast.yaml
    """
    import re

    from hplan import clock
    from hplan.loader import decode, find_plan, load_plan
    from hplan.parser import parse_plan
    from hplan.rollover import roll_over
    from hplan.writer import write_new

    path = find_plan(plan, Path())
    current = load_plan(path).plan
    if year <= current.year:
        raise typer.BadParameter(f"the plan is for {current.year}; roll over to a later year")
    target = output or path.with_name(
        re.sub(str(current.year), str(year), path.name)
        if str(current.year) in path.name
        else f"plan{year}.yaml"
    )
    result = roll_over(current, year, clock.today(as_of))
    data = result.text.encode("utf-8")
    parse_plan(decode(target, data))  # what it writes must validate
    write_new(target, data)
    review = ", ".join(a.id for a in result.review) or "none"
    _print(
        f"Wrote {target}: {len(result.carried)} activities carried, "
        f"{len(result.left_behind)} done or cancelled left behind.\n"
        f"Deadlines to review (marked REVIEW): {review}.\n"
    )
    return 0


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...", dir_okay=False, help="Plan files (default: the plan in use)."
        ),
    ] = None,
    plan: PlanOpt = None,
) -> int:
    """Check plan files; print every error as file:line:col: message and exit 1 if any.

    \b
    Examples:
      hplan validate
      hplan validate plan2025.yaml plan2026.yaml
    """
    from hplan.loader import find_plan, plan_counts

    failed = 0
    for path in paths or [find_plan(plan, Path())]:
        try:
            goals, owners, activities = plan_counts(path)
        except HplanError as error:
            typer.echo(_error_text(error), err=True)
            failed += 1
            continue
        _print(f"{path}: valid — {goals} goals, {owners} owners, {activities} activities\n")
    return 1 if failed else 0


class ReportFormat(StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"


LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        envvar="HPLAN_LANG",
        metavar="sv|en",
        help="Language of the output (default: the plan's language).",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        dir_okay=False,
        help="Write to this file instead of standard output.",
    ),
]


def _language(loaded: LoadedPlan, lang: str | None) -> str:
    """The language of output for people: --lang (or HPLAN_LANG), else the plan's own."""
    return _plan_language(loaded.plan.language, lang)


def _plan_language(language: str, lang: str | None) -> str:
    from hplan.i18n import check_language

    return check_language(lang or language)


def _file_language(path: Path, lang: str | None) -> str:
    """The same for a plan known by its file (read from the cache when it can be)."""
    from hplan.loader import load_plan

    return _language(load_plan(path), lang)


def _deliver(content: str | bytes, output: Path | None) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        raise HplanError(f"cannot write {output}: {error.strerror}") from None
    typer.echo(f"Wrote {output}", err=True)


@app.command()
def report(
    plan: PlanOpt = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="markdown or html (default: from the -o file's extension, else markdown).",
        ),
    ] = None,
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    since: Annotated[
        str | None,
        typer.Option(metavar="REV|DATE", help="Add what changed since then, from git history."),
    ] = None,
) -> int:
    """The board's follow-up report: summary, overdue, upcoming, goals, owners, the full list.

    HTML is one self-contained page with a timeline, for screens and A4 paper.

    \b
    Examples:
      hplan report -o uppfoljning.html
      hplan report --as-of 2025-07-01 > uppfoljning.md
      hplan report --lang en --format html -o follow-up.html
      hplan report --since styrelsemote-maj -o uppfoljning.html
    """
    from hplan import clock
    from hplan.render.report import render_html, render_markdown
    from hplan.report import build_report

    loaded = _load(plan)
    if fmt is None:
        is_html = output is not None and output.suffix.lower() in (".html", ".htm")
        fmt = ReportFormat.HTML if is_html else ReportFormat.MARKDOWN
    today = clock.today(as_of)
    found = None
    if since:
        from hplan import history

        found = history.changes_since(loaded.source.path, since, today)
    built = build_report(loaded.plan, today, _language(loaded, lang), found, since)
    _deliver(render_html(built) if fmt == ReportFormat.HTML else render_markdown(built), output)
    return 0


@app.command()
def timeline(
    plan: PlanOpt = None,
    owner: OwnerOpt = None,
    goal: GoalOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> int:
    """The plan year as a timeline: a row per dated activity, bars coloured by status.

    Ranges and periods are bars, single days and "Senast …" deadlines are ◆, overdue rows
    start with !, today is the red column; ongoing activities follow in their own band.

    \b
    Examples:
      hplan timeline
      hplan timeline --owner karin --as-of 2025-07-01
    """
    from hplan import clock
    from hplan.render.timeline_text import timeline_lines, to_plain, to_rich
    from hplan.report import build_timeline

    loaded = _load(plan)
    built = build_timeline(loaded.plan, clock.today(as_of), _filter(loaded, owner, goal))
    lines = timeline_lines(built, _language(loaded, lang))
    _print(to_rich(lines) if out.is_terminal() else to_plain(lines))
    return 0


@app.command()
def calendar(
    plan: PlanOpt = None,
    output: OutputOpt = None,
    owner: OwnerOpt = None,
    goal: GoalOpt = None,
    include_ongoing: Annotated[
        bool,
        typer.Option(
            "--include-ongoing", help="Also ongoing activities, as events over the plan year."
        ),
    ] = False,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> int:
    """Dated activities as an iCalendar file for Outlook or Google Calendar.

    Each activity is an all-day event (25–27 september is one three-day event; a deadline is
    an event on its due date). Importing a newer export updates the events, never duplicates.

    \b
    Examples:
      hplan calendar -o plan2025.ics
      hplan calendar --owner linda --include-ongoing -o linda.ics
    """
    from hplan import clock, queries
    from hplan.render.ics import to_ics

    loaded = _load(plan)
    today = clock.today(as_of)
    rows = queries.select(loaded.plan, _filter(loaded, owner, goal), today, "due")
    language = _language(loaded, lang)
    _deliver(to_ics(loaded.plan, rows, today, language, include_ongoing), output)
    return 0


@app.command()
def schema(output: OutputOpt = None) -> int:
    """Print the plan file's JSON Schema, for editors that complete keys and flag errors.

    The repository keeps it as plan.schema.json; a plan's first line
    `# yaml-language-server: $schema=plan.schema.json` points the YAML language server to it.

    \b
    Examples:
      hplan schema
      hplan schema -o plan.schema.json
    """
    import json

    from hplan.schema import json_schema

    _deliver(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", output)
    return 0


def main() -> None:
    """Entry point of the `hplan` script."""
    app(prog_name="hplan")
