"""Days at the edges and terminals that cannot show every character (issue 17, items 12, 13)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from ..conftest import Run, hplan_script


@pytest.mark.parametrize(
    ("argv", "day"),
    [(["upcoming"], "9999-12-31"), (["report"], "9999-12-31"), (["changes"], "0001-01-01")],
)
def test_days_outside_the_plan_years_are_refused_in_words(
    run: Run, argv: list[str], day: str
) -> None:
    result = run(*argv, "--as-of", day)
    assert result.code == 2
    assert "outside the days hplan answers as of (the years 1900–2999)" in result.stderr


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
@pytest.mark.parametrize("argv", [["overdue"], ["show", "7"], ["goals"], ["status", "99", "x"]])
def test_a_legacy_terminal_gets_what_it_can_show(
    plan_file: Path, encoding: str, argv: list[str]
) -> None:
    done = subprocess.run(
        [hplan_script(), *argv, "--as-of", "2025-07-01"],
        cwd=plan_file.parent,
        env={**os.environ, "PYTHONIOENCODING": encoding},
        capture_output=True,
        timeout=60,
        check=False,
    )
    # Click writes its own messages as UTF-8 where the stream says ASCII; nothing fails.
    said = (done.stdout + done.stderr).decode(encoding, "replace")
    assert "unexpected error" not in said and "ntat fel" not in said, said
    assert "Traceback" not in said
    assert done.returncode in (0, 2, 4)
    if argv == ["overdue"]:
        assert "Outdoor" in said
