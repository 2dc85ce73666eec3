"""`hplan edit ID` (issue 18): the person's editor at the activity's line, the plan validated
when it closes, and on an error the editor again at the first problem (as `git commit` offers
when a hook refuses); the file always stays as the person saved it."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hplan.cli import app

from ..conftest import Run

FAKE_EDITOR = """\
import json, os, pathlib, sys
log = pathlib.Path(os.environ["FAKE_LOG"])
runs = json.loads(log.read_text()) if log.exists() else []
runs.append(sys.argv[1:])
log.write_text(json.dumps(runs))
path = pathlib.Path(sys.argv[-1].rsplit(":", 1)[0] if ":" in sys.argv[-1] else sys.argv[-1])
edits = json.loads(os.environ.get("FAKE_EDIT", "[]"))
if len(runs) <= len(edits) and edits[len(runs) - 1]:
    old, new = edits[len(runs) - 1]
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
"""


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in editor: it records how it was started, then makes the edits FAKE_EDIT lists
    (one [old, new] per run); the log of its runs is returned."""
    script = tmp_path / "fake-editor"
    script.write_text(f"#!{sys.executable}\n{FAKE_EDITOR}", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    log = tmp_path / "editor-runs.json"
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.delenv("VISUAL", raising=False)
    return log


def runs(log: Path) -> list[list[str]]:
    return json.loads(log.read_text()) if log.exists() else []  # type: ignore[no-any-return]


def line_of(plan_file: Path, text: str) -> int:
    return plan_file.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_the_editor_opens_at_the_activity_and_a_valid_edit_is_kept(
    run: Run, plan_file: Path, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_EDIT", json.dumps([["deadline: 17–18 maj", "deadline: 17–19 maj"]]))
    result = run("edit", "7")
    assert result.code == 0, result.stderr
    assert runs(editor) == [[f"+{line_of(plan_file, '  - id: 7')}", str(plan_file)]]
    assert "deadline: 17–19 maj" in plan_file.read_text(encoding="utf-8")
    assert result.stderr == "plan2025.yaml saved; the plan is valid.\n"


def test_no_change_is_said(run: Run, plan_file: Path, editor: Path) -> None:
    before = plan_file.read_bytes()
    result = run("edit", "12")
    assert result.code == 0 and result.stderr == "plan2025.yaml: no change.\n"
    assert plan_file.read_bytes() == before


def test_an_invalid_edit_is_shown_and_kept_as_saved_when_no_one_can_answer(
    run: Run, plan_file: Path, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_EDIT", json.dumps([["deadline: 17–18 maj", "deadline: 17–18 majj"]]))
    result = run("edit", "7")
    assert result.code == 3
    assert "cannot read the deadline '17–18 majj'" in result.stderr
    assert "left as you saved it" in result.stderr
    assert "deadline: 17–18 majj" in plan_file.read_text(encoding="utf-8")
    assert len(runs(editor)) == 1


def test_an_invalid_edit_reopens_the_editor_at_the_problem_when_asked(
    plan_file: Path, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hplan.cli import edit

    monkeypatch.setattr(edit, "can_ask", lambda: True)
    monkeypatch.setenv(
        "FAKE_EDIT",
        json.dumps([["deadline: 17–18 maj", "deadline: 17–18 majj"],
                    ["deadline: 17–18 majj", "deadline: 17–18 maj"]]),
    )  # fmt: skip
    result = CliRunner().invoke(app, ["edit", "7", "--plan", str(plan_file)], input="\n")
    assert result.exit_code == 0, result.stderr
    first, second = runs(editor)
    problem = line_of(plan_file, "    deadline: 17–18 maj")
    assert first[0] != second[0] and second == [f"+{problem}", str(plan_file)]
    assert "Open the editor again to fix it?" in result.stderr
    assert result.stderr.endswith("plan2025.yaml saved; the plan is valid.\n")


def test_a_plan_that_does_not_validate_can_be_opened_to_fix_it(
    run: Run, plan_file: Path, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = plan_file.read_text(encoding="utf-8").replace("status: not-started", "status: ???", 1)
    plan_file.write_text(text, encoding="utf-8")
    monkeypatch.setenv("FAKE_EDIT", json.dumps([["status: ???", "status: not-started"]]))
    result = run("edit", "9")
    assert result.code == 0, result.stderr
    assert runs(editor) == [[f"+{line_of(plan_file, '  - id: 9')}", str(plan_file)]]


def test_an_unknown_id_and_a_missing_editor_say_what_to_do(
    run: Run, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unknown = run("edit", "99")
    assert unknown.code == 4 and "no activity has id '99'" in unknown.stderr
    monkeypatch.setenv("EDITOR", "/no/such/editor")
    missing = run("edit", "7")
    assert missing.code == 1
    assert "could not start the editor '/no/such/editor'" in missing.stderr
    assert "set VISUAL or EDITOR" in missing.stderr and "Traceback" not in missing.stderr


def test_visual_comes_before_editor_and_code_gets_its_own_line_flag(
    run: Run, plan_file: Path, editor: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = tmp_path / "code"
    code.symlink_to(os.environ["EDITOR"])
    monkeypatch.setenv("VISUAL", f"{code} --wait")
    assert run("edit", "7").code == 0
    assert runs(editor) == [["--wait", "-g", f"{plan_file}:{line_of(plan_file, '  - id: 7')}"]]


def test_the_installed_script_runs_the_editor(
    script: object, plan_file: Path, editor: Path
) -> None:
    done = script("edit", "7", "--plan", str(plan_file))  # type: ignore[operator]
    assert done.returncode == 0, done.stderr
    assert len(runs(editor)) == 1 and "no change" in done.stderr
