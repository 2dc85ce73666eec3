"""`--commit` on status, note and add: the change and its commit, or neither."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from ..conftest import Run


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def repository(plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(plan_file.parent / "no-global-config"))
    folder = plan_file.parent
    git(folder, "init", "-q")
    git(folder, "config", "user.name", "Karin Flordal")
    git(folder, "config", "user.email", "k@example.org")
    git(folder, "add", "plan2025.yaml")
    git(folder, "commit", "-qm", "Plan 2025")
    return folder


def test_each_write_is_one_commit_in_the_plans_language(
    run: Run, repository: Path, swedish: None
) -> None:
    assert run("status", "7", "8", "done", "--commit", "--as-of", "2025-06-02").code == 0
    assert git(repository, "log", "-1", "--format=%an|%s") == (
        "Karin Flordal|Status för 7 satt till genomförd, 2 juni 2025; "
        "Status för 8 satt till genomförd, 2 juni 2025\n"
    )
    assert run("note", "9", "Lista klar", "--commit", "--as-of", "2025-06-03").code == 0
    assert git(repository, "log", "-1", "--format=%s") == "Anteckning tillagd för 9, 3 juni 2025\n"
    added = run("add", "Ny", "-g", "4.2.1", "--owner", "linda", "--deadline", "Löpande",
                "--commit")  # fmt: skip
    assert added.code == 0
    assert git(repository, "log", "-1", "--format=%s").startswith("20: tillagd — Ny")
    assert git(repository, "status", "--porcelain") == ""
    assert len(git(repository, "log", "--format=%h").split()) == 4


def test_an_untracked_plan_is_refused_before_anything_is_written(
    run: Run, plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(plan_file.parent / "no-global-config"))
    git(plan_file.parent, "init", "-q")
    before = plan_file.read_bytes()
    result = run("status", "7", "done", "--commit")
    assert result.code == 1 and "git add plan2025.yaml" in result.stderr
    assert plan_file.read_bytes() == before
