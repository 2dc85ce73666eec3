"""The README stays true: its opening commands, its tour output, and every command documented.

The tour's ```console blocks are run in order on a copy of the real plan and compared whole.
After changing output on purpose, regenerate them with: UPDATE_README=1 python -m pytest
tests/cli/test_readme.py
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from hplan.cli import app

from ..conftest import REAL_PLAN, REPO

README = REPO / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```\n", re.DOTALL)


def run_tour(text: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The README with every console block's output replaced by what hplan prints now."""
    monkeypatch.chdir(folder)
    monkeypatch.delenv("HPLAN_LANG", raising=False)  # as a user sees it: the plan's language
    runner = CliRunner()

    def rerun(match: re.Match[str]) -> str:
        command = match[1].splitlines()[0]
        assert command.startswith("$ hplan "), command
        # Answers that depend on the day must not depend on the real date.
        assert "--as-of" in command or command.split()[2] in ("validate", "--help"), command
        result = runner.invoke(app, shlex.split(command)[2:], catch_exceptions=False)
        return f"```console\n{command}\n{result.stdout}{result.stderr}```\n"

    return BLOCK.sub(rerun, text)


def test_readme_opens_with_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    first_block = text.split("```")[1]
    commands = [line for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == [
        "pip install . && hplan overdue",
        "pip install -e '.[test]' && python -m pytest",
    ]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in ci
    assert commands[1] in ci


def test_the_tour_shows_real_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copyfile(REAL_PLAN, tmp_path / "plan2025.yaml")
    text = README.read_text(encoding="utf-8")
    assert len(BLOCK.findall(text)) >= 10
    fresh = run_tour(text, tmp_path, monkeypatch)
    if os.environ.get("UPDATE_README"):
        README.write_text(fresh, encoding="utf-8")
    assert fresh == text


def _commands() -> list[tuple[str, list[str]]]:
    group = get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    context = group.make_context("hplan", ["list"], resilient_parsing=True)
    found = []
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        options = [o for p in command.params for o in p.opts if o.startswith("--")]
        found.append((name, [o for o in options if o != "--help"]))
    return found


@pytest.mark.parametrize(("name", "options"), _commands())
def test_every_command_and_option_is_documented(name: str, options: list[str]) -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split(f"### `hplan {name}`", 1)
    assert len(section) == 2, f"README has no section '### `hplan {name}`'"
    body = section[1].split("\n### ", 1)[0]
    shared = text.split("### Options every command takes", 1)[1].split("\n### ", 1)[0]
    for option in options:
        assert option in body or option in shared, f"{option} of hplan {name} is not documented"


def test_every_test_the_readme_names_exists() -> None:
    text = README.read_text(encoding="utf-8")
    named = set(re.findall(r"`(test_[a-z0-9_]+)`", text))
    assert len(named) >= 15
    sources = "".join(p.read_text(encoding="utf-8") for p in (REPO / "tests").rglob("test_*.py"))
    defined = set(re.findall(r"^def (test_[a-z0-9_]+)", sources, re.MULTILINE))
    assert named <= defined, named - defined
