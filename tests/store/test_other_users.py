"""Other people's files are never used: the search for a plan stops at another user's folder
and at the user's home, and the cache lives in a folder only its user can write in (issue 17,
item 4)."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from hplan.errors import PlanNotFound
from hplan.store import cache
from hplan.store.source import find_plan

from ..conftest import REAL_PLAN, Run

NOBODY = 65534


def test_the_search_stops_at_another_users_folder(tmp_path: Path) -> None:
    if os.getuid() != 0:
        pytest.skip("giving a folder to another user needs root")
    shared = tmp_path / "shared"
    mine = shared / "mine"
    mine.mkdir(parents=True)
    shutil.copyfile(REAL_PLAN, shared / "plan2025.yaml")  # a plan someone else put there
    os.chown(shared, NOBODY, NOBODY)
    with pytest.raises(PlanNotFound):
        find_plan(None, mine, 2025)
    os.chown(shared, 0, 0)
    assert find_plan(None, mine, 2025) == shared / "plan2025.yaml"


def test_the_search_stops_at_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    (home / "projekt").mkdir(parents=True)
    shutil.copyfile(REAL_PLAN, tmp_path / "plan2025.yaml")  # above the home folder
    monkeypatch.setenv("HOME", str(home))
    with pytest.raises(PlanNotFound):
        find_plan(None, home / "projekt", 2025)
    shutil.copyfile(REAL_PLAN, home / "plan2025.yaml")
    assert find_plan(None, home / "projekt", 2025) == home / "plan2025.yaml"


def test_the_cache_folder_is_private(run: Run) -> None:
    assert run("overdue", "--as-of", "2025-07-01").code == 0
    for folder in (cache.cache_folder().parent, cache.cache_folder()):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert list(cache.cache_folder().glob("*.plan"))


def test_a_cache_others_can_write_in_is_not_used(run: Run, plan_file: Path) -> None:
    """Another user could plant a 'validated' entry (everything done) or a link there."""
    folder = cache.cache_folder()
    folder.mkdir(parents=True, exist_ok=True)
    folder.parent.chmod(0o777)
    try:
        result = run("overdue", "--as-of", "2025-07-01")
        assert result.code == 0 and "Outdoor" in result.stdout
        assert list(folder.glob("*.plan")) == []  # neither written
        planted = folder / "planted.plan"
        planted.symlink_to(plan_file)
        assert cache.cached_plan(plan_file.read_bytes()) is None  # nor read
    finally:
        folder.parent.chmod(0o700)


def test_the_plan_found_above_is_named(
    run: Run, plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    below = plan_file.parent / "underlag"
    below.mkdir()
    monkeypatch.chdir(below)
    result = run("overdue", "--as-of", "2025-07-01", plan=None)
    assert result.code == 0
    assert f"the plan in use is {plan_file}" in result.stderr
    monkeypatch.chdir(plan_file.parent)
    assert "the plan in use" not in run("overdue", "--as-of", "2025-07-01", plan=None).stderr
