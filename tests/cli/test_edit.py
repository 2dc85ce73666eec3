"""`hplan edit ID` (issue 18): the person's editor at the activity's line, on a private copy of
the plan; what was saved is written by the change pipeline only when it validates and only
when nobody changed the plan meanwhile (issue 29); on an error the editor again at the first
problem (as `git commit` offers when a hook refuses), and the text is never lost."""

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


def edited(run: list[str]) -> Path:
    """The file the editor was given: a private copy named as the plan, never the plan."""
    path = Path(run[-1].rsplit(":", 1)[0] if run[-1].count(":") else run[-1])
    assert path.name == "plan2025.yaml" and path.parent.name.startswith("hplan-edit-"), run
    return path


def test_the_editor_opens_at_the_activity_and_a_valid_edit_is_kept(
    run: Run, plan_file: Path, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_EDIT", json.dumps([["deadline: 17–18 maj", "deadline: 17–19 maj"]]))
    result = run("edit", "7")
    assert result.code == 0, result.stderr
    [opened] = runs(editor)
    assert opened[0] == f"+{line_of(plan_file, '  - id: 7')}"
    assert not edited(opened).parent.exists()  # the copy is gone once the plan is saved
    assert "deadline: 17–19 maj" in plan_file.read_text(encoding="utf-8")
    assert result.stderr == "plan2025.yaml saved; the plan is valid.\n"


def test_no_change_is_said(run: Run, plan_file: Path, editor: Path) -> None:
    before = plan_file.read_bytes()
    result = run("edit", "12")
    assert result.code == 0 and result.stderr == "plan2025.yaml: no change.\n"
    assert plan_file.read_bytes() == before


def test_an_invalid_edit_is_never_written_and_the_text_is_kept_when_no_one_can_answer(
    run: Run, plan_file: Path, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = plan_file.read_bytes()
    monkeypatch.setenv("FAKE_EDIT", json.dumps([["deadline: 17–18 maj", "deadline: 17–18 majj"]]))
    result = run("edit", "7")
    assert result.code == 3
    assert "plan2025.yaml:" in result.stderr  # the plan's name, the copy's lines
    assert "cannot read the deadline '17–18 majj'" in result.stderr
    [opened] = runs(editor)
    kept = edited(opened)
    assert f"plan2025.yaml is as it was: nothing was written. Your text is kept in {kept}" in (
        " ".join(result.stderr.split())
    )
    assert plan_file.read_bytes() == before
    assert "deadline: 17–18 majj" in kept.read_text(encoding="utf-8")


def _meanwhile(monkeypatch: pytest.MonkeyPatch, plan_file: Path, activity_id: str) -> None:
    """While the editor is open, a status written from a terminal (or the web view)."""
    from datetime import date

    from hplan.plan.statuses import Status

    from ..conftest import set_status

    real = edit_module_open_editor()

    def meanwhile(path: Path, line: int) -> None:
        real(path, line)  # type: ignore[operator]
        set_status(
            plan_file, activity_id, Status.DONE, date(2025, 6, 1), note="Skrivet under tiden"
        )

    monkeypatch.setattr("hplan.cli.edit._open_editor", meanwhile)
    monkeypatch.setenv("FAKE_EDIT", json.dumps([["deadline: 17–18 maj", "deadline: 17–19 maj"]]))


def test_an_edit_of_another_activity_than_a_change_made_meanwhile_keeps_both(
    run: Run, plan_file: Path, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 34.7: 7's deadline edited while 3's status was written: both are kept, merged
    per activity (store/merge.py), and the person is told."""
    _meanwhile(monkeypatch, plan_file, "3")
    result = run("edit", "7")
    assert result.code == 0, result.stderr
    text = plan_file.read_text(encoding="utf-8")
    assert "Skrivet under tiden" in text and "deadline: 17–19 maj" in text
    assert "both are kept" in " ".join(result.stderr.split())


def test_an_edit_is_refused_when_the_same_activity_changed_while_the_editor_was_open(
    run: Run, plan_file: Path, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 34.7: a status written to the activity the editor changed is never overwritten;
    the editor's text is kept, its path said. Switched off (the pipeline not comparing the
    file with what was read), the status would be lost."""
    _meanwhile(monkeypatch, plan_file, "7")
    result = run("edit", "7")
    assert result.code == 6, result.stderr
    text = plan_file.read_text(encoding="utf-8")
    assert "Skrivet under tiden" in text and "deadline: 17–18 maj" in text  # theirs kept
    kept = edited(runs(editor)[0])
    assert "deadline: 17–19 maj" in kept.read_text(encoding="utf-8")  # and yours
    assert "changed while the editor was open" in " ".join(result.stderr.split())


def edit_module_open_editor() -> object:
    from hplan.cli import edit

    return edit._open_editor


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
    assert first[0] != second[0] and second[0] == f"+{problem}"
    assert edited(first) == edited(second)  # the same copy, opened again
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
    [opened] = runs(editor)
    assert opened[0] == f"+{line_of(plan_file, '  - id: 9')}"
    assert "status: ???" not in plan_file.read_text(encoding="utf-8")


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
    [opened] = runs(editor)
    assert opened[:2] == ["--wait", "-g"]
    assert opened[2].endswith(f"plan2025.yaml:{line_of(plan_file, '  - id: 7')}")
    edited(opened)


def test_the_installed_script_runs_the_editor(
    script: object, plan_file: Path, editor: Path
) -> None:
    done = script("edit", "7", "--plan", str(plan_file))  # type: ignore[operator]
    assert done.returncode == 0, done.stderr
    assert len(runs(editor)) == 1 and "no change" in done.stderr


def test_an_editor_variable_with_an_unbalanced_quote_is_said_in_words(
    run: Run, plan_file: Path, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 34, item 11: VISUAL with an unbalanced quote."""
    before = plan_file.read_bytes()
    monkeypatch.setenv("VISUAL", "code --wait 'x")
    result = run("edit", "7")
    assert result.code == 1 and "Traceback" not in result.stderr
    assert "VISUAL='code --wait 'x' is no command hplan can run" in result.stderr
    assert "fix its quotes" in result.stderr and plan_file.read_bytes() == before


LEAVES = {
    "nothing": "path.unlink()",
    "a folder": "path.unlink(); path.mkdir()",
    "a pipe": "path.unlink(); os.mkfifo(path)",
    "a link to an endless device": "path.unlink(); path.symlink_to('/dev/zero')",
}


@pytest.mark.parametrize("left", LEAVES)
def test_an_editor_that_leaves_no_plan_text_is_said_in_words_and_never_hangs(
    run: Run, plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, left: str
) -> None:
    """Issue 34, item 11: an editor that deletes the plan or leaves a folder, a FIFO (which
    a read would wait on for ever) or a link to /dev/zero (read until out of memory)."""
    script = tmp_path / "odd-editor"
    body = f"import os, pathlib, sys\npath = pathlib.Path(sys.argv[-1])\n{LEAVES[left]}\n"
    script.write_text(f"#!{sys.executable}\n{body}", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.delenv("VISUAL", raising=False)
    before = plan_file.read_bytes()
    result = run("edit", "7")
    assert result.code == 1 and "Traceback" not in result.stderr, result.stderr
    assert "the editor left no plan text at" in result.stderr
    assert "nothing was written" in result.stderr and plan_file.read_bytes() == before
