"""An export never destroys what hplan did not make: not the plan, not a plan-like name, not
someone's file, not a device; `-o -` is standard output (issue 17, items 5 and 6)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ..conftest import Run

EXPORTS = [["report", "--format", "markdown"], ["report"], ["calendar"], ["schema"]]


@pytest.mark.parametrize("argv", EXPORTS)
def test_an_export_never_replaces_the_plan(run: Run, plan_file: Path, argv: list[str]) -> None:
    before = plan_file.read_bytes()
    result = run(*argv, "-o", str(plan_file), "--as-of", "2025-07-01")
    # Refused: a plain report also for its ending (.yaml is neither Markdown nor HTML).
    assert (result.code == 7 and "is the plan in use" in result.stderr) or result.code == 2
    assert plan_file.read_bytes() == before


@pytest.mark.parametrize("argv", EXPORTS)
def test_an_export_never_takes_a_plans_name(run: Run, tmp_path: Path, argv: list[str]) -> None:
    result = run(*argv, "-o", str(tmp_path / "plan2026.yaml"), "--as-of", "2025-07-01")
    assert (result.code == 7 and "named like a plan" in result.stderr) or result.code == 2
    assert not (tmp_path / "plan2026.yaml").exists()


def test_a_file_hplan_did_not_make_is_kept_unless_forced(run: Run, tmp_path: Path) -> None:
    notes = tmp_path / "anteckningar.md"
    notes.write_text("Mina anteckningar från mötet\n", encoding="utf-8")
    result = run("report", "-o", str(notes), "--as-of", "2025-07-01")
    assert result.code == 7 and "hplan did not make it" in result.stderr
    assert notes.read_text(encoding="utf-8") == "Mina anteckningar från mötet\n"
    assert run("report", "-o", str(notes), "--force", "--as-of", "2025-07-01").code == 0
    assert "Hälsingerådets handlingsplan 2025" in notes.read_text(encoding="utf-8")
    # What hplan made, it makes again without asking.
    for name in ("r.md", "r.html", "plan.ics", "schema.json"):
        argv = ["calendar"] if name.endswith(".ics") else ["report"]
        argv = ["schema"] if name.endswith(".json") else argv
        for _ in range(2):
            assert run(*argv, "-o", str(tmp_path / name), "--as-of", "2025-07-01").code == 0


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_a_special_target_is_never_replaced(run: Run, tmp_path: Path, kind: str) -> None:
    if kind == "device":
        # A null device of the test's own: were the guard broken, the real /dev/null would
        # become a file (as root), which is what the issue saw.
        target = tmp_path / "null.md"
        try:
            os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs root")
    elif kind == "fifo":
        target = tmp_path / "pipe.md"
        os.mkfifo(target)
    else:
        target = tmp_path / "folder.md"
        target.mkdir()
    result = run("report", "-o", str(target), "--force", "--as-of", "2025-07-01")
    assert result.code in (2, 7) and "Traceback" not in result.stderr
    if kind == "device":
        assert target.is_char_device()
    elif kind == "fifo":
        assert not target.is_file()
    else:
        assert target.is_dir()


def test_dash_is_standard_output(run: Run, tmp_path: Path) -> None:
    result = run("report", "-o", "-", "--as-of", "2025-07-01")
    assert result.code == 0 and result.stdout.rstrip().endswith("<!-- made by hplan -->")
    assert not Path("-").exists()
