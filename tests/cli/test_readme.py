"""The README and docs/ stay true: the opening commands, every console example, every command
and option documented, every test they name.

Each page's ```console blocks are run in order on a copy of the real plan, as a terminal 80
columns wide shows them, and compared whole. A block after `<!-- example: NAME -->` runs in a
folder of its own that SETUPS[NAME] makes (a git history, a plan with mistakes, the board's
document). After changing output on purpose, regenerate
them with: UPDATE_README=1 python -m pytest tests/cli/test_readme.py
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
PAGES = [README, *sorted((REPO / "docs").glob("*.md"))]
COMMANDS_PAGE = REPO / "docs" / "commands.md"
BLOCK = re.compile(r"(<!-- example: ([a-z]+) -->\n)?```console\n(.*?)```\n", re.DOTALL)


def _history(folder: Path) -> None:
    from ..history_repo import make_history

    make_history(folder)


def _mistakes(folder: Path) -> None:
    """The plan with three mistakes: a misspelt deadline, owner and status."""
    shutil.copyfile(REAL_PLAN, folder / "plan2025.yaml")
    plan = folder / "plan2025.yaml"
    text = plan.read_text(encoding="utf-8").replace("deadline: 25 maj\n", "deadline: 25 majj\n")
    head, thirteen = text.split("  - id: 13\n", 1)
    thirteen, rest = thirteen.split("\n\n", 1)
    thirteen = thirteen.replace("Karin Flordal", "Karin Flordahl").replace(
        "status: not-started", "status: pågått"
    )
    plan.write_text(f"{head}  - id: 13\n{thirteen}\n\n{rest}", encoding="utf-8")


def _document(folder: Path) -> None:
    """The board's 2025 document as a PDF (tests/imports/documents.py), and no plan yet."""
    from ..imports.documents import pdf

    pdf(folder / "Handlingsplan2025.pdf")


SETUPS = {"history": _history, "mistakes": _mistakes, "document": _document}
"""What an example named `<!-- example: NAME -->` needs in its folder."""


def run_tour(text: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A page with every console block's output replaced by what hplan prints now, as a
    terminal 80 columns wide without colour shows it."""
    import hplan.cli.imports
    import hplan.cli.output
    import hplan.cli.past
    import hplan.cli.read

    monkeypatch.chdir(folder)
    monkeypatch.delenv("HPLAN_LANG", raising=False)  # as a user sees it: the plan's language
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    for module in (hplan.cli.output, hplan.cli.read, hplan.cli.past, hplan.cli.imports):
        for name in ("is_terminal", "stderr_is_terminal"):
            if hasattr(module, name):
                monkeypatch.setattr(module, name, lambda: True)
    runner = CliRunner()

    def rerun(match: re.Match[str]) -> str:
        command = match[3].splitlines()[0]
        assert command.startswith("$ hplan "), command
        if match[2]:  # an example that needs a folder of its own
            own = folder / f"example-{match.start()}"
            own.mkdir()
            SETUPS[match[2]](own)
            monkeypatch.chdir(own)
        result = runner.invoke(app, shlex.split(command)[2:], catch_exceptions=False)
        monkeypatch.chdir(folder)
        # Answers that depend on the day must not depend on the real date (a usage error
        # reads no plan).
        dated = "--as-of" in command or command.split()[2] in ("validate", "--help", "import")
        assert dated or result.exit_code == 2, command
        assert "unexpected error" not in result.stderr, result.stderr
        return f"{match[1] or ''}```console\n{command}\n{result.stdout}{result.stderr}```\n"

    return BLOCK.sub(rerun, text)


def test_readme_opens_with_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    first_block = text.split("```")[1]
    commands = [line for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == [
        "pip install . && hplan overdue",
        "pip install -e '.[test]' && python -m pytest -n auto",
    ]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in ci
    assert "pip install -e '.[test]'" in ci
    assert commands[1].split(" && ")[1] in ci
    # Ruff and mypy are CI's own steps (not inside the suite), and fail it when they fail.
    assert "ruff check src tests benchmarks" in ci
    assert "ruff format --check src tests benchmarks" in ci
    assert "\nmypy\n" in ci.replace('echo "== mypy"; ', "")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_examples_show_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: Path
) -> None:
    shutil.copyfile(REAL_PLAN, tmp_path / "plan2025.yaml")
    text = page.read_text(encoding="utf-8")
    fresh = run_tour(text, tmp_path, monkeypatch)
    if os.environ.get("UPDATE_README"):
        page.write_text(fresh, encoding="utf-8")
    assert fresh == text


def test_the_readme_is_a_landing_page() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 250
    assert len(BLOCK.findall(text)) >= 4
    assert sum(len(BLOCK.findall(p.read_text(encoding="utf-8"))) for p in PAGES) >= 15
    for page in PAGES[1:]:
        assert f"(docs/{page.name})" in text, f"the README does not link {page.name}"
    for *_, block in BLOCK.findall(text):
        if "────" in block:  # a table fits the 80 columns it was drawn for
            assert all(len(line) <= 80 for line in block.splitlines()[1:]), block


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
    text = COMMANDS_PAGE.read_text(encoding="utf-8")
    section = text.split(f"### `hplan {name}`", 1)
    assert len(section) == 2, f"docs/commands.md has no section '### `hplan {name}`'"
    body = section[1].split("\n### ", 1)[0]
    shared = text.split("### Options every command takes", 1)[1].split("\n### ", 1)[0]
    for option in options:
        assert option in body or option in shared, f"{option} of hplan {name} is not documented"


def test_every_test_the_docs_name_exists() -> None:
    text = "".join(page.read_text(encoding="utf-8") for page in PAGES)
    named = set(re.findall(r"`(test_[a-z0-9_]+)`", text))
    assert len(named) >= 15
    sources = "".join(p.read_text(encoding="utf-8") for p in (REPO / "tests").rglob("test_*.py"))
    defined = set(re.findall(r"^def (test_[a-z0-9_]+)", sources, re.MULTILINE))
    assert named <= defined, named - defined
