"""Everything printed for people is text: plan names are never rich markup, and control
characters from any source (a git author's name) are shown escaped (issue 17, item 3)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from ..conftest import Run


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import hplan.cli.output
    import hplan.cli.past
    import hplan.cli.read

    monkeypatch.setenv("COLUMNS", "120")
    for module in (hplan.cli.output, hplan.cli.read, hplan.cli.past):
        monkeypatch.setattr(module, "is_terminal", lambda: True)


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize("by", ["owner", "goal"])
def test_names_in_group_titles_are_text(run: Run, plan_file: Path, by: str) -> None:
    text = plan_file.read_text(encoding="utf-8")
    text = text.replace("Linda Beigler", "'[link=http://127.0.0.1:9/]Linda[/link] [/]'")
    text = text.replace("title: Varumärket Hälsingland", "title: '[conceal]Dolt[/conceal]'")
    plan_file.write_text(text, encoding="utf-8")
    result = run("overdue", "--by", by, "--as-of", "2025-07-01")
    assert result.code == 0, result.stderr
    shown = "[link=http://127.0.0.1:9/]Linda[/link] [/]" if by == "owner" else "[conceal]Dolt"
    assert shown in result.stdout
    assert "\x1b]8;" not in result.stdout  # no hyperlink escape


def test_a_git_authors_control_characters_are_shown_escaped(run: Run, plan_file: Path) -> None:
    folder = plan_file.parent
    author = "Evil\x1b[2J\x1b]0;owned\x07"

    def git(*args: str) -> None:  # committed before the day asked about, which sees them
        when = {
            "GIT_AUTHOR_DATE": "2025-06-01T12:00:00",
            "GIT_COMMITTER_DATE": "2025-06-01T12:00:00",
        }
        subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                       env={**os.environ, **when})  # fmt: skip

    git("init", "-q")
    git("add", "plan2025.yaml")
    git("-c", f"user.name={author}", "-c", "user.email=e@example.org", "commit", "-qm", "a")
    assert run("status", "5", "done", "--as-of", "2025-06-01").code == 0
    git("-c", f"user.name={author}", "-c", "user.email=e@example.org", "commit", "-qam", "b")
    for argv in (["changes", "--since", "2025-01-01"], ["history", "5"]):
        result = run(*argv, "--as-of", "2025-07-01")
        assert result.code == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "Evil\\x1b[2J" in result.stdout
