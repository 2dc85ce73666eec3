"""Where hplan reaches past Typer's documented API, each place fenced (issues 16, 29):
building only the command that runs (`get_command_from_info`, `get_command_name`), coercing
plain parameters without pydantic (`hplan.cli.coercion`), and Click's exceptions for usage
errors in hplan's words (`cli/wording.click_exceptions`). If a Typer release changes one of
them, a test here fails on the day it installs (`.ci/run` runs these on the lowest Typer
hplan declares and on the newest), instead of hplan quietly doing less. A comparison that
compares nothing fails too: each test counts what it compared."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from hplan.cli.app import COMMANDS, build_one


def test_typers_hooks_are_there() -> None:
    assert callable(getattr(typer.main, "get_command_from_info", None))
    assert callable(getattr(typer.main, "get_command_name", None))


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_command_built_alone_is_the_command_typer_builds(name: str) -> None:
    module_app = importlib.import_module(f"hplan.cli.{COMMANDS[name]}").app
    whole = typer.main.get_command(module_app)
    expected = whole.commands[name] if hasattr(whole, "commands") else whole
    alone = build_one(module_app, name)
    assert alone.name == expected.name == name
    assert [p.name for p in alone.params] == [p.name for p in expected.params]
    assert [p.opts for p in alone.params] == [p.opts for p in expected.params]
    assert alone.context_settings.get("help_option_names") == ["-h", "--help"]


# The second place (issue 16): plain parameters coerced without pydantic, hplan.cli.coercion.

SAMPLES: tuple[object, ...] = (
    "", "0", "1", "5", "05", "14", "600", "601", "65535", "70000", "1.5", "-1", "+2", " 3",
    "1_000", "abc", "table", "TABLE", "json", "Json", "owner", "bash", "plan2025.yaml",
    "nowhere/plan.yaml", "-", "2025-07-01", "igår", 0, 1, 7, 2.5, True, False,
    ("7", "8"), ["a", "b"], (), ("1", "x"),
)  # fmt: skip
"""Values as Click hands them over: argv strings, defaults, and what multiple options give."""


def test_typers_coercion_hook_is_there() -> None:
    from typer import _coercion, _param_types, core

    from hplan.cli import coercion

    assert coercion.install() is True
    assert getattr(core.build_runtime_param, "hplan", False) is True
    assert callable(getattr(_coercion, "build_runtime_param", None))
    assert callable(getattr(_coercion.RuntimeParam, "_coerce_value", None))
    assert callable(_param_types.coerce_cli_choice)
    assert callable(_param_types.coerce_cli_path)


def _outcome(coerce: Any, *args: Any, **kwargs: Any) -> tuple[str, object]:
    try:
        return ("value", coerce(*args, **kwargs))
    except Exception as error:  # Typer's words for a value it refuses
        return (type(error).__name__, str(getattr(error, "message", error)))


@pytest.mark.parametrize("name", list(COMMANDS))
def test_plain_coercion_gives_typers_value_for_every_parameter(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each parameter of each command, each sample: the same value or the same error as
    Typer's own adapter, and a sample plain coercion takes is one Typer takes too."""
    from typer import _param_types, core

    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan2025.yaml").write_text("a file, for the paths that want a folder\n")

    from hplan.cli import coercion

    assert coercion.install()
    typers = core.build_runtime_param.typers  # type: ignore[attr-defined]
    command = build_one(importlib.import_module(f"hplan.cli.{COMMANDS[name]}").app, name)
    context = command.make_context(name, ["--help"], resilient_parsing=True)
    taken = compared = 0
    declared = [p for p in command.params if p.name not in TYPERS_OWN]
    for param in declared:
        descriptor = getattr(param, DESCRIPTOR, None)
        assert descriptor is not None, f"Typer no longer gives {param.name} a {DESCRIPTOR}"
        compared += 1
        ours = core.build_runtime_param(descriptor)
        theirs = typers(descriptor)
        for value in SAMPLES:
            mine = _outcome(ours._coerce_value, value, param=param, ctx=context)
            expected = _outcome(theirs._coerce_value, value, param=param, ctx=context)
            assert mine == expected, (param.name, value)
            plain = coercion.plain(descriptor.annotation, descriptor.parameter_info, _param_types)
            if plain is None:
                continue
            if _outcome(plain, value, param, context) != ("value", coercion.DECLINE):
                taken += 1
    # Every parameter the command declares was compared, and plain coercion took some value.
    assert compared == len(declared) > 0 or not declared
    assert taken > 0 or not declared


DESCRIPTOR = "type_descriptor"
"""The attribute in which Typer 0.29 keeps a parameter's annotation and its options."""

TYPERS_OWN = {"help", "install_completion", "show_completion"}
"""Parameters Typer adds itself, with no annotation of hplan's to coerce."""


def test_the_coercion_comparison_fails_when_it_compares_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Switched off: a Typer that renamed `type_descriptor` gives no parameter one."""
    monkeypatch.setattr(sys.modules[__name__], "DESCRIPTOR", "renamed_descriptor")
    with pytest.raises(AssertionError, match="renamed_descriptor"):
        test_plain_coercion_gives_typers_value_for_every_parameter("status", tmp_path, monkeypatch)


def test_usage_errors_keep_hplans_words_where_typer_moved_its_click(
    run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`typer._click` is private: where it cannot be imported, Click's exceptions are found
    through `typer.BadParameter`, and a usage error is still said in hplan's words."""
    from hplan.cli import wording

    monkeypatch.setitem(sys.modules, "typer._click", None)  # `from typer._click import` fails
    assert wording.click_error("MissingParameter").__name__ == "MissingParameter"
    result = run("show")
    assert result.code == 2
    assert result.stderr.startswith("hplan: ID is missing\n"), result.stderr
    assert "Traceback" not in result.stderr
