"""`hplan import`: the board's handlingsplan (Word or PDF) read into a new plan file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hplan.cli.options import output_file
from hplan.cli.output import command_app, emit, is_terminal, stderr_is_terminal
from hplan.render import terminal_width

if TYPE_CHECKING:
    from hplan.api.imports import Imported
    from hplan.api.session import Session

app = command_app()


@app.command(name="import")
def import_(
    ctx: typer.Context,
    document: Annotated[
        Path,
        typer.Argument(metavar="DOCUMENT", help="The plan document: a .docx, or a PDF with text."),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PLAN",
            parser=output_file,
            help="The plan file to write (default: plan<YEAR>.yaml here, for the year the "
            "document names; - prints it and writes nothing, as --dry-run).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the plan file if it exists.")
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Print the plan it would write; write nothing."),
    ] = False,
) -> int:
    """Read the board's plan document (Word .docx or PDF) into a new plan file that
    validates, marking each place to check (GRANSKA in a Swedish plan, REVIEW in an English
    one).

    It finds the heading with the year, the numbered goals with their text, and the activity
    table by its header (Aktivitet, Mål, Ansvarig, Slutdatum, Status, in any order; or
    Activity, Goals, Owner, Deadline, Status), also when the table is split over pages. A
    document with tracked changes or comments, a scanned PDF, an old .doc or an encrypted
    PDF is refused, writing nothing. It never overwrites a file without --force.

    \b
    Examples:
      hplan import Handlingsplan2025.docx
      hplan import Handlingsplan2025.pdf --dry-run
      hplan import Handlingsplan2026.docx -o plan2026.yaml
    """
    from hplan.render.imported import import_summary

    session: Session = ctx.obj
    if output == Path("-"):  # standard output, as everywhere else: never a file named "-"
        output, dry_run = None, True
    imported = _read(session, document, output, force, dry_run)
    language = imported.language
    # Wrapped between words at a terminal's width; whole lines for a file or a pipe.
    shown = stderr_is_terminal() if dry_run else is_terminal()
    width = terminal_width() if shown else None
    summary = import_summary(imported.draft, imported.target, imported.written, language, width)
    if dry_run:
        emit(imported.text)
        typer.echo(summary, err=True, nl=False)
    else:
        emit(summary)
    return 0


def _read(
    session: Session, document: Path, output: Path | None, force: bool, dry_run: bool
) -> Imported:
    """The document read into a plan, with its pages' progress at a terminal."""
    from hplan.api.session import user_language
    from hplan.cli.progress import saying
    from hplan.errors import Message

    # Said before any plan is read: the language asked for, else the user's.
    language = session.requested_language or user_language()
    with saying(Message("Reading the document's pages"), language) as advance:
        return session.import_document(
            document, output, force=force, dry_run=dry_run, advance=advance
        )
