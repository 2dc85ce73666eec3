"""--plan, --as-of and --lang before or after the command's name; only that command is built."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hplan.cli import app
from hplan.cli.app import hoist_global_options


@pytest.mark.parametrize(
    "argv",
    [
        ["--plan", "{plan}", "--as-of", "2025-07-01", "overdue"],
        ["overdue", "--plan", "{plan}", "--as-of", "2025-07-01"],
        ["--as-of", "2025-07-01", "overdue", "-p", "{plan}"],
        ["overdue", "--plan={plan}", "--as-of=2025-07-01"],
    ],
)
def test_global_options_go_before_or_after_the_command(plan_file: Path, argv: list[str]) -> None:
    runner = CliRunner()
    expected = runner.invoke(app, ["--plan", str(plan_file), "--as-of", "2025-07-01", "overdue"])
    result = runner.invoke(app, [a.format(plan=plan_file) for a in argv])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected.stdout
    assert result.stdout.splitlines()[1].split()[0] == "7"  # most days late first


def test_lang_after_the_command_changes_the_language(plan_file: Path) -> None:
    runner = CliRunner()
    swedish = runner.invoke(app, ["goals", "--plan", str(plan_file), "--lang", "sv"])
    english = runner.invoke(app, ["goals", "--plan", str(plan_file), "--lang", "en"])
    assert swedish.stdout.split()[0] == "Mål" and english.stdout.split()[0] == "Goal"


def test_hoisting_stops_at_a_double_dash() -> None:
    assert hoist_global_options(["note", "5", "--", "--plan", "x"]) == [
        "note",
        "5",
        "--",
        "--plan",
        "x",
    ]
    assert hoist_global_options(["list", "--owner", "linda", "--plan", "p.yaml"]) == [
        "--plan",
        "p.yaml",
        "list",
        "--owner",
        "linda",
    ]


def test_only_the_command_that_runs_is_imported(plan_file: Path) -> None:
    script = (
        "import sys\n"
        "from hplan.cli import app\n"
        "try:\n"
        "    app(['overdue', '--plan', sys.argv[1], '--as-of', '2025-07-01'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('hplan.cli.')), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(plan_file)], capture_output=True, text=True, check=True
    )
    loaded = done.stderr.strip().splitlines()[-1]
    assert "hplan.cli.read" in loaded
    for other in ("hplan.cli.write", "hplan.cli.files", "hplan.cli.past"):
        assert other not in loaded, loaded
