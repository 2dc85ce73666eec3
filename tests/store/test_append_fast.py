"""`add` on a plan read from the cache parses only the last activity and the new lines: the
same bytes as the whole-file path, and places the next write can trust."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hplan.store import document

from ..conftest import Run

ADD = ["add", "Ny aktivitet", "-g", "4.2.1", "--owner", "linda", "--deadline", "15 mars"]


def test_the_fast_append_writes_what_the_whole_file_path_writes(
    run: Run, plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = tmp_path / "slow" / "plan2025.yaml"
    slow.parent.mkdir()
    shutil.copyfile(plan_file, slow)
    assert run("validate", plan=plan_file).code == 0  # read once: now in the cache
    calls = []
    checked = document.PlanDocument._region_written

    def spy(self: document.PlanDocument, region: object) -> object:
        found = checked(self, region)  # type: ignore[arg-type]
        calls.append(found is not None)
        return found

    monkeypatch.setattr(document.PlanDocument, "_region_written", spy)
    assert run(*ADD, "--as-of", "2025-06-02", plan=plan_file).code == 0
    assert calls == [True]  # the new lines alone were read back
    monkeypatch.setenv("HPLAN_NO_CACHE", "1")
    assert run(*ADD, "--as-of", "2025-06-02", plan=slow).code == 0
    assert plan_file.read_bytes() == slow.read_bytes()


def test_the_appended_activity_is_where_the_next_write_looks(
    run: Run, plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("validate").code == 0
    assert run(*ADD).code == 0
    assert run("status", "20", "done", "--note", "Klar", "--as-of", "2025-06-03").code == 0
    cached = json.loads(run("list", "--format", "json").stdout)
    monkeypatch.setenv("HPLAN_NO_CACHE", "1")
    assert json.loads(run("list", "--format", "json").stdout) == cached
    assert cached[-1]["id"] == "20" and cached[-1]["status"] == "done"


def test_new_lines_that_do_not_read_back_as_the_activity_write_nothing(
    run: Run, plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("validate").code == 0
    before = plan_file.read_bytes()
    appended = document.append_record

    def wrong(*args: object) -> object:  # an edit that writes another title than the model's
        edit = appended(*args)  # type: ignore[arg-type]
        return type(edit)(edit.start, edit.end, edit.text.replace("Ny aktivitet", "Fel"))

    monkeypatch.setattr(document, "append_record", wrong)
    result = run(*ADD)
    assert result.code == 7 and "nothing was written" in result.stderr
    assert plan_file.read_bytes() == before
