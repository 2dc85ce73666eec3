"""`hplan edit ID`: the plan file in the person's own editor, at that activity, validated when
the editor closes; on an error, the editor again at the first problem, as `git commit` offers
when a hook refuses."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from hplan.cli.options import IdArg
from hplan.cli.output import can_ask, command_app, confirm, warning

if TYPE_CHECKING:
    from hplan.api.pipeline import Source
    from hplan.api.session import Session

app = command_app()

EDITOR_FALLBACK = "vi"
"""The editor when neither $VISUAL nor $EDITOR names one, as git's."""

LINE_FLAGS = {"code": "-g", "code-insiders": "-g", "codium": "-g", "subl": "", "gedit": ""}
"""Editors that do not take `+LINE FILE`: how each is told the line (`-g FILE:LINE`), or ""
for FILE:LINE alone."""


@app.command()
def edit(ctx: typer.Context, activity_id: IdArg) -> int:
    """Open the plan in your editor at an activity, and save it when you close the editor.

    The editor is $VISUAL, else $EDITOR, else vi, on a private copy of the plan. What you
    saved is written to the plan only when it validates, and only when nobody changed the
    plan while the editor was open; else the errors are shown and (at a terminal) hplan
    offers to open the editor again at the first one, and your text is kept, its path said.

    \b
    Examples:
      hplan edit 7
      EDITOR=nano hplan edit 12
    """
    from hplan.api import PlanInvalid, activity_line

    session: Session = ctx.obj
    path = session.path
    try:
        language = session.language
    except PlanInvalid as invalid:  # a plan that does not validate is what one edits to fix
        language = session.error_language(invalid)
    line = activity_line(path, activity_id)
    before = session.read_text()
    # The editor works on a private copy: the plan is written only whole and valid, by the
    # pipeline, and not over what another hplan wrote meanwhile.
    copy = Path(tempfile.mkdtemp(prefix="hplan-edit-")) / path.name
    copy.write_bytes(before.raw)
    code = _edit(session, before, copy, line, language)
    if code == 0:
        shutil.rmtree(copy.parent, ignore_errors=True)
    return code


def _edit(session: Session, before: Source, copy: Path, line: int, language: str) -> int:
    """The editor on `copy` until its text is saved, or left; the exit code."""
    from hplan.api import PlanChanged, PlanInvalid, edited_bytes
    from hplan.cli.wording import error_text
    from hplan.cli.write import after_write
    from hplan.render.messages import (
        edit_again,
        edit_kept,
        edit_overtaken,
        edit_saved,
        edit_unchanged,
    )

    path, reopened = before.path, False
    while True:
        _open_editor(copy, line)
        raw = edited_bytes(copy)
        if not reopened and raw == before.raw:
            typer.echo(edit_unchanged(path, language), err=True)
            return 0
        try:
            session.save_text(before, raw)
        except PlanInvalid as invalid:
            warning(error_text(invalid, language))  # a person reads it, at the terminal
            if not can_ask() or not confirm(edit_again(language), True, language):
                warning(edit_kept(path, copy, language))
                return invalid.exit_code
            line = min((p.line for p in invalid.problems), default=line)
            reopened = True
        except PlanChanged as changed:
            warning(edit_overtaken(path, copy, language))
            return changed.exit_code
        else:
            typer.echo(edit_saved(path, language), err=True)
            return after_write(session)  # its notes (another change kept beside it)


def _open_editor(path: Path, line: int) -> None:
    """Run the person's editor on `path` at `line` and wait for it to close."""
    from hplan.errors import HplanError, Message, os_reason

    variable = next((v for v in ("VISUAL", "EDITOR") if os.environ.get(v, "").strip()), "")
    named = os.environ[variable] if variable else EDITOR_FALLBACK
    try:
        command = shlex.split(named)
    except ValueError:  # an unbalanced quote: no command to run
        raise HplanError(
            Message(
                "{variable}='{editor}' is no command hplan can run (a quote or a backslash is "
                "left open); fix its quotes",
                variable=variable,
                editor=named,
            )
        ) from None
    flag = LINE_FLAGS.get(Path(command[0]).name) if command else None
    if flag is None:
        where = [f"+{line}", str(path)]
    else:
        where = [flag, f"{path}:{line}"] if flag else [f"{path}:{line}"]
    try:
        subprocess.run([*command, *where], check=False)
    except OSError as error:
        raise HplanError(
            Message(
                "could not start the editor '{editor}' ({error}); set VISUAL or EDITOR to the "
                "editor you use",
                editor=named,
                error=os_reason(error),
            )
        ) from None
