"""Putting a rendering where it goes: standard output, or a file through the atomic writer."""

from __future__ import annotations

import sys
from pathlib import Path

import typer


def emit(text: str) -> None:
    """Print text as rendered (it ends with its own newline)."""
    sys.stdout.write(text)
    sys.stdout.flush()


def deliver(content: str | bytes, output: Path | None) -> None:
    """Print `content`, or write it to `output` whole or not at all and say so on stderr."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from hplan.store.atomic import write_atomic

    write_atomic(output, data, follow=False)
    typer.echo(f"Wrote {output}", err=True)


def command_app() -> typer.Typer:
    """A Typer app for one module's commands, with hplan's settings."""
    return typer.Typer(
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


def warn_if_history_is_cut(path: Path) -> None:
    """Say on stderr when git's history of the plan is cut short (a shallow clone)."""
    from hplan.store.history import shallow

    if (start := shallow(path)) is not None:
        typer.echo(
            f"hplan: warning: this clone's history starts on {start} (a shallow clone); changes "
            "before it are not shown. `git fetch --unshallow` brings the rest.",
            err=True,
        )
