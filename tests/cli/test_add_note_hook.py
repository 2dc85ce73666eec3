"""`hplan add`, `hplan note` and the pre-commit hook (part of issue 6)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import yaml

from hplan.plan.statuses import Status
from hplan.store.reading import read_plan

from ..conftest import REAL_PLAN, REPO, Result, hplan_script

Run = Callable[..., Result]
ORIGINAL = REAL_PLAN.read_text(encoding="utf-8")


def test_add_appends_in_the_files_own_style(run: Run, plan_file: Path) -> None:
    result = run(
        "add",
        "Planera Hälsingegårdarnas dag 2026: förberedelser",
        "--goal",
        "4.2.1",
        "--owner",
        "linda",
        "--deadline",
        "15 mars",
    )
    assert result.code == 0, result.stderr
    assert result.stdout == (  # every write names the file it wrote
        f"20: added — Planera Hälsingegårdarnas dag 2026: förberedelser (15 mars) ({plan_file})\n"
    )
    assert plan_file.read_text(encoding="utf-8") == ORIGINAL + (
        "\n"
        "  - id: 20\n"
        "    title: 'Planera Hälsingegårdarnas dag 2026: förberedelser'\n"
        "    goals:\n"
        "      - 4.2.1\n"
        "    owners:\n"
        "      - Linda Beigler\n"
        "    deadline: 15 mars\n"
        "    status: not-started\n"
    )
    added = read_plan(plan_file).activity("20")
    assert added is not None and added.status is Status.NOT_STARTED


def test_add_with_several_goals_and_someone_alongside(run: Run, plan_file: Path) -> None:
    assert (
        run(
            "add",
            "Ny kartläggning",
            "-g",
            "4.2.1",
            "-g",
            "4.2.2",
            "--owner",
            "karin",
            "--with",
            "näringslivschefer",
            "--deadline",
            "Löpande",
        ).code
        == 0
    )
    added = read_plan(plan_file).activity("20")
    assert added is not None
    assert (added.goals, added.owners, added.with_) == (
        ["4.2.1", "4.2.2"],
        ["Karin Flordal"],
        ["Näringslivschefer"],
    )


def test_add_keeps_crlf_and_bom(run: Run, plan_file: Path) -> None:
    plan_file.write_bytes(b"\xef\xbb\xbf" + ORIGINAL.replace("\n", "\r\n").encode("utf-8"))
    assert run("add", "Test", "--goal", "4.2.3", "--owner", "karin", "--deadline", "juni").code == 0
    raw = plan_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert raw.endswith(b"    deadline: juni\r\n    status: not-started\r\n")


def test_add_refuses_what_the_plan_does_not_declare(run: Run, plan_file: Path) -> None:
    unknown_goal = run("add", "x", "--goal", "4.3", "--owner", "linda", "--deadline", "juni")
    assert unknown_goal.code == 2 and "unknown goal '4.3'" in unknown_goal.stderr
    unknown_owner = run(
        "add", "x", "--goal", "4.2.1", "--owner", "Karin Flordahl", "--deadline", "juni"
    )
    assert unknown_owner.code == 2 and "did you mean 'Karin Flordal'" in unknown_owner.stderr
    bad_deadline = run("add", "x", "--goal", "4.2.1", "--owner", "linda", "--deadline", "snart")
    assert bad_deadline.code == 2 and "cannot read the deadline 'snart'" in bad_deadline.stderr
    assert plan_file.read_text(encoding="utf-8") == ORIGINAL


def test_note_keeps_the_status(run: Run, plan_file: Path) -> None:
    result = run("note", "9", "Listan skickad", "--as-of", "2025-09-02")
    assert result.stdout.startswith("9: note added (not started) — Kartlägga")
    assert plan_file.read_text(encoding="utf-8") == ORIGINAL.replace(
        "    deadline: Senast oktober 2025\n    status: not-started\n",
        "    deadline: Senast oktober 2025\n    status: not-started\n"
        "    notes:\n      - date: 2025-09-02\n        text: Listan skickad\n",
    )
    assert run("note", "9", "  ").code == 7


def test_the_pre_commit_hook_passes_a_valid_plan_and_stops_an_invalid_one(
    tmp_path: Path,
) -> None:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "hplan-validate" and hook["pass_filenames"] is True
    import re

    assert re.search(hook["files"], "plan2025.yaml") and re.search(hook["files"], "a/plan.yml")
    assert not re.search(hook["files"], "README.md")
    valid = tmp_path / "plan2025.yaml"
    valid.write_text(ORIGINAL, encoding="utf-8")
    invalid = tmp_path / "plan2026.yaml"
    invalid.write_text(ORIGINAL.replace("deadline: Juni", "deadline: Midsommar"), encoding="utf-8")
    entry = hook["entry"].split()
    assert entry[0] == "hplan"

    def hook_run(*files: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [hplan_script(), *entry[1:], *map(str, files)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )

    assert hook_run(valid).returncode == 0
    failed = hook_run(valid, invalid)
    assert failed.returncode == 3
    assert failed.stderr.startswith(
        f"{invalid}:170:15: activity 8: cannot read the deadline 'Midsommar'"
    )
