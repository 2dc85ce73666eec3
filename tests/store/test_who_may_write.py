"""A write does not change who may write next, and says when other hard links keep the old
text (issue 17, item 8)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ..conftest import Run

NOBODY = 65534


def test_a_write_keeps_the_plans_owner_and_group(run: Run, plan_file: Path) -> None:
    if os.getuid() != 0:
        pytest.skip("giving a file to another user needs root")
    os.chown(plan_file, NOBODY, NOBODY)
    result = run("status", "5", "done", "--as-of", "2025-06-01")
    assert result.code == 0, result.stderr
    info = plan_file.stat()
    assert (info.st_uid, info.st_gid) == (NOBODY, NOBODY)  # the user can still write it
    assert "note:" not in result.stderr


def test_other_hard_links_are_named(run: Run, plan_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "kopia.yaml"
    os.link(plan_file, other)
    result = run("status", "5", "done", "--as-of", "2025-06-01")
    assert result.code == 0
    assert "has 1 other hard link; it still holds the text before this change" in result.stderr
    assert "status: not-started" in other.read_text(encoding="utf-8").split("id: 5", 1)[1][:400]
