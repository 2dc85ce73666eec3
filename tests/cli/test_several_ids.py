"""Several ids at once (`hplan status 7 8 done`, `hplan note 7 8 "…"`): one write, all or
nothing."""

from __future__ import annotations

from pathlib import Path

from ..api.test_changes import changed_lines
from ..conftest import Run


def test_several_statuses_are_one_write(run: Run, plan_file: Path) -> None:
    before = plan_file.read_text(encoding="utf-8")
    result = run("status", "7", "8", "done", "--as-of", "2025-06-01")
    assert result.code == 0
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["7", "8"]
    assert (
        changed_lines(before, plan_file.read_text(encoding="utf-8")).count("+    status: done") == 2
    )


def test_one_unknown_id_writes_nothing(run: Run, plan_file: Path) -> None:
    before = plan_file.read_bytes()
    result = run("status", "7", "99", "done")
    assert result.code == 4 and "99" in result.stderr
    assert plan_file.read_bytes() == before
    assert run("note", "8", "99", "x").code == 4
    assert plan_file.read_bytes() == before


def test_a_note_on_several_activities(run: Run, plan_file: Path) -> None:
    assert run("note", "7", "8", "7", "Utvärderade", "--as-of", "2025-06-02").code == 0
    text = plan_file.read_text(encoding="utf-8")
    assert text.count("text: Utvärderade") == 2  # an id given twice is changed once
