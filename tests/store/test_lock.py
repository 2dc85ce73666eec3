"""The one write lock: held across processes, a clear error after its timeout."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from hplan.errors import HplanError, LockTimeout
from hplan.store.atomic import write_atomic
from hplan.store.lock import plan_lock


def test_the_lock_is_held_across_processes(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    holder = hold(plan_file)
    try:
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


def test_the_lock_leaves_nothing_beside_the_plan(plan_file: Path) -> None:
    with plan_lock(plan_file):
        pass
    assert sorted(p.name for p in plan_file.parent.iterdir()) == ["plan2025.yaml"]


def hold(plan_file: Path, cache: Path | None = None) -> subprocess.Popen[str]:
    """Another process holding the lock, once it says so; with `cache`, a cache folder of its
    own (another user)."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from hplan.store.lock import plan_lock\n"
            "with plan_lock(Path(sys.argv[1])):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(30)\n",
            str(plan_file),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, **({"XDG_CACHE_HOME": str(cache)} if cache else {})},
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def test_two_users_of_one_team_plan_share_its_lock(
    plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lock belongs to the plan, not to a user's cache: a colleague's write waits."""
    holder = hold(plan_file, tmp_path / "colleague-cache")
    try:
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "my-cache"))
        monkeypatch.setenv("HPLAN_LOCK_TIMEOUT", "0.2")
        with pytest.raises(LockTimeout), plan_lock(plan_file):
            pass
    finally:
        holder.kill()
        holder.wait()


def test_a_waiting_writer_locks_the_plan_as_the_last_write_left_it(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write replaces the file; the writer that waited must hold the lock of the new one,
    or a third writer would find the new file free while the second is writing it."""
    first_holds, second_holds, done = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        with plan_lock(plan_file):
            first_holds.set()
            time.sleep(0.3)  # the second writer is waiting on this file meanwhile
            write_atomic(plan_file, plan_file.read_bytes() + b"# changed\n")

    def second() -> None:
        first_holds.wait()
        with plan_lock(plan_file):
            second_holds.set()
            done.wait(10)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    try:
        assert second_holds.wait(10)
        monkeypatch.setenv("HPLAN_LOCK_TIMEOUT", "0.2")
        with pytest.raises(LockTimeout), plan_lock(plan_file):
            pass
    finally:
        done.set()
        for thread in threads:
            thread.join()
