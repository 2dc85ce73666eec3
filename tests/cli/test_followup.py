"""`hplan followup`, `hplan followup open` and `hplan assess` as a person runs them (issue
30): through CliRunner and the installed script, in English and in the plan's Swedish."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from hplan.store.reading import read_plan

from ..api.test_followups import with_rounds
from ..conftest import Run


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Linda Beigler", "-c", "user.email=l@example.org", *args],
        cwd=folder, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def test_followup_without_rounds_says_how_to_add_one(run: Run) -> None:
    result = run("followup", "--as-of", "2025-05-08")
    assert result.code == 0
    assert "no follow-up rounds; add one with `hplan followup open`" in result.stdout
    assert json.loads(run("followup", "--format", "json").stdout) == []


def test_a_round_is_opened_and_its_answers_counted_per_owner(run: Run, plan_file: Path) -> None:
    opened = run("followup", "open", "T1", "--date", "2025-04-30", "--due", "12 maj 2025",
                 "--title", "Tertial 1", "--as-of", "2025-05-02")  # fmt: skip
    assert opened.code == 0, opened.stderr
    assert opened.stdout.startswith(
        "Follow-up round T1 (Tertial 1) opened: the state at 30 April 2025, answers due 12 May 2025"
    )
    said = run("assess", "5", "7", "risk", "-c", "Ingen lokal", "--as-of", "2025-05-08")
    assert said.code == 0, said.stderr
    assert said.stdout.splitlines()[0].startswith("5: assessment T1 at risk — Linda Beigler")
    table = run("followup", "--as-of", "2025-05-08")
    assert "T1 Tertial 1: 2 of 19 open activities assessed; answers due 12 May 2025." in (
        table.stdout
    )
    assert "No answer yet from: Karin Flordal, Sammankallande kommunikationschef." in (table.stdout)
    [record] = json.loads(run("followup", "-f", "json", "--as-of", "2025-05-08").stdout)
    assert (record["round"], record["current"], record["answered"]) == ("T1", True, 2)
    linda = next(o for o in record["owners"] if o["owner"] == "Linda Beigler")
    assert linda["answered"] == ["5", "7"] and "5" not in linda["missing"]


@pytest.mark.parametrize(
    ("argv", "code", "said"),
    [
        (["followup", "open", "T1", "--date", "2025-04-30"], 2, "open needs the round's id"),
        (["followup", "close", "T1"], 2, "'close' is not an action; use open"),
        (["followup", "open", "T1", "--date", "2025-04-30", "--due", "2025-05-12"], 7,
         "follow-up round T1 exists already"),
        (["assess", "5", "kanske"], 2, "hplan: ASSESSMENT: unknown assessment 'kanske'"),
        (["assess", "9", "risk"], 2, "hplan: --by: activity 9 has 2 owners"),
        (["assess", "5", "risk", "--by", "karin"], 7, "Karin Flordal does not own activity 5"),
        (["assess", "5", "risk", "--round", "T9"], 2, "hplan: --round: no follow-up round 'T9'"),
    ],
)  # fmt: skip
def test_what_cannot_be_done_is_said_and_nothing_written(
    run: Run, plan_file: Path, argv: list[str], code: int, said: str
) -> None:
    with_rounds(plan_file)
    before = plan_file.read_bytes()
    result = run(*argv, "--as-of", "2025-05-08")
    assert result.code == code, result.stderr
    assert said in result.stderr and "Traceback" not in result.stderr
    assert plan_file.read_bytes() == before


def test_show_list_and_overdue_give_the_assessment(run: Run, plan_file: Path) -> None:
    with_rounds(plan_file)
    assert run("assess", "5", "risk", "-c", "Ingen lokal", "--as-of", "2025-05-08").code == 0
    shown = run("show", "5", "--as-of", "2025-07-01").stdout
    assert "Assessment T1 (Tertial 1):" in shown
    assert "at risk — Ingen lokal (Linda Beigler, 8 May 2025)" in shown
    late = run("overdue", "--as-of", "2025-07-01").stdout
    assert "Assessment" in late.splitlines()[0]
    risky = run("overdue", "--assessment", "risk", "--as-of", "2025-07-01").stdout
    assert [line.split()[0] for line in risky.splitlines()[1:]] == ["5"]
    listed = run("list", "--assessment", "on-track", "--as-of", "2025-07-01")
    assert listed.code == 0 and "No activities match." in listed.stdout


def test_a_plan_without_rounds_shows_no_assessment_column(run: Run) -> None:
    assert "Assessment" not in run("overdue", "--as-of", "2025-07-01").stdout


def test_swedish_words_for_a_swedish_plan(run: Run, plan_file: Path, swedish: None) -> None:
    with_rounds(plan_file)
    said = run("assess", "5", "at-risk", "--as-of", "2025-05-08")
    assert said.stdout.startswith("5: bedömning T1 risk — Linda Beigler"), said.stdout
    shown = run("show", "5", "--as-of", "2025-05-08").stdout
    assert "Bedömning T1 (Tertial 1):" in shown and "risk (Linda Beigler, 8 maj 2025)" in shown
    table = run("followup", "--as-of", "2025-05-08").stdout
    assert "T1 Tertial 1: 1 av 19 öppna aktiviteter bedömda; svar senast 12 maj 2025." in table
    refused = run("assess", "9", "risk", "--as-of", "2025-05-08")
    assert "aktivitet 9 har 2 ansvariga; säg vem som svarar med --by" in refused.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_installed_script_assesses_commits_and_changes_names_it(
    plan_file: Path, script: Callable[..., subprocess.CompletedProcess[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    # Committed on the days the answers are given: history shows what was committed by the
    # day it is asked about.
    for name in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.setenv(name, "2025-05-08T12:00:00")
    with_rounds(plan_file)
    folder = plan_file.parent
    git(folder, "init", "-q")
    git(folder, "add", "plan2025.yaml")
    git(folder, "commit", "-qm", "Plan")
    git(folder, "config", "user.name", "Linda Beigler")
    git(folder, "config", "user.email", "l@example.org")
    done = script("assess", "5", "risk", "--comment", "Ingen lokal", "--commit",
                  "--as-of", "2025-05-08", cwd=folder, env={"HPLAN_LANG": "en"})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert git(folder, "log", "-1", "--format=%s") == (
        "Assessment of 5 for T1 set to at risk, 8 May 2025\n"
    )
    assert git(folder, "status", "--porcelain") == ""
    again = script("assess", "5", "on-track", "--as-of", "2025-05-09", cwd=folder,
                   env={"HPLAN_LANG": "en"})  # fmt: skip
    assert again.returncode == 0, again.stderr
    changes = script("changes", "--since", "HEAD~1", "--as-of", "2025-05-10", "--format", "json",
                     cwd=folder)  # fmt: skip
    found = [c for c in json.loads(changes.stdout) if c["kind"] == "assessment"]
    assert [(c["round"], c["before"], c["after"], c["by"]) for c in found] == [
        ("T1", "", "at-risk", "Linda Beigler"),
        ("T1", "at-risk", "on-track", "Linda Beigler"),
    ]
    history = script("history", "5", "--as-of", "2025-05-10", cwd=folder, env={"HPLAN_LANG": "en"})
    assert "assessment T1 on track ← at risk — Linda Beigler" in history.stdout
    answer = read_plan(plan_file).activity("5")
    assert answer is not None and answer.assessments[0].comment == ""


def test_csv_has_a_row_per_owner_and_answers_in_a_cell(run: Run, plan_file: Path) -> None:
    """CSV for a spreadsheet: the round's answers a row per owner; an activity's answers in
    one cell, as its notes are."""
    import csv
    import io

    with_rounds(plan_file)
    assert run("assess", "5", "risk", "-c", "Ingen lokal", "--as-of", "2025-05-08").code == 0
    rows = list(csv.DictReader(io.StringIO(run("followup", "-f", "csv", "--as-of",
                                               "2025-05-08").stdout)))  # fmt: skip
    linda = next(r for r in rows if r["owner"] == "Linda Beigler")
    assert (linda["round"], linda["answered"], linda["asked"]) == ("T1", "1", "14")
    listed = run("list", "-f", "csv", "--as-of", "2025-05-08")
    assert listed.code == 0, listed.stderr
    five = next(r for r in csv.DictReader(io.StringIO(listed.stdout)) if r["id"] == "5")
    assert five["assessments"] == "T1 at-risk (Linda Beigler, 2025-05-08): Ingen lokal"
