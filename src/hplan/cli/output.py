"""Putting a rendering where it goes: standard output, or a file through the atomic writer."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperCommand

if TYPE_CHECKING:
    from hplan.api.session import Session

PAGING = {"allowed": True}
"""Whether long output may go through a pager: --no-pager turns it off for the run."""


def is_terminal() -> bool:
    """True when standard output is a terminal (tables are drawn with rich)."""
    return sys.stdout.isatty()


def emit(text: str) -> None:
    """Print text as rendered (it ends with its own newline). On a terminal, text longer than
    the screen goes through a pager as git does: $PAGER, else `less -FRX`; never when piped."""
    if PAGING["allowed"] and sys.stdout.isatty():
        import shutil

        if text.count("\n") >= shutil.get_terminal_size((80, 24)).lines and _page(text):
            return
    sys.stdout.write(text)
    sys.stdout.flush()


def _page(text: str) -> bool:
    """Show text through the pager; False when there is none to run."""
    import os
    import shlex
    import subprocess

    command = os.environ.get("HPLAN_PAGER") or os.environ.get("PAGER") or "less -FRX"
    if command.strip() in ("", "cat"):
        return False
    try:
        argv = shlex.split(command)
    except ValueError:
        return False
    # As git does: less without $LESS gets FRX (colour shown, one screen printed as is).
    less = os.environ.get("LESS", "FRX")
    if not _shows_colour(argv, less):
        text = re.sub(r"\x1b\[[0-9;]*m", "", text)  # a pager that shows escapes gets none
    try:
        subprocess.run(
            argv,
            input=text.encode("utf-8"),
            check=False,
            env={**os.environ, "LESS": less,
                 "LESSCHARSET": os.environ.get("LESSCHARSET", "utf-8")},
        )  # fmt: skip
    except (OSError, ValueError):
        return False
    return True


def _shows_colour(argv: list[str], less: str) -> bool:
    """Whether the pager shows colour: less with -R (in its arguments or $LESS)."""
    if not argv or Path(argv[0]).name != "less":
        return False
    flags = [a for a in argv[1:] if a.startswith("-") and not a.startswith("--")]
    return any("R" in a for a in flags) or "R" in less


def deliver(
    content: str | bytes,
    output: Path | None,
    language: str,
    plan: Path | None = None,
    force: bool = False,
) -> None:
    """Print `content` (also for `-o -`), or write it to `output` whole or not at all and say
    so on stderr, in `language`; never over the `plan` in use, a plan file or a file hplan did
    not make, unless `force`."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if output is None or str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from hplan.api import write_file

    write_file(output, data, plan, force)
    from hplan.render.messages import wrote

    typer.echo(wrote(output, language), err=True)


class _Command(TyperCommand):
    """A command whose usage line names its arguments as people write them: `ID STATUS`,
    where Typer 0.29 writes a required argument in braces (`{ID} {STATUS}`)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)
        return [_unbraced(piece) for piece in pieces]

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """The help page in the plan's language (cli/help_text.py)."""
        from hplan.cli.help_text import click_words, help_language, translated

        language = help_language(ctx)
        start = len(formatter.buffer)
        with translated(self, language):
            super().format_help(ctx, formatter)
        formatter.buffer[start:] = click_words(formatter.buffer[start:], language)


def _unbraced(piece: str) -> str:
    if piece.startswith("{") and "}" in piece:
        name, _, rest = piece[1:].partition("}")
        return name + rest
    return piece


class _App(typer.Typer):
    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", _Command)
        return super().command(*args, **kwargs)


def command_app() -> typer.Typer:
    """A Typer app for one module's commands, with hplan's settings."""
    return _App(
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


def warn_if_history_is_cut(session: Session) -> None:
    """Say on stderr when git's history of the plan is cut short (a shallow clone)."""
    from hplan.render.messages import history_cut

    if (start := session.history_cut()) is not None:
        typer.echo(history_cut(start, session.language), err=True)


def stderr_is_terminal() -> bool:
    """Whether standard error is a terminal (a person reads it there)."""
    return sys.stderr.isatty()


def for_people(text: str, terminal: bool | None = None) -> str:
    """Text for standard error (or, with `terminal`, standard output when it is one), each
    line wrapped between words at a terminal's width, its later lines indented; unchanged
    for a pipe or a file (a program reads whole lines)."""
    if not (stderr_is_terminal() if terminal is None else terminal):
        return text
    from hplan.render import terminal_width, wrap_words

    width = max(terminal_width() - 1, 20)
    return "\n".join(part for line in text.split("\n") for part in wrap_words(line, width, "  "))


def say_done(text: str) -> None:
    """A confirmation on standard output ("Status of 7 set to done — Samordna …"): at a
    terminal wrapped between words, never inside one ("Outdo|or-mässan"); whole lines for a
    program."""
    emit(for_people(text.rstrip("\n"), terminal=is_terminal()) + "\n")


def warning(text: str) -> None:
    """A line for people on stderr, wrapped between words at a terminal's width."""
    typer.echo(for_people(text), err=True)


def can_ask() -> bool:
    """Whether a person is there to answer a question (standard input is a terminal)."""
    return sys.stdin.isatty()


def warn_if_past_year(session: Session, writing: bool = False) -> None:
    """Say once, on stderr, when today is past the plan's year (and no --as-of says which day
    is meant); before a write at a terminal, ask whether to write into that year's plan."""
    from hplan.render.messages import past_year_warning

    if not session.year_is_over():
        return
    warning(past_year_warning(session.plan.year, session.today, session.language))
    if writing and can_ask():
        from hplan.errors import Message
        from hplan.render.i18n import say

        ask = Message("Write into the plan for {year} all the same?", year=session.plan.year)
        if not confirm(say(ask, session.language), False, session.language):
            raise typer.Abort()


YES = {"j", "ja", "y", "yes"}
NO = {"n", "nej", "no"}
"""The answers a question takes, in either language, whichever the plan speaks."""


def confirm(question: str, default: bool, language: str) -> bool:
    """Ask a yes-or-no question on standard error in the plan's language, `[j/N]` in Swedish
    and `[y/N]` in English, taking either language's words; a word it cannot read is said
    in the plan's language and the question asked again. Standard input closed: `default`."""
    import sys

    from hplan.errors import Message
    from hplan.render.i18n import say

    yes = "j" if language == "sv" else "y"
    letters = f"[{yes.upper()}/n]" if default else f"[{yes}/N]"
    while True:
        typer.echo(f"{question} {letters}: ", err=True, nl=False)
        line = sys.stdin.readline()
        answer = line.strip().casefold()
        if not line or not answer:
            if not line:
                typer.echo("", err=True)
            return default
        if answer in YES or answer in NO:
            return answer in YES
        said = Message("answer {yes} or n", yes=yes)
        typer.echo(say(said, language), err=True)


SECRETS: set[str] = set()
"""Secrets read this run (a password from standard input): never printed."""


def read_secret() -> str:
    """A password from the first line of standard input, kept from every error's words."""
    import sys

    secret = sys.stdin.readline().rstrip("\r\n")
    SECRETS.add(secret)
    return secret


def redacted(text: str) -> str:
    """`text` with every secret hplan may hold replaced: the environment's passwords, tokens
    and secrets, and those read from standard input. An unexpected error's words can carry
    one (Python's UnicodeEncodeError quotes the string it could not encode)."""
    import os
    import re

    known = {v for k, v in os.environ.items() if re.search("PASSWORD|SECRET|TOKEN", k) and v}
    for secret in sorted(known | SECRETS, key=len, reverse=True):
        if len(secret) >= 3:
            text = text.replace(secret, "***").replace(repr(secret)[1:-1], "***")
    return text
