"""The one write lock: held across processes, a clear error after its timeout."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hplan.errors import HplanError, LockTimeout
from hplan.store.atomic import plan_lock


def test_the_lock_is_held_across_processes(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from hplan.store.atomic import plan_lock\n"
            "with plan_lock(Path(sys.argv[1])):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(30)\n",
            str(plan_file),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        monkeypatch.setenv("HPLAN_LOCK_TIMEOUT", "0.2")
        with (
            pytest.raises(LockTimeout, match="another hplan has been writing this plan"),
            plan_lock(plan_file),
        ):
            pass
    finally:
        holder.kill()
        holder.wait()
    with plan_lock(plan_file):  # free again once the holder is gone
        pass


@pytest.mark.parametrize("value", ["abc", "nan", "-1", "inf", "99999"])
def test_an_unusable_lock_timeout_is_a_clear_error(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("HPLAN_LOCK_TIMEOUT", value)
    with pytest.raises(HplanError, match="HPLAN_LOCK_TIMEOUT"), plan_lock(plan_file):
        pass


def test_the_lock_file_is_in_the_cache_folder_not_beside_the_plan(plan_file: Path) -> None:
    with plan_lock(plan_file):
        pass
    assert sorted(p.name for p in plan_file.parent.iterdir()) == ["plan2025.yaml"]
