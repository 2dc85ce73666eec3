"""Options that several commands take, declared once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from hplan.cli.completion import complete_activity, complete_goal, complete_owner
from hplan.errors import Message, UsageError
from hplan.render import TERMINAL_ROWS, Format

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output format. Tables are plain when piped.")
]
OwnerOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--owner",
        metavar="NAME",
        autocompletion=complete_owner,
        help="Only this owner's activities: a name or part of one (case and accents ignored). "
        "Repeated: any of them.",
    ),
]
GoalOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--goal",
        "-g",
        metavar="GOAL",
        autocompletion=complete_goal,
        help="Only activities serving this goal or its sub-goals (4.2 includes 4.2.1). "
        "Repeated: any of them.",
    ),
]
AllOpt = Annotated[
    bool,
    typer.Option("--all", help=f"On a terminal, show every row (else the first {TERMINAL_ROWS})."),
]
AssessmentOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--assessment",
        metavar="ASSESSMENT",
        help="Only activities assessed so at the current follow-up round (repeatable): "
        "on-track, at-risk, off-track (enligt plan, risk, avvikelse).",
    ),
]
IdArg = Annotated[
    str,
    typer.Argument(metavar="ID", help="The activity's id.", autocompletion=complete_activity),
]
IdsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="ID",
        help="The activity's id; several ids change each of them in one write, all or none.",
        autocompletion=complete_activity,
    ),
]


def output_file(text: str) -> Path:
    """A file to write to, as typed: one that ends in a slash names a folder (Path would drop
    the slash and write `r.md/` to `r.md`)."""
    if text.endswith(("/", os.sep)) or Path(text).is_dir():
        raise UsageError(
            "output",
            Message("{text} names a folder; add the name of the file to write in it", text=text),
        )
    return Path(text)


OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        parser=output_file,
        help="Write to this file instead of standard output (- for standard output).",
    ),
]
ForceOpt = Annotated[
    bool,
    typer.Option(
        "--force", help="Replace a file hplan did not make (never the plan, nor a device)."
    ),
]
CommitOpt = Annotated[
    bool,
    typer.Option(
        "--commit",
        help="Make the change one git commit of the plan file, its message in the plan's language.",
    ),
]
