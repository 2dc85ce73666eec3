"""A plan's git history for tests and the docs' examples: three commits by two people, a tag
for the board's May meeting, and one uncommitted note."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from hplan.cli import app

from .conftest import REAL_PLAN


def git(folder: Path, *args: str, author: str = "Linda Beigler", when: str = "") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "a@example.org",
    }
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


def hplan(folder: Path, *args: str) -> tuple[int, str, str]:
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stdout, result.stderr


def make_history(folder: Path) -> Path:
    """The real plan in a new repository in `folder`, with its history (see the docstring)."""
    git(folder, "init", "-q")
    git(folder, "config", "commit.gpgsign", "false")
    shutil.copyfile(REAL_PLAN, folder / "plan2025.yaml")
    git(folder, "add", "plan2025.yaml")
    git(folder, "commit", "-qm", "Plan 2025", when="2025-05-20T10:00:00")
    git(folder, "tag", "styrelsemote-maj")
    done = hplan(folder, "status", "5", "done", "--note", "300 besökare", "--as-of", "2025-05-26")
    assert done[0] == 0, done
    git(folder, "commit", "-qam", "Dagen klar", when="2025-05-26T09:00:00")
    assert hplan(folder, "status", "9", "pågår", "--as-of", "2025-06-10")[0] == 0
    plan = folder / "plan2025.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("deadline: December", "deadline: November"),
        encoding="utf-8",
    )
    git(
        folder, "commit", "-qam", "Kartläggning", author="Karin Flordal", when="2025-06-10T14:00:00"
    )
    assert hplan(folder, "note", "17", "Väntar på regionen", "--as-of", "2025-06-20")[0] == 0
    return folder
