"""`hplan import`: the board's document (Word or PDF) read into a new plan file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hplan.imports.draft import Draft
from hplan.plan.results import Advance


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import read and where it went: `text` is the plan file's text."""

    draft: Draft
    target: Path
    text: str
    written: bool
    language: str = "en"
    """The language to say it in: the one asked for, else the new plan's."""


def import_document(
    document: Path,
    output: Path | None = None,
    *,
    force: bool = False,
    dry_run: bool = False,
    folder: Path | None = None,
    language: str | None = None,
    advance: Advance | None = None,
) -> Imported:
    """Read `document` into a new plan: `output`, else plan<YEAR>.yaml in `folder` (here),
    never over a file without `force`. The plan is checked whole before anything is written;
    with `dry_run` nothing is. `language`: the one asked for (else the new plan's)."""
    from hplan.errors import HplanError
    from hplan.origin import needs

    needs("import", ("docx", "lxml", "pdfplumber"), "hplan import")
    from hplan.imports.draft import draft
    from hplan.imports.reading import read_document

    found = draft(read_document(document, advance))
    try:
        target, data = _written(document, found, output, folder, force, dry_run)
    except HplanError as error:  # said in the new plan's language, as its summary is
        error.language = error.language or found.plan.language
        raise
    said = language or found.plan.language
    return Imported(found, target, data.decode("utf-8"), not dry_run, said)


def _written(
    document: Path,
    found: Draft,
    output: Path | None,
    folder: Path | None,
    force: bool,
    dry_run: bool,
) -> tuple[Path, bytes]:
    """The new plan's file and text, written unless `dry_run`; never over a file without
    `force`, never over the document."""
    from hplan.errors import Message, WriteRefused
    from hplan.render.imported import import_comments, import_header
    from hplan.store.new_plan import create_plan

    target = output or (folder or Path()) / f"plan{found.plan.year}.yaml"
    if not dry_run and not force and (target.exists() or target.is_symlink()):
        raise WriteRefused(
            Message(
                "{path} exists already; hplan import never overwrites a file (--force "
                "replaces it, -o names another)",
                path=target,
            )
        )
    if target.absolute() == document.absolute():
        raise WriteRefused(Message("{path} is the document itself; name another file", path=target))
    data = create_plan(
        target, found.plan, import_header(found), import_comments(found), found.as_written,
        force=force, write=not dry_run,
    )  # fmt: skip
    return target, data
