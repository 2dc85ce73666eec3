"""Nothing private lands in git by accident (issue 32): `hplan ci` ignores the sent log and
the contacts file, and `hplan digest` says once when a `git add -A` would commit them or a
public host holds them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from ..conftest import Run
from .replies import CONTACTS

INSTALL = "hplan @ git+https://git.example/hplan@v0.2.0"


def git(folder: Path, *arguments: str) -> None:
    subprocess.run(["git", "-C", str(folder), *arguments], check=True, capture_output=True)


@pytest.fixture
def top(plan_file: Path) -> Path:
    """The plan's folder made a git repository, a contacts file beside the plan."""
    git(plan_file.parent, "init", "-q")
    plan_file.with_name("contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    return plan_file.parent


def test_the_digest_warns_once_of_an_address_file_git_would_commit(run: Run, top: Path) -> None:
    result = run("digest", "--as-of", "2025-07-01")
    assert result.code == 0
    assert result.stderr.count("contacts.yaml holds addresses") == 1
    assert "git add -A" in result.stderr and ".gitignore" in result.stderr
    # `hplan ci` ignores it (and the sent log), anchored where the plan is; then all is quiet.
    assert run("ci", "gitlab", "--install", INSTALL).code == 0
    ignored = (top / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/contacts.yaml" in ignored and "/.hplan-sent.jsonl" in ignored
    assert "holds addresses" not in run("digest", "--as-of", "2025-07-01").stderr
    # Written again: no line twice.
    assert run("ci", "gitlab", "--install", INSTALL, "--force").code == 0
    assert (top / ".gitignore").read_text(encoding="utf-8").splitlines() == ignored


def test_a_contacts_file_committed_where_a_public_host_holds_it_is_said(
    run: Run, top: Path
) -> None:
    git(top, "add", "contacts.yaml")
    assert "holds addresses" not in run("digest", "--as-of", "2025-07-01").stderr  # no remote
    git(top, "remote", "add", "origin", "git@github.com:kommun/plan.git")
    said = run("digest", "--as-of", "2025-07-01", "--lang", "en").stderr
    assert "committed to a repository on github.com" in said and "git rm --cached" in said


def test_an_existing_gitignore_keeps_its_lines_and_gains_the_missing_ones(
    run: Run, plan_file: Path, tmp_path: Path
) -> None:
    top = tmp_path / "repo"
    (top / "plans").mkdir(parents=True)
    git(top, "init", "-q")
    (top / ".gitignore").write_text("*.pyc\n/plans/contacts.yaml", encoding="utf-8")
    plan = top / "plans" / "plan2025.yaml"
    plan.write_bytes(plan_file.read_bytes())
    assert run("ci", "github", "--install", INSTALL, plan=plan).code == 0
    assert (top / ".gitignore").read_text(encoding="utf-8").splitlines() == [
        "*.pyc",
        "/plans/contacts.yaml",
        "# Addresses and what was sent to them, kept out of git (hplan ci)",
        "/plans/.hplan-sent.jsonl",
    ]
