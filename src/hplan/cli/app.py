"""The `hplan` group: global options, lazily loaded commands, and errors mapped to exit codes.

Only the command asked for is imported and built (`_LazyGroup.get_command`): each command
module costs start-up time, and Typer builds a pydantic adapter for each parameter it parses.
Errors become exit codes in one place, `_LazyGroup.invoke`: a user or data error prints one
message on stderr and exits with the error's code, a usage error exits 2, a traceback only
with --debug. Click's own usage errors are said in hplan's words in `_LazyGroup.main`
(cli/wording.py).
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from hplan import __version__
from hplan.cli import coercion
from hplan.cli.wording import FIELD_OPTIONS, debugging, error_text, option_of, say
from hplan.errors import HplanError, Message, UsageError

COMMANDS = {
    "list": "read",
    "show": "read",
    "overdue": "read",
    "upcoming": "read",
    "goals": "read",
    "owners": "read",
    "status": "write",
    "note": "write",
    "add": "write",
    "edit": "edit",
    "changes": "past",
    "history": "past",
    "assess": "followup",
    "followup": "followup",
    "rollover": "write",
    "import": "imports",
    "validate": "files",
    "report": "files",
    "timeline": "read",
    "calendar": "files",
    "schema": "files",
    "digest": "mail",
    "inbox": "inbox",
    "ci": "ci",
    "serve": "serve",
}
"""Each command and the module of hplan.cli that holds it, in the order help lists them."""

coercion.install()  # plain parameters without pydantic's adapters, where Typer allows it

GLOBAL_OPTIONS = ("--plan", "-p", "--as-of", "--lang")
"""Options of every command, taken before or after the command's name; each takes a value."""

GLOBAL_FLAGS = ("--no-pager", "--no-color")
"""Flags of every command, taken before or after the command's name."""

GLOBAL_HELP = (
    "\b\nOptions of every command (before or after its name), see hplan --help:\n"
    "  --plan PATH, --as-of DATE, --lang sv|en, --no-pager, --no-color"
)


def build_one(module_app: typer.Typer, name: str) -> Any:
    """The Click command `name` of a module's Typer app, built alone: Typer's `get_command`
    builds every command of the module (seven for `read`) to run one. Uses Typer's
    `get_command_from_info` and `get_command_name` when they are there (feature-detected; a
    contract test fails when they change), else Typer's own whole build."""
    one = getattr(typer.main, "get_command_from_info", None)
    named = getattr(typer.main, "get_command_name", None)
    if one is not None and named is not None:
        for info in module_app.registered_commands:
            if (info.name or named(info.callback.__name__ if info.callback else "")) == name:
                settings = module_app.info.context_settings
                if not info.context_settings and isinstance(settings, dict):
                    info.context_settings = settings  # as Typer gives a module's one command
                return one(
                    info,
                    pretty_exceptions_short=module_app.pretty_exceptions_short,
                    rich_markup_mode=module_app.rich_markup_mode,
                )
    built = typer.main.get_command(module_app)
    return built.commands[name] if hasattr(built, "commands") else built


HELP_LANGUAGE = "hplan.help_language"
"""Where a help page keeps its language for the commands it lists (ctx.meta)."""


class _LazyGroup(TyperGroup):
    """Builds only the command that runs; maps every error to one message and an exit code."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        for param in params:  # Typer adds it after the group is made: taken over here
            if param.name == "install_completion":
                from hplan.cli.completion import install_completion

                param.callback = install_completion
        return params

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        command = build_one(importlib.import_module(f"hplan.cli.{module}").app, cmd_name)
        if GLOBAL_HELP not in (command.epilog or ""):
            command.epilog = f"{command.epilog}\n\n{GLOBAL_HELP}" if command.epilog else GLOBAL_HELP
        if not command.short_help and command.help:
            # `hplan --help` shows each command's first sentence whole, wrapped, never cut,
            # in the help page's language.
            shown = command.help
            if HELP_LANGUAGE in ctx.meta:  # only a help page lists commands: never on a run
                from hplan.cli.help_text import in_language

                shown = in_language(shown, ctx.meta[HELP_LANGUAGE])
            command.short_help = " ".join(shown.split("\n\n")[0].split())
        return command

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """The group's help page in the plan's language (cli/help_text.py)."""
        from hplan.cli.help_text import click_words, help_language, translated

        language = ctx.meta[HELP_LANGUAGE] = help_language(ctx)
        start = len(formatter.buffer)
        with translated(self, language):
            super().format_help(ctx, formatter)
        formatter.buffer[start:] = click_words(formatter.buffer[start:], language)

    def main(self, *args: Any, **options: Any) -> Any:
        """Run as a program; Click's usage errors are said as hplan's own (cli/wording.py)."""
        from hplan.cli.wording import standalone

        given = dict(zip(_MAIN_ARGS, args, strict=False))
        return standalone(super().main, _said, **given, **options)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_global_options(args))

    def invoke(self, ctx: Any) -> Any:
        debug = debugging(bool(ctx.params.get("debug")))
        try:
            result = super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise
        except HplanError as error:
            if debug:
                raise
            from hplan.cli.output import for_people

            language = _language(ctx, error)
            said = error_text(error, language, option_of(ctx, language))
            typer.echo(for_people(said), err=True)
            ctx.exit(error.exit_code)
        except KeyboardInterrupt as error:
            typer.echo(say(Message("hplan: interrupted"), _language(ctx, error)), err=True)
            ctx.exit(130)
        except Exception as error:
            if debug or _is_usage_error(error):
                raise
            from hplan.cli.output import redacted

            message = Message(
                "hplan: unexpected error: {error}. This is a bug in hplan; run again with "
                "--debug for details and report it.",
                error=redacted(repr(error)),
            )  # the words of an error hplan did not expect may carry a secret
            typer.echo(say(message, _language(ctx, error)), err=True)
            ctx.exit(1)
        _say_which_plan(ctx)
        if isinstance(result, int) and result:
            ctx.exit(result)
        return result


_MAIN_ARGS = ("args", "prog_name", "complete_var", "standalone_mode")


def _said(error: BaseException) -> str:
    """An error met outside a command's run (a usage error, an option's value), for people."""
    from hplan.cli.output import for_people
    from hplan.cli.wording import usage_line, usage_message

    ctx = getattr(error, "ctx", None)
    language = _language(ctx, error)
    if isinstance(error, HplanError):  # a global option's value: --as-of
        return for_people(error_text(error, language, lambda f: FIELD_OPTIONS.get(f, f)))
    # "hplan" as people type it, whatever name the program was started by (a test's "root").
    command = " ".join(["hplan", *(ctx.command_path.split()[1:] if ctx is not None else [])])
    if isinstance(error, typer.Abort):
        return for_people(say(Message("hplan: stopped; nothing was changed"), language))
    said = Message("hplan: {message}", message=usage_message(error, list(COMMANDS)))
    helped = Message("See `{command} --help`.", command=command)
    usage = usage_line(error, command, language)
    if usage:
        said = Message("{message}\n{usage}", message=said, usage=usage)
    return for_people(say(said, language)) + "\n" + say(helped, language)


def _say_which_plan(ctx: Any) -> None:
    """Name the plan on stderr when hplan found it in a folder above the current one."""
    from hplan.api import Session

    session = ctx.obj
    if isinstance(session, Session) and (found := session.found_elsewhere) is not None:
        message = Message("hplan: the plan in use is {path}", path=found)
        typer.echo(say(message, session.error_language(HplanError(message))), err=True)


def _is_usage_error(error: Exception) -> bool:
    # Typer's own exceptions (usage errors, exits) carry an exit code and are its to print.
    return hasattr(error, "exit_code") and hasattr(error, "show")


def hoist_global_options(args: list[str]) -> list[str]:
    """The arguments with every global option (and its value) moved before the command."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        name = arg.split("=", 1)[0]
        if name in GLOBAL_OPTIONS and name.startswith("--") and "=" in arg:
            front.append(arg)
        elif arg in GLOBAL_OPTIONS and i + 1 < len(args):
            front += args[i : i + 2]
            i += 1
        elif arg in GLOBAL_FLAGS:
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def _language(ctx: Any, error: BaseException) -> str:
    """The language of this run's messages, for an error (api Session.error_language)."""
    from hplan.api import Session

    obj = getattr(ctx, "obj", None)
    session = obj if isinstance(obj, Session) else Session()
    return session.error_language(error)


app = typer.Typer(
    cls=_LazyGroup,
    help=(
        "Validate, query and update Hälsingerådet's action plan (plan2025.yaml).\n\n"
        "The plan is read from --plan, else $HPLAN_PLAN, else plan<YEAR>.yaml for the year of "
        "--as-of (or today), else the latest earlier year's, in the current folder or the "
        "nearest one above it."
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


def _version(value: bool) -> None:
    if value:
        from hplan.origin import built_from

        commit = built_from()
        typer.echo(f"hplan {__version__}" + (f" (commit {commit})" if commit else ""))
        raise typer.Exit()


def _day(value: str | None) -> str | None:
    from hplan.plan.clock import today
    from hplan.plan.deadlines import DeadlineError

    if value is not None:
        try:
            today(value)  # checked here; read again in the plan's time zone
        except DeadlineError as error:
            raise UsageError("as_of", error.message) from None
    return value


@app.callback()
def _main(
    ctx: typer.Context,
    plan: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            "-p",
            dir_okay=False,
            metavar="PATH",
            help="Plan file (default: $HPLAN_PLAN, else plan<YEAR>.yaml for the year of "
            "--as-of or today, else the latest earlier year's; here or in a folder above).",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            callback=_day,
            metavar="DATE",
            help="The day to answer as of: 2025-07-01 or '1 juli 2025' (default: today).",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="sv|en",
            help="Language of the output (default: $HPLAN_LANG, else the plan's language).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show hplan's version and exit."
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Print long output straight to the terminal ($PAGER, else less -FRX, "
            "is used otherwise; never when piped).",
        ),
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour, as NO_COLOR=1 says (no-color.org).")
    ] = False,
) -> None:
    """Validate, query and update Hälsingerådet's action plan."""
    from hplan.api import Session
    from hplan.cli.output import PAGING

    PAGING["allowed"] = not no_pager
    if no_color:
        os.environ["NO_COLOR"] = "1"  # the one switch render/ reads (render.no_color)
    ctx.obj = Session(plan, as_of=as_of, language=lang)


def main() -> None:
    """Entry point of the `hplan` script."""
    import gc
    import sys

    # A command lives a fraction of a second: the cyclic collector only walks the large heap
    # pydantic leaves behind (13 ms during a run, a 54 ms pass mid-render on 10,000
    # activities). Reference counting still frees nearly everything; `hplan serve`, which
    # lives long, turns collection back on. Frozen at the end, nothing is walked at exit.
    gc.disable()

    # A terminal that cannot show a character (a Swedish ISO-8859-1 terminal, ASCII) gets
    # what it can show, never an error: "?" stands for the rest.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    try:
        app(prog_name="hplan")
    finally:
        gc.freeze()
