"""Commands that check plan files or make files from the plan: validate, report, calendar,
schema."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hplan.cli.context import Run
from hplan.cli.options import GoalOpt, OutputOpt, OwnerOpt
from hplan.cli.output import command_app, deliver, emit, warn_if_history_is_cut

app = command_app()


@app.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH", dir_okay=False, help="Plan files (default: the plan in use)."
        ),
    ] = None,
) -> int:
    """Check plan files; print every error as file:line:col: message and exit 1 if any.

    \b
    Examples:
      hplan validate
      hplan validate plan2025.yaml plan2026.yaml
    """
    from hplan.cli.app import error_text
    from hplan.errors import HplanError
    from hplan.queries.filters import outside_the_year
    from hplan.render.messages import outside_warning, validated
    from hplan.store.reading import read_plan

    run: Run = ctx.obj
    failed = 0
    for path in paths or [run.path]:
        try:
            plan = read_plan(path)
        except HplanError as error:
            typer.echo(error_text(error, run.error_language(error)), err=True)
            failed += 1
            continue
        language = run.language(plan)
        counts = len(plan.goals), len(plan.owners), len(plan.activities)
        emit(validated(path, *counts, language))
        for activity in outside_the_year(plan):
            typer.echo(outside_warning(path, activity, plan.year, language), err=True)
    return 1 if failed else 0


class ReportFormat(StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"


REPORT_SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
"""The file endings a report is written to, and the format each means."""


@app.command()
def report(
    ctx: typer.Context,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="markdown or html (default: from the -o file's extension, else markdown).",
        ),
    ] = None,
    output: OutputOpt = None,
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
    from hplan.errors import Message, OptionError
    from hplan.queries.changes import changes
    from hplan.queries.report import build_report
    from hplan.render.report import render_html, render_markdown
    from hplan.store.history import since_day, versions

    run: Run = ctx.obj
    suffix = output.suffix.lower() if output is not None else ""
    if fmt is None and suffix not in ("", *REPORT_SUFFIXES):
        raise OptionError(
            "--output",
            Message(
                "hplan writes a report as Markdown (.md) or HTML (.html), not "
                "{suffix}; for a PDF, write HTML and print it from a browser",
                suffix=suffix,
            ),
        )
    plan = run.plan()
    html = fmt == ReportFormat.HTML or (fmt is None and REPORT_SUFFIXES.get(suffix) == "html")
    language = run.language(plan)
    found = None
    if since:
        warn_if_history_is_cut(run.path, language)
        found = changes(versions(run.path, since), run.today, since_day(since))
    built = build_report(plan, run.today, language, found, since)
    deliver(render_html(built) if html else render_markdown(built), output, language)
    return 0


@app.command()
def calendar(
    ctx: typer.Context,
    output: OutputOpt = None,
    owner: OwnerOpt = None,
    goal: GoalOpt = None,
    include_ongoing: Annotated[
        bool,
        typer.Option(
            "--include-ongoing", help="Also ongoing activities, as events over the plan year."
        ),
    ] = False,
) -> int:
    """Dated activities as an iCalendar file for Outlook or Google Calendar.

    Each activity is an all-day event (25–27 september is one three-day event; a deadline is
    an event on its due date). Importing a newer export updates the events, never duplicates.

    \b
    Examples:
      hplan calendar -o plan2025.ics
      hplan calendar --owner linda --include-ongoing -o linda.ics
    """
    from hplan.queries.filters import Wanted, select
    from hplan.render.ics import to_ics

    run: Run = ctx.obj
    plan = run.plan()
    rows = select(plan, Wanted(owner, goal).filter(plan), run.today, "due")
    language = run.language(plan)
    deliver(to_ics(plan, rows, run.today, language, include_ongoing), output, language)
    return 0


@app.command()
def schema(ctx: typer.Context, output: OutputOpt = None) -> int:
    """Print the plan file's JSON Schema, for editors that complete keys and flag errors.

    The repository keeps it as plan.schema.json; a plan's first line
    `# yaml-language-server: $schema=plan.schema.json` points the YAML language server to it.

    \b
    Examples:
      hplan schema
      hplan schema -o plan.schema.json
    """
    import json

    from hplan.plan.validation import json_schema
    from hplan.render.i18n import check_language, user_language

    run: Run = ctx.obj
    language = check_language(run.lang or user_language())  # no plan is read: the locale's
    deliver(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", output, language)
    return 0
