"""Commands that check plan files or make files from the plan: validate, report, calendar,
schema."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hplan.cli.options import ForceOpt, GoalOpt, OutputOpt, OwnerOpt
from hplan.cli.output import command_app, deliver, emit, is_terminal, warn_if_history_is_cut
from hplan.plan.model import check_language

if TYPE_CHECKING:
    from hplan.api.session import Session

app = command_app()


class CheckFormat(StrEnum):
    TEXT = "text"
    GITHUB = "github"
    GITLAB = "gitlab"


ValidatePathsOpt = Annotated[
    list[Path] | None,
    typer.Argument(metavar="PATH", dir_okay=False, help="Plan files (default: the plan in use)."),
]
ValidateFmtOpt = Annotated[
    CheckFormat,
    typer.Option(
        "--format",
        "-f",
        help="text; github: workflow annotations on each line; gitlab: a Code Quality "
        "report on standard output.",
    ),
]


@app.command()
def validate(
    ctx: typer.Context,
    paths: ValidatePathsOpt = None,
    fmt: ValidateFmtOpt = CheckFormat.TEXT,
) -> int:
    """Check plan files (and the contacts file beside one); print every error as
    file:line:col: message and exit 3 if any.

    \b
    Examples:
      hplan validate
      hplan validate plan2025.yaml plan2026.yaml
      hplan validate --format github
    """
    from hplan.api import HplanError, PlanInvalid, outside_the_year, read_plan_file
    from hplan.cli.wording import error_text
    from hplan.render.annotations import github, gitlab
    from hplan.render.messages import outside_warning, validated

    session: Session = ctx.obj
    failed = 0
    invalid: list[PlanInvalid] = []
    warnings: list[tuple[Path, str]] = []
    for path in paths or [session.path]:
        try:
            if paths:
                plan = read_plan_file(path)
            else:  # the plan in use, read once, and its contacts file, as the digest reads it
                plan = session.plan
                session.plan_with_contacts()
        except HplanError as error:
            typer.echo(error_text(error, session.error_language(error)), err=True)
            failed = failed or error.exit_code
            if isinstance(error, PlanInvalid):
                invalid.append(error)
            continue
        language = check_language(session.requested_language or plan.language)
        counts = len(plan.goals), len(plan.owners), len(plan.activities)
        said = validated(path, *counts, language)
        if fmt == CheckFormat.GITLAB:  # standard output is the report, JSON only
            typer.echo(said.rstrip("\n"), err=True)
        else:
            emit(said)
        for activity in outside_the_year(plan):
            warning = outside_warning(path, activity, plan.year, language)
            warnings.append((path, warning))
            typer.echo(warning, err=True)
    language = session.requested_language or "en"
    if invalid and not session.requested_language:
        language = session.error_language(invalid[0])
    if fmt == CheckFormat.GITHUB:
        emit(github(invalid, warnings, language))
    elif fmt == CheckFormat.GITLAB:
        emit(gitlab(invalid, language))
    return failed


class ReportFormat(StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"
    PDF = "pdf"


REPORT_SUFFIXES = {
    ".html": ReportFormat.HTML,
    ".htm": ReportFormat.HTML,
    ".md": ReportFormat.MARKDOWN,
    ".markdown": ReportFormat.MARKDOWN,
    ".pdf": ReportFormat.PDF,
}
"""The file endings a report is written to, and the format each means; a file without an
ending gets Markdown, as standard output does."""


ReportFmtOpt = Annotated[
    ReportFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="markdown, html or pdf (default: from the -o file's ending, else markdown).",
    ),
]
ReportSinceOpt = Annotated[
    str | None,
    typer.Option(metavar="REV|DATE", help="Add what changed since then, from git history."),
]


ReportRoundOpt = Annotated[
    str | None,
    typer.Option(
        "--round", metavar="ROUND", help="The follow-up round to show (default: the current one)."
    ),
]


@app.command()
def report(
    ctx: typer.Context,
    fmt: ReportFmtOpt = None,
    output: OutputOpt = None,
    since: ReportSinceOpt = None,
    round_: ReportRoundOpt = None,
    force: ForceOpt = False,
) -> int:
    """The board's follow-up report: summary, the follow-up round's assessments, overdue,
    upcoming, goals, owners, the full list.

    HTML is one self-contained page with a timeline, for screens and A4 paper; a PDF is that
    page laid out on A4 by WeasyPrint, to attach to the minutes.

    \b
    Examples:
      hplan report -o uppfoljning.html
      hplan report -o uppfoljning.pdf
      hplan report --as-of 2025-07-01 > uppfoljning.md
      hplan report --lang en --format html -o follow-up.html
      hplan report --since styrelsemote-maj -o uppfoljning.html
      hplan report --round T1 -o tertial1.pdf
    """
    from hplan.errors import Message, UsageError
    from hplan.render.report import render_html, render_markdown

    session: Session = ctx.obj
    suffix = output.suffix.lower() if output is not None else ""
    if fmt is None and suffix not in ("", *REPORT_SUFFIXES):
        raise UsageError(
            "output",
            Message(
                "hplan writes a report as Markdown (.md), HTML (.html) or PDF (.pdf), not "
                "{suffix}; name the file with one of those endings, or give --format",
                suffix=suffix,
            ),
        )
    chosen = fmt or REPORT_SUFFIXES.get(suffix, ReportFormat.MARKDOWN)
    if chosen == ReportFormat.PDF and output in (None, Path("-")) and is_terminal():
        raise UsageError(
            "fmt", Message("a PDF is not for the terminal; write it to a file with -o FILE")
        )
    if since:
        warn_if_history_is_cut(session)
    built = session.report(since, round_, last_meeting=True)
    if chosen == ReportFormat.MARKDOWN:
        deliver(render_markdown(built), output, session.language, session.plan_path, force)
        return 0
    page = render_html(built)
    if chosen == ReportFormat.PDF:
        from hplan.cli.progress import saying
        from hplan.errors import Message
        from hplan.render.pdf import pdf_of

        with saying(Message("Laying out the PDF"), session.language) as advance:
            made = pdf_of(page, advance, len(built.plan.activities))
            deliver(made, output, session.language, session.plan_path, force)
        return 0
    deliver(page, output, session.language, session.plan_path, force)
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
    force: ForceOpt = False,
) -> int:
    """Dated activities as an iCalendar file for Outlook or Google Calendar.

    Each activity is an all-day event (25–27 september is one three-day event; a deadline is
    an event on its due date). Importing a newer export updates the events, never duplicates.

    \b
    Examples:
      hplan calendar -o plan2025.ics
      hplan calendar --owner linda --include-ongoing -o linda.ics
    """
    from hplan.render.ics import to_ics

    session: Session = ctx.obj
    rows = session.select("due", owners=owner, goals=goal)
    language = session.language
    calendar = to_ics(session.plan, rows, session.today, language, include_ongoing)
    deliver(calendar, output, language, session.plan_path, force)
    return 0


@app.command()
def schema(
    ctx: typer.Context,
    output: OutputOpt = None,
    contacts: Annotated[
        bool, typer.Option("--contacts", help="The contacts file's schema instead.")
    ] = False,
    force: ForceOpt = False,
) -> int:
    """Print the plan file's JSON Schema, for editors that complete keys and flag errors.

    The repository keeps it as plan.schema.json; a plan's first line
    `# yaml-language-server: $schema=plan.schema.json` points the YAML language server to it.

    \b
    Examples:
      hplan schema
      hplan schema -o plan.schema.json
      hplan schema --contacts -o contacts.schema.json
    """
    import json

    from hplan.api import user_language
    from hplan.plan.validation import json_schema

    session: Session = ctx.obj
    # No plan is read: the language asked for, else the locale's.
    language = check_language(session.requested_language or user_language())
    schema = json_schema(contacts)
    text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    deliver(text, output, language, session.plan_path, force)
    return 0
