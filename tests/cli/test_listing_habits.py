"""Listing as people are used to from Taskwarrior and git: --sort late, --reverse, --limit,
--no-color."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ..conftest import Run


def listed(run: Run, *args: str) -> list[str]:
    result = run("list", *args, "--format", "json", "--as-of", "2025-07-01")
    assert result.code == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)]


def test_sort_late_puts_the_most_days_late_first(run: Run, plan_file: Path) -> None:
    late = listed(run, "--status", "open", "--sort", "late")
    assert late[:2] == ["7", "5"]  # 44 and 37 days late on 1 July 2025
    assert listed(run, "--sort", "late", "--limit", "2") == ["7", "5"]


def test_reverse_and_limit(run: Run, plan_file: Path) -> None:
    every = listed(run)
    assert listed(run, "--reverse") == every[::-1]
    assert listed(run, "-r", "-n", "3") == every[::-1][:3]
    assert run("list", "--limit", "0").code == 2


def test_no_color_is_no_color_for_every_rendering(
    run: Run, plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "")  # recorded, so the switch is undone after this test
    assert run("--no-color", "overdue", "--as-of", "2025-07-01").code == 0
    assert os.environ.get("NO_COLOR") == "1"  # the one switch render/ reads
