"""`hplan edit ID`: the plan file in the person's own editor, at that activity, validated when
the editor closes; on an error, the editor again at the first problem, as `git commit` offers
when a hook refuses."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from hplan.cli.options import IdArg
from hplan.cli.output import can_ask, command_app, warning

if TYPE_CHECKING:
    from hplan.api.session import Session

app = command_app()

EDITOR_FALLBACK = "vi"
"""The editor when neither $VISUAL nor $EDITOR names one, as git's."""

LINE_FLAGS = {"code": "-g", "code-insiders": "-g", "codium": "-g", "subl": "", "gedit": ""}
"""Editors that do not take `+LINE FILE`: how each is told the line (`-g FILE:LINE`), or ""
for FILE:LINE alone."""


@app.command()
def edit(ctx: typer.Context, activity_id: IdArg) -> int:
    """Open the plan in your editor at an activity, and validate it when you close the editor.

    The editor is $VISUAL, else $EDITOR, else vi. If what you saved does not validate, the
    errors are shown and (at a terminal) hplan offers to open the editor again at the first
    one; the file stays as you saved it either way.

    \b
    Examples:
      hplan edit 7
      EDITOR=nano hplan edit 12
    """
    from hplan.api import PlanInvalid, activity_line, read_plan_file
    from hplan.cli.wording import error_text
    from hplan.render.messages import edit_again, edit_kept, edit_saved, edit_unchanged

    session: Session = ctx.obj
    path = session.path
    try:
        language = session.language
    except PlanInvalid as invalid:  # a plan that does not validate is what one edits to fix
        language = session.error_language(invalid)
    line = activity_line(path, activity_id)
    before = path.read_bytes()
    reopened = False
    while True:
        _open_editor(path, line)
        if not reopened and path.read_bytes() == before:
            typer.echo(edit_unchanged(path, language), err=True)
            return 0
        try:
            read_plan_file(path)
        except PlanInvalid as invalid:
            warning(error_text(invalid, language))  # a person reads it, at the terminal
            if not can_ask() or not typer.confirm(edit_again(language), default=True, err=True):
                warning(edit_kept(path, language))
                return invalid.exit_code
            line = min((p.line for p in invalid.problems), default=line)
            reopened = True
        else:
            typer.echo(edit_saved(path, language), err=True)
            return 0


def _open_editor(path: Path, line: int) -> None:
    """Run the person's editor on `path` at `line` and wait for it to close."""
    from hplan.errors import HplanError, Message

    named = os.environ.get("VISUAL") or os.environ.get("EDITOR") or EDITOR_FALLBACK
    command = shlex.split(named)
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
                error=error.strerror or error,
            )
        ) from None
