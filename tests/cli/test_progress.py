"""Progress on standard error for long work (issue 35): at a terminal, never in a pipe,
never with --format json, never for work that ends within a second."""

from __future__ import annotations

import os
import pty
import subprocess
from pathlib import Path

import pytest

from hplan.cli import progress

from ..conftest import hplan_script

pytest.importorskip("weasyprint", reason="the report's PDF needs hplan[pdf]")


def run_report(plan_file: Path, terminal: bool) -> tuple[int, bytes]:
    """`hplan report -o r.pdf` (seconds of WeasyPrint) with stderr a terminal or a pipe."""
    master, slave = pty.openpty() if terminal else (None, None)
    done = subprocess.run(
        [hplan_script(), "report", "-o", str(plan_file.with_name("r.pdf")), "--as-of",
         "2025-07-01", "--plan", str(plan_file)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=slave if slave is not None else subprocess.PIPE, timeout=120, check=False,
    )  # fmt: skip
    if master is None:
        return done.returncode, done.stderr
    assert slave is not None
    os.close(slave)
    said = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        said += chunk
    os.close(master)
    return done.returncode, said


def test_a_long_task_shows_progress_at_a_terminal_and_never_in_a_pipe(plan_file: Path) -> None:
    code, said = run_report(plan_file, terminal=True)
    assert code == 0 and b"Laying out the PDF" in said and b"2/2" in said
    code, piped = run_report(plan_file, terminal=False)
    assert code == 0 and b"Laying out" not in piped and b"\x1b[" not in piped
    assert plan_file.with_name("r.pdf").stat().st_size > 1000


def test_no_progress_where_it_is_not_wanted_or_for_quick_work(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(progress, "stderr_is_terminal", lambda: True)
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich, too, takes standard error for a terminal
    with progress.shown("Läser", wanted=False) as advance:  # --format json
        assert advance is None
    with progress.shown("Läser") as advance:  # quick work: done within the second
        assert advance is not None
        advance(1, 2)
        advance(2, 2)
    assert "Läser" not in capsys.readouterr().err
