"""The one place hplan reaches past Typer's documented API (issue 16): building only the
command that runs. If Typer changes `get_command_from_info` or `get_command_name`, this test
fails on the newest Typer instead of hplan quietly building every command again."""

from __future__ import annotations

import importlib

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
