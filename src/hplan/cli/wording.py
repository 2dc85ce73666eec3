"""Errors as the command line says them: hplan's own, and Click's and Typer's usage errors
in hplan's words and the plan's language (issue 18).

Click words a refused option in English ("Invalid value for '--format' / '-f': Value error,
'xml' is not one of …") with pydantic's text inside. Here each kind of usage error Click
raises is said as hplan says its own: the command, the option as typed, what is wrong and
what to do, then where the help is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from hplan.errors import HplanError, Message, PlanInvalid, PlanNotFound, UsageError

SEARCH_HINTS = {
    "folder": Message(
        "give --plan PATH, set HPLAN_PLAN, or run hplan in the folder of plan2025.yaml"
    ),
    "year": Message("give --plan PATH or --as-of a day in the plan's year"),
}
"""What to do when hplan found no plan file by itself, by what the search missed."""


def say(message: Message, language: str) -> str:
    """A message in `language` (the catalogs)."""
    from hplan.render.i18n import say as said

    return said(message, language)


def error_text(
    error: HplanError, language: str = "en", option: Callable[[str], str] | None = None
) -> str:
    """An error as the user reads it, in `language`: every located problem, then what to do.
    A usage error names the `option` of its field. What the user typed may hold control
    characters; they are shown escaped (\\x1b), never sent raw."""
    from hplan.render.i18n import visible

    if isinstance(error, PlanInvalid):
        count = len(error.problems)
        summary = Message.counted(
            "hplan: {path}: {count} error; fix it and run `hplan validate`.",
            "hplan: {path}: {count} errors; fix them and run `hplan validate`.",
            count,
            path=error.path,
        )
        text = say(error.message, language) + "\n" + say(summary, language)
    elif isinstance(error, PlanNotFound) and error.searched in SEARCH_HINTS:
        hint = SEARCH_HINTS[error.searched]
        text = say(Message("hplan: {message}; {hint}", message=error.message, hint=hint), language)
    elif isinstance(error, UsageError):
        named = (option or str)(error.field)
        message = Message("hplan: {option}: {message}", option=named, message=error.detail)
        text = say(message, language)
    else:
        text = say(Message("hplan: {message}", message=error.message), language)
    return visible(text)


_NO_COMMAND = re.compile(r"No such command '(.*)'\.")
_EXTRA = re.compile(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)")
_NEEDS_VALUE = re.compile(r"Option '(.*)' requires")
_TAKES_NO_VALUE = re.compile(r"Option '(.*)' does not take a value")


class _Never(Exception):
    """Matches no error: the stand-in for a Click exception this Typer does not have."""


def click_exceptions() -> Any:
    """Click's exceptions as the running Typer carries them. Typer 0.29 vendors Click as the
    private `typer._click`; where a release moves it, they are found through a public name
    (`typer.BadParameter` is one of them), so every command keeps working (issue 29)."""
    try:
        from typer._click import exceptions

        return exceptions
    except ImportError:
        import sys

        import typer

        return sys.modules[typer.BadParameter.__module__]


def click_error(name: str) -> Any:
    """One of Click's exception classes by name, or one that matches nothing."""
    found = getattr(click_exceptions(), name, None)
    return found if isinstance(found, type) and issubclass(found, BaseException) else _Never


def usage_message(error: Any, commands: list[str]) -> Message:
    """What a Click usage error means, as a Message (translated where it is printed)."""
    from difflib import get_close_matches

    text = str(getattr(error, "message", "") or "")
    if isinstance(error, click_error("NoSuchOption")):
        near = get_close_matches(error.option_name, sorted(error.possibilities or ()), 1)
        if near:
            return Message(
                "unknown option {option}; did you mean {near}?",
                option=error.option_name,
                near=near[0],
            )
        return Message("unknown option {option}", option=error.option_name)
    if isinstance(error, click_error("MissingParameter")):
        return Message("{what} is missing", what=_typed(error.param, error.param_hint))
    if isinstance(error, click_error("BadParameter")):
        return _bad_value(error, text)
    if isinstance(error, click_error("BadOptionUsage")):
        if found := _NEEDS_VALUE.match(text):
            return Message("{option} needs a value", option=found[1])
        if found := _TAKES_NO_VALUE.match(text):
            return Message("{option} takes no value", option=found[1])
    if found := _NO_COMMAND.match(text):
        near = get_close_matches(found[1], commands, 1)
        if near:
            return Message(
                "unknown command '{name}'; did you mean {near}?", name=found[1], near=near[0]
            )
        return Message("unknown command '{name}'", name=found[1])
    if found := _EXTRA.match(text):
        return Message("unexpected extra argument: {args}", args=found[1])
    return Message("{text}", text=text)


def usage_line(error: Any, command: str, language: str) -> str | None:
    """The command's usage line, where an error is about its arguments (one missing, one too
    many): `Usage: hplan status [OPTIONS] ID... STATUS`."""
    ctx = getattr(error, "ctx", None)
    about_arguments = isinstance(
        error, click_error("MissingParameter") | click_error("BadArgumentUsage")
    ) or _EXTRA.match(str(getattr(error, "message", "")))
    if ctx is None or not about_arguments:
        return None
    from hplan.cli.help_text import placeholder

    pieces = [placeholder(p, language) for p in ctx.command.collect_usage_pieces(ctx)]
    return say(Message("Usage: {usage}", usage=" ".join([command, *pieces])), language)


def _bad_value(error: Any, text: str) -> Message:
    param = error.param
    what = _typed(param, error.param_hint)
    descriptor = getattr(param, "type_descriptor", None)
    given = getattr(error, "hplan_value", None)
    value = ", ".join(given) if isinstance(given, list | tuple) else given
    if descriptor is not None and descriptor.choices is not None:
        choices = ", ".join(str(getattr(c, "value", c)) for c in descriptor.choices)
        if value is not None:
            return Message(
                "{what}: '{value}' is not one of {choices}",
                what=what,
                value=value,
                choices=choices,
            )
        return Message("{what}: use one of {choices}", what=what, choices=choices)
    if descriptor is not None and descriptor.annotation in (int, float):
        info = descriptor.parameter_info
        low, high = info.min, info.max
        shown = value if value is not None else "?"
        if low is not None and high is not None:
            return Message(
                "{what}: '{value}' is not a number from {low} to {high}",
                what=what, value=shown, low=low, high=high,
            )  # fmt: skip
        if low is not None:
            return Message(
                "{what}: '{value}' is not a number of at least {low}",
                what=what, value=shown, low=low,
            )  # fmt: skip
        return Message("{what}: '{value}' is not a number", what=what, value=shown)
    return Message("{what}: {text}", what=what, text=text.removeprefix("Value error, "))


def _typed(param: Any, hint: Any) -> Message | str:
    """The option or argument as a person types it: --format, ID; an argument's placeholder
    as a Message, said in the message's language (TITEL)."""
    from hplan.cli.help_text import METAVARS

    if isinstance(hint, str) and hint:
        word = hint.split(" / ")[0].strip("'")
    elif param is None:
        return "?"
    elif getattr(param, "param_type_name", "") == "argument":
        word = str(param.metavar or param.name.upper())
    else:
        longs = [o for o in param.opts if o.startswith("--")]
        word = str((longs or param.opts)[0])
    return METAVARS.get(word, word)


def standalone(
    main: Callable[..., Any], words: Callable[[BaseException], str], **options: Any
) -> Any:
    """Click's `main` as a program runs it (exit codes, Ctrl-C, help when nothing is given),
    with every usage error, and an hplan error met while options are read, said by `say`."""
    import sys

    import typer

    if not options.get("standalone_mode", True) or click_error("ClickException") is _Never:
        return main(**options)  # Typer's own handling, where its Click cannot be found
    options["standalone_mode"] = False
    try:
        result = main(**options)
    except click_error("NoArgsIsHelpError") as error:
        getattr(error, "show", lambda: None)()
        sys.exit(getattr(error, "exit_code", 2))
    except (click_error("ClickException"), HplanError) as error:
        if isinstance(error, HplanError) and _debugging(options):
            raise  # --debug: the traceback, with what caused it (a library's own reason)
        typer.echo(words(error), err=True)
        sys.exit(getattr(error, "exit_code", 1))
    except typer.Abort as error:
        typer.echo(words(error), err=True)
        sys.exit(1)
    sys.exit(result if isinstance(result, int) else 0)
    return None  # not reached: sys.exit raises


def debugging(asked: bool) -> bool:
    """Whether this run wants tracebacks: `asked` (--debug), or HPLAN_DEBUG set."""
    import os

    return asked or os.environ.get("HPLAN_DEBUG") in ("1", "true")


def _debugging(options: dict[str, Any]) -> bool:
    """debugging(), told by the arguments themselves (Click has not read them yet)."""
    import sys

    given = options.get("args")
    return debugging("--debug" in (list(given) if given is not None else sys.argv[1:]))


def option_of(ctx: Any, language: str) -> Callable[[str], str]:
    """What the person typed for a field an error names: the running command's option
    (`--status`) or argument (`STATUS`) of that name, else a global option."""
    params = list(ctx.command.params)
    name = ctx.invoked_subcommand
    if name is not None and (command := ctx.command.get_command(ctx, name)) is not None:
        params = list(command.params) + params

    def option(field: str) -> str:
        for param in params:
            if param.name.removesuffix("_") != field.removesuffix("_"):
                continue
            if param.param_type_name == "argument":
                from hplan.cli.help_text import placeholder

                return placeholder(str(param.metavar or param.name.upper()), language)
            longest = [o for o in param.opts if o.startswith("--")] or param.opts
            return str(longest[0])
        return FIELD_OPTIONS.get(field, field)

    return option


FIELD_OPTIONS = {"language": "--lang", "as_of": "--as-of", "plan": "--plan"}
"""Fields whose option is not named after them (HPLAN_LANG also sets --lang)."""
