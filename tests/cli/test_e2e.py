"""End to end through the installed `hplan` script, as a user runs it: piped and on a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import hplan_script

Script = Callable[..., subprocess.CompletedProcess[str]]


def on_terminal(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run hplan with a pseudo-terminal as its standard output; what the terminal showed."""
    controller, terminal = pty.openpty()
    full_env = {
        **os.environ,
        "COLUMNS": "120",
        "LINES": "40",
        "TERM": "xterm-256color",
        **(env or {}),
    }
    process = subprocess.Popen(
        [hplan_script(), *args], cwd=cwd, env=full_env, stdout=terminal, stderr=subprocess.PIPE
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(controller)
    return b"".join(chunks).decode("utf-8")


def test_overdue_in_the_plans_folder_piped(script: Script, plan_file: Path) -> None:
    result = script("overdue", "--as-of", "2025-07-01", cwd=plan_file.parent)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["ID", "Activity"]
    assert [line.split()[0] for line in lines[1:]] == ["7", "5", "2", "8", "17"]
    assert "\x1b" not in result.stdout and "│" not in result.stdout
    assert result.stderr == ""


def test_a_table_on_a_terminal_is_drawn_with_colour(plan_file: Path) -> None:
    shown = on_terminal(["overdue", "--as-of", "2025-07-01"], plan_file.parent)
    assert "────" in shown
    assert "\x1b[" in shown
    assert "Hälsingegårdarnas" in shown
    assert "44 d" in shown


def test_no_color_is_honoured_on_a_terminal(plan_file: Path) -> None:
    shown = on_terminal(["list", "--as-of", "2025-07-01"], plan_file.parent, {"NO_COLOR": "1"})
    assert "\x1b[" not in shown
    assert "Varumärkes-skydda" in shown


def test_status_then_show_end_to_end(script: Script, plan_file: Path) -> None:
    changed = script(
        "status",
        "7",
        "klar",
        "--note",
        "Montern bemannad",
        "--as-of",
        "2025-05-18",
        cwd=plan_file.parent,
    )
    assert changed.returncode == 0, changed.stderr
    assert changed.stdout.startswith("7: not started → done")
    shown = script("show", "7", cwd=plan_file.parent)
    assert "Status:      done\n" in shown.stdout
    assert "Note:        18 May 2025  Montern bemannad\n" in shown.stdout
    assert script("validate", cwd=plan_file.parent).returncode == 0


def test_errors_are_one_message_and_exit_1_never_a_traceback(
    script: Script, plan_file: Path
) -> None:
    plan_file.write_text(
        plan_file.read_text(encoding="utf-8").replace("status: not-started", "status: no", 1),
        encoding="utf-8",
    )
    result = script("overdue", cwd=plan_file.parent)
    assert result.returncode == 3
    assert result.stdout == ""
    assert result.stderr.startswith("plan2025.yaml:107:13: activity 1: unknown status 'no'")
    assert "Traceback" not in result.stderr


def test_version_and_help_need_no_plan(script: Script, tmp_path: Path) -> None:
    version = script("--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("hplan ")
    helped = script("--help", cwd=tmp_path)
    assert helped.returncode == 0 and "overdue" in helped.stdout


def test_a_long_table_on_a_terminal_stops_and_says_how_many_more(tmp_path: Path) -> None:
    from ..synthetic import make_plan

    (tmp_path / "plan2025.yaml").write_text(make_plan(120), encoding="utf-8")
    shown = on_terminal(["list", "--as-of", "2025-07-01"], tmp_path, {"NO_COLOR": "1"})
    assert "… 70 more; --all shows every row" in shown
    assert "(50)" in shown and "(51)" not in shown
    everything = on_terminal(
        ["list", "--all", "--as-of", "2025-07-01"], tmp_path, {"NO_COLOR": "1"}
    )
    assert "(120)" in everything and "more; --all" not in everything
    narrow = on_terminal(["list", "--as-of", "2025-07-01"], tmp_path, {"COLUMNS": "60"})
    said = narrow[narrow.index("… 70 more") :]
    assert said.count("\n") > 1 and max(map(len, said.splitlines())) < 60  # wrapped at words
    assert "spreadsheet or a script" in " ".join(said.split())


def test_piped_output_always_has_every_row(script: Script, tmp_path: Path) -> None:
    from ..synthetic import make_plan

    (tmp_path / "plan2025.yaml").write_text(make_plan(120), encoding="utf-8")
    result = script("list", "--as-of", "2025-07-01", cwd=tmp_path)
    assert len(result.stdout.splitlines()) == 121


@pytest.mark.usefixtures("swedish")
def test_the_timeline_on_a_terminal_is_coloured_unless_no_color(plan_file: Path) -> None:
    coloured = on_terminal(["timeline", "--as-of", "2025-07-01"], plan_file.parent)
    assert "\x1b[" in coloured and "▼ idag 2025-07-01" in coloured
    plain = on_terminal(["timeline", "--as-of", "2025-07-01"], plan_file.parent, {"NO_COLOR": "1"})
    assert "\x1b[" not in plain
    assert max(len(line) for line in plain.splitlines()) <= 100


def test_long_output_on_a_terminal_goes_through_the_pager(plan_file: Path) -> None:
    pager = {"PAGER": "sh -c 'echo PAGED; cat'", "LINES": "8"}
    shown = on_terminal(["list", "--as-of", "2025-07-01"], plan_file.parent, pager)
    assert shown.startswith("PAGED") and "Hälsingegårdarnas" in shown
    straight = on_terminal(["list", "--no-pager", "--as-of", "2025-07-01"], plan_file.parent, pager)
    assert "PAGED" not in straight and "Hälsingegårdarnas" in straight
    short = on_terminal(["show", "5"], plan_file.parent, {**pager, "LINES": "40"})
    assert "PAGED" not in short


def test_piped_output_never_goes_through_the_pager(script: Script, plan_file: Path) -> None:
    result = script(
        "list", "--as-of", "2025-07-01", cwd=plan_file.parent, env={"PAGER": "false", "LINES": "3"}
    )
    assert result.returncode == 0 and "Hälsingegårdarnas" in result.stdout


@pytest.mark.usefixtures("swedish")
def test_the_installed_script_speaks_swedish_from_its_compiled_catalog(
    script: Script, plan_file: Path
) -> None:
    from hplan.render.i18n import LOCALE

    # The build compiles each catalog (setup.py); hplan reads the .mo, not the .po.
    assert (LOCALE / "sv" / "LC_MESSAGES" / "hplan.mo").stat().st_size > 1000
    result = script("overdue", "--owner", "nobody", cwd=plan_file.parent)
    assert result.returncode == 2
    assert result.stderr.startswith("hplan: --owner: okänd ansvarig 'nobody'")
    listed = script("list", "--owner", "karin", "--as-of", "2025-07-01", cwd=plan_file.parent)
    assert listed.stdout.splitlines()[0].split()[:3] == ["Nr", "Aktivitet", "Mål"]


def test_a_pager_gets_less_frx_and_colour_only_if_it_shows_colour(
    plan_file: Path, tmp_path: Path
) -> None:
    """As git does: $LESS unset means FRX for less; a pager that is not less -R gets text."""
    fake = tmp_path / "bin"
    fake.mkdir()
    less = fake / "less"
    less.write_text('#!/bin/sh\necho "LESS=$LESS ARGS=$*"; cat\n', encoding="utf-8")
    less.chmod(0o755)
    env = {"LINES": "8", "PATH": f"{fake}:{os.environ['PATH']}"}
    args = ["timeline", "--as-of", "2025-07-01"]
    through_less = on_terminal(args, plan_file.parent, {**env, "PAGER": "less"})
    assert through_less.startswith("LESS=FRX") and "\x1b[" in through_less
    through_more = on_terminal(args, plan_file.parent, {**env, "PAGER": "sh -c 'echo MORE; cat'"})
    assert through_more.startswith("MORE") and "\x1b[" not in through_more
    own = on_terminal(args, plan_file.parent, {**env, "PAGER": "less", "LESS": "X"})
    assert own.startswith("LESS=X") and "\x1b[" not in own
