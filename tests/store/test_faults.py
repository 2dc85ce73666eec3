"""Writes under faults and concurrency: SIGKILL mid-write, writers forced into a race, editors,
space.

hplan's promise: no write ever loses or corrupts data.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest

import hplan.store.document
from hplan.errors import HplanError
from hplan.plan.statuses import Status
from hplan.store import atomic
from hplan.store.atomic import TEMP_SUFFIX
from hplan.store.reading import read_plan
from hplan.store.source import find_plan

from ..conftest import hplan_script, set_status
from ..synthetic import make_plan

DAY = date(2025, 6, 1)


def status_process(plan: Path, activity: str, note: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            hplan_script(),
            "status",
            activity,
            "done",
            "--note",
            note,
            "--as-of",
            "2025-06-01",
            "--plan",
            str(plan),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


KILLED_AT = """
import os, sys, time
from pathlib import Path

import hplan.store.atomic as atomic

point, marker = sys.argv[1], Path(sys.argv[2])


def pause():
    marker.write_text(point)  # the test kills the process now, inside the write
    time.sleep(120)


if point == "half-written":
    def fill(temp, data, mode):
        with open(temp, "wb") as handle:
            handle.write(data[: len(data) // 2])
            handle.flush()
        pause()
    atomic._fill = fill
elif point == "before-rename":
    rename = os.replace
    def replace(source, target):
        if not str(target).endswith(".yaml"):  # the cache's own writes go on
            return rename(source, target)
        pause()
    atomic.os.replace = replace
elif point == "after-rename":
    rename = os.replace
    def replace(source, target):
        rename(source, target)
        if str(target).endswith(".yaml"):
            pause()
    atomic.os.replace = replace
elif point == "holding-the-lock":
    import hplan.store.lock as locking
    lock = locking.plan_lock
    import contextlib
    @contextlib.contextmanager
    def held(path):
        with lock(path):
            pause()
            yield
    locking.plan_lock = held
    import hplan.store.document
sys.argv = ["hplan", *sys.argv[3:]]
from hplan.cli import main
main()
"""
"""A `hplan status` run that stops at a point inside its write, to be killed there."""

POINTS = ("holding-the-lock", "half-written", "before-rename", "after-rename")


@pytest.mark.parametrize("point", POINTS)
def test_sigkill_inside_the_write_leaves_the_old_or_the_new_plan(
    tmp_path: Path, python: str, point: str
) -> None:
    """Each kill lands inside the write, at a chosen point (not at a random moment, when the
    process has most likely exited already): the file is the old plan or the new one."""
    plan = tmp_path / "plan2025.yaml"
    old = make_plan(1500).replace("status: done", "status: in-progress").encode("utf-8")
    plan.write_bytes(old)
    set_status(plan, "750", Status.DONE, DAY, note="klar")
    new = plan.read_bytes()
    plan.write_bytes(old)
    marker = tmp_path.parent / f"{point}.reached"
    argv = ["status", "750", "done", "--note", "klar", "--as-of", "2025-06-01"]
    process = subprocess.Popen(
        [python, "-c", KILLED_AT, point, str(marker), *argv, "--plan", str(plan)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    waited = 0
    while not marker.exists() and process.poll() is None and waited < 6000:
        time.sleep(0.01)
        waited += 1
    assert marker.exists(), process.stderr.read() if process.stderr else ""
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert plan.read_bytes() == (new if point == "after-rename" else old)
    # A leftover temporary file is never taken for the plan, and the next write cleans up.
    assert find_plan(None, tmp_path, 2025) == plan
    set_status(plan, "2", Status.DONE, DAY)
    assert [p.name for p in tmp_path.iterdir()] == ["plan2025.yaml"]


RACERS = 5
"""Processes forced into one race: each has read the plan (or made its export) before any of
them may write, so every write but the first meets a file changed since it was read. Five so
forced prove what twenty started at once only made likely."""

GATED = """
import sys, time
from pathlib import Path

import hplan.store.atomic as atomic
import hplan.store.document as document

gate, count, what = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]


def wait_for_all():
    (gate / str(__import__("os").getpid())).touch()
    waited = 0
    while len(list(gate.iterdir())) < count and waited < 6000:
        time.sleep(0.01)
        waited += 1


if what == "status":
    save = document.PlanDocument.save
    def gated(self, locked=False):
        if locked:
            print("made again under the lock", file=sys.stderr)
        else:
            wait_for_all()
        return save(self, locked)
    document.PlanDocument.save = gated
else:
    write = atomic.write_atomic
    def gated_write(*args, **kwargs):
        wait_for_all()
        return write(*args, **kwargs)
    atomic.write_atomic = gated_write
sys.argv = ["hplan", *sys.argv[4:]]
from hplan.cli import main
main()
"""
"""hplan, held once it has read the plan (status) or made its export, until all have."""


def racers(python: str, gate: Path, what: str, argvs: list[list[str]]) -> list[str]:
    """Run hplan once for each argv, all forced into one race; their standard errors."""
    gate.mkdir()
    processes = [
        subprocess.Popen(
            [python, "-c", GATED, str(gate), str(len(argvs)), what, *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for argv in argvs
    ]
    codes = [p.wait(timeout=180) for p in processes]
    errors = [p.stderr.read() if p.stderr else "" for p in processes]
    assert codes == [0] * len(argvs), errors
    assert len(list(gate.iterdir())) == len(argvs)  # every one of them reached the race
    return errors


def test_writers_forced_into_a_race_all_land(tmp_path: Path, python: str) -> None:
    plan = tmp_path / "plans" / "plan2025.yaml"
    plan.parent.mkdir()
    plan.write_text(make_plan(40).replace("status: done", "status: blocked"), encoding="utf-8")
    argvs = [
        ["status", str(n), "done", "--note", f"klar {n}", "--as-of", "2025-06-01",
         "--plan", str(plan)]
        for n in range(1, RACERS + 1)
    ]  # fmt: skip
    errors = racers(python, tmp_path / "gate", "status", argvs)
    # All read one version; each write after the first found the file changed and was made
    # again on the file as it had become, holding the lock.
    assert sum("made again under the lock" in e for e in errors) == RACERS - 1, errors
    loaded = read_plan(plan)
    for n in range(1, RACERS + 1):
        activity = loaded.activity(str(n))
        assert activity is not None
        assert activity.status is Status.DONE
        assert activity.notes[-1].text == f"klar {n}"
    assert [p.name for p in plan.parent.iterdir()] == ["plan2025.yaml"]


def test_an_edit_saved_between_read_and_write_is_never_lost(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor_text = plan_file.read_text(encoding="utf-8").replace("title: Häl", "title: Nya Häl")
    real_check = hplan.store.document.PlanDocument._written

    def check_then_editor_saves(*args: object) -> object:
        result = real_check(*args)  # type: ignore[arg-type]
        plan_file.write_text(editor_text, encoding="utf-8")
        return result

    monkeypatch.setattr(hplan.store.document.PlanDocument, "_written", check_then_editor_saves)
    set_status(plan_file, "5", Status.DONE, DAY)
    # hplan saw the file change, read it again under the lock and made its change on top.
    written = read_plan(plan_file)
    assert written.title == "Nya Hälsingerådets handlingsplan 2025"
    assert written.activity("5").status is Status.DONE  # type: ignore[union-attr]
    assert (
        plan_file.read_text(encoding="utf-8").replace(
            "    status: done\n    status_date: 2025-06-01\n", "    status: not-started\n", 1
        )
        == editor_text
    )
    assert [p.name for p in plan_file.parent.iterdir()] == ["plan2025.yaml"]


def test_a_read_only_directory_is_a_clear_error(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic, "new_file", refuse)
    before = plan_file.read_bytes()
    with pytest.raises(HplanError, match=r"cannot write in .*: permission denied"):
        set_status(plan_file, "5", Status.DONE, DAY)
    assert plan_file.read_bytes() == before


def test_hplan_writes_nowhere_but_the_plan_and_its_cache(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    plan = work / "plan2025.yaml"
    plan.write_text(make_plan(30), encoding="utf-8")
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "TMPDIR": str(home / "tmp"),
    }
    result = subprocess.run(
        [hplan_script(), "status", "3", "done", "--note", "x"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    cache = home / ".cache" / "hplan"
    after = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if cache not in p.parents}
    assert set(after) == set(before) | {home / ".cache", cache}
    changed = {p for p in after if p in before and after[p] != before[p]}
    assert changed <= {plan, work, home}  # the plan, its folder's listing (the rename), HOME
    cached = [p.relative_to(cache) for p in cache.rglob("*") if p.is_file()]
    # the plans read and written (the lock is the plan file's own: no lock file anywhere)
    assert {p.parent.name for p in cached} == {"plans"}
    assert sorted(p.suffix for p in cached) == [".plan", ".plan"]  # read, written


def test_leftover_temporaries_are_ignored_by_every_command(plan_file: Path) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()  # a writer that was killed: its process id is free
    leftover = plan_file.parent / f".plan2025.yaml.{gone.pid}.abc123{TEMP_SUFFIX}"
    leftover.write_text("title: half a plan", encoding="utf-8")
    older = plan_file.parent / f".plan2025.yaml.abc123{TEMP_SUFFIX}"  # an earlier hplan's
    older.write_text("title: half a plan", encoding="utf-8")
    os.utime(older, (time.time() - 7200, time.time() - 7200))
    assert find_plan(None, plan_file.parent, 2025) == plan_file
    set_status(plan_file, "5", Status.DONE, DAY)
    assert not leftover.exists() and not older.exists()


def test_a_live_writers_temporary_file_is_left_alone(plan_file: Path) -> None:
    live = subprocess.Popen(["sleep", "30"])
    try:
        theirs = plan_file.parent / f".plan2025.yaml.{live.pid}.abc123{TEMP_SUFFIX}"
        theirs.write_text("title: being written", encoding="utf-8")
        set_status(plan_file, "5", Status.DONE, DAY)
        assert theirs.exists()  # another hplan is writing it this moment
    finally:
        live.kill()
        live.wait()


def test_exports_forced_into_a_race_all_land(plan_file: Path, python: str) -> None:
    target = plan_file.parent / "r.html"
    argv = ["report", "-o", str(target), "--as-of", "2025-07-01", "--plan", str(plan_file)]
    racers(python, Path(tempfile.mkdtemp()) / "gate", "export", [argv] * RACERS)
    assert "</html>" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in plan_file.parent.iterdir()) == ["plan2025.yaml", "r.html"]
