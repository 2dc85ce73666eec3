"""Git's data is input like any other: a tag named like a day is a tag, and a commit dated
in the year 10000 is no crash (issue 17, item 10)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ..conftest import Run


def git(folder: Path, *args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Linda", "-c", "user.email=l@example.org", *args],
        cwd=folder, check=True, capture_output=True, env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_a_tag_named_like_a_day_is_a_tag(run: Run, plan_file: Path) -> None:
    folder = plan_file.parent
    git(folder, "init", "-q")
    git(folder, "add", "plan2025.yaml")
    git(folder, "commit", "-qm", "start", env={"GIT_AUTHOR_DATE": "2025-06-10T12:00:00"})
    git(folder, "tag", "2025-05-20")  # the board's meeting, tagged after it
    assert run("status", "5", "done", "--as-of", "2025-06-11").code == 0
    git(folder, "commit", "-qam", "5 klar", env={"GIT_AUTHOR_DATE": "2025-06-11T12:00:00"})
    result = run("changes", "--since", "2025-05-20", "--as-of", "2025-07-01", "-f", "json")
    assert result.code == 0, result.stderr
    assert '"kind": "added"' not in result.stdout  # read as the day, all 19 looked added
    assert '"kind": "status"' in result.stdout


def test_a_commit_in_the_year_10000_is_no_crash(run: Run, plan_file: Path) -> None:
    folder = plan_file.parent
    git(folder, "init", "-q")
    git(folder, "add", "plan2025.yaml")
    git(folder, "commit", "-qm", "start")
    assert run("status", "5", "done", "--as-of", "2025-06-11").code == 0
    far = {"GIT_AUTHOR_DATE": "@253402300800 +0000", "GIT_COMMITTER_DATE": "@253402300800 +0000"}
    git(folder, "commit", "-qam", "far", env=far)
    for argv in (["history", "5"], ["changes", "--since", "2025-01-01"]):
        result = run(*argv, "--as-of", "2025-07-01")
        assert result.code == 0, result.stderr
        assert "unexpected error" not in result.stderr
    assert "genomförd" in run("history", "5", "--lang", "sv", "--as-of", "2025-07-01").stdout
