"""`hplan changes` and `hplan history` in a temporary git repository (part of issue 6)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from ..conftest import REAL_PLAN
from ..history_repo import git, hplan, make_history

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A plan with three commits by two people, and one uncommitted note."""
    return make_history(tmp_path)


def changes(repo: Path, since: str) -> list[dict[str, object]]:
    code, out, err = hplan(
        repo, "changes", "--since", since, "--as-of", "2025-07-01", "--format", "json"
    )
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_changes_since_a_tag(repo: Path) -> None:
    found = [
        (c["author"], c["id"], c["kind"], c["before"], c["after"], c["note"])
        for c in changes(repo, "styrelsemote-maj")
    ]
    assert found == [
        ("Linda Beigler", "5", "status", "not-started", "done", "300 besökare"),
        ("Karin Flordal", "9", "status", "not-started", "in-progress", ""),
        ("Karin Flordal", "10", "deadline", "December", "November", ""),
        ("(uncommitted)", "17", "note", "", "", "Väntar på regionen"),
        ("", "2", "overdue", "", "2025-06-30", ""),
        ("", "8", "overdue", "", "2025-06-30", ""),
        ("", "17", "overdue", "", "2025-06-30", ""),
    ]


def test_changes_since_a_day(repo: Path) -> None:
    found = changes(repo, "1 juni 2025")
    assert [(c["id"], c["kind"]) for c in found][:3] == [
        ("9", "status"),
        ("10", "deadline"),
        ("17", "note"),
    ]
    # The commit's time in the plan's time zone (git took 14:00 in the machine's, UTC).
    assert str(found[0]["when"]) == "2025-06-10T16:00:00+02:00"
    assert found[2]["commit"] == "working tree"


def test_changes_as_a_table(repo: Path) -> None:
    code, out, _ = hplan(repo, "changes", "--since", "styrelsemote-maj", "--as-of", "2025-07-01")
    assert code == 0
    heading, blank, *lines = out.splitlines()
    assert heading == "Changes since styrelsemote-maj (20 May 2025):" and blank == ""
    assert lines[0].split()[:4] == ["When", "Commit", "Author", "ID"]
    assert "not started → done — 300 besökare" in lines[1]
    assert "uncommitted" in lines[4] and "note — Väntar på regionen" in lines[4]
    assert lines[4].startswith("2025-06-20 ")  # not committed: the day the plan gives the note


def test_changes_names_the_period_it_covers(repo: Path) -> None:
    git(repo, "tag", "-d", "styrelsemote-maj")
    code, out, _ = hplan(repo, "changes", "--as-of", "2025-07-01")
    assert code == 0
    assert out.splitlines()[0] == "Changes in the last 30 days (since 1 June 2025):"
    code, out, _ = hplan(repo, "changes", "--since", "2025-06-01", "--as-of", "2025-07-01")
    assert out.splitlines()[0] == "Changes since 1 June 2025:"
    code, out, _ = hplan(
        repo, "changes", "--since", "2025-06-01", "-f", "json", "--as-of", "2025-07-01"
    )
    assert out.startswith("[")  # for programs: the data alone


def test_history_of_one_activity(repo: Path) -> None:
    code, out, _ = hplan(repo, "history", "9", "--format", "json")
    assert code == 0
    story = [(c["author"], c["kind"], c["after"]) for c in json.loads(out)]
    assert story == [
        ("Linda Beigler", "first seen", "not-started"),
        ("Karin Flordal", "status", "in-progress"),
    ]
    assert hplan(repo, "history", "99")[0] == 4


def test_history_needs_git_and_a_tracked_plan(tmp_path: Path) -> None:
    shutil.copyfile(REAL_PLAN, tmp_path / "plan2025.yaml")
    code, _, err = hplan(tmp_path, "changes", "--since", "2025-06-01")
    assert code == 1 and "is not in a git repository" in err
    git(tmp_path, "init", "-q")
    code, _, err = hplan(tmp_path, "history", "5")
    assert code == 1 and "git does not track plan2025.yaml" in err


@pytest.mark.usefixtures("swedish")
def test_report_since_has_a_section_since_the_last_meeting(repo: Path) -> None:
    code, out, _ = hplan(repo, "report", "--since", "styrelsemote-maj", "--as-of", "2025-07-01")
    assert code == 0
    section = out.split("## Sedan förra mötet\n", 1)[1].split("\n## ", 1)[0]
    assert "Ändringar sedan styrelsemote-maj (20 maj 2025)." in section
    assert (
        "| 26 maj 2025 | 5 | Planera och genomföra Hälsingegårdarnas dag | ej påbörjad → "
        "genomförd — 300 besökare | Linda Beigler |"
    ) in section
    assert (
        "| 10 juni 2025 | 10 | Utveckla och förvalta `www.halsingland.se` | slutdatum "
        "December → November | Karin Flordal |"
    ) in section
    assert "blev försenad (förföll 30 juni 2025)" in section
    code, english, _ = hplan(
        repo,
        "report",
        "--since",
        "2025-06-01",
        "--lang",
        "en",
        "--as-of",
        "2025-07-01",
        "--format",
        "html",
    )
    assert code == 0 and "<h2>Since the last meeting</h2>" in english
    assert "not started → in progress" in english
    plain = hplan(repo, "report", "--as-of", "2025-07-01")[1]
    assert "Sedan förra mötet" in plain  # since the latest tag, as `hplan changes`


def test_a_change_carries_the_day_the_plan_dates_it(repo: Path) -> None:
    found = {(c["id"], c["kind"]): c for c in changes(repo, "styrelsemote-maj")}
    assert found[("5", "status")]["day"] == "2025-05-26"  # its status_date
    assert found[("17", "note")]["day"] == "2025-06-20"  # the note's date
    assert found[("10", "deadline")]["day"] is None  # undated in the plan: the commit's day


def test_history_shows_the_activity_once_not_on_every_row(repo: Path) -> None:
    code, out, _ = hplan(repo, "history", "9")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("9 Kartlägga och välja ut de evenemang")
    assert lines[1].split() == ["When", "Commit", "Author", "Change"]
    assert all("Kartlägga" not in line for line in lines[2:])


def test_a_report_as_of_a_past_day_shows_nothing_dated_after_it(repo: Path) -> None:
    before = hplan(repo, "report", "--since", "styrelsemote-maj", "--as-of", "2025-06-01")[1]
    assert "300 besökare" in before  # dated 26 May
    assert "Väntar på regionen" not in before  # a note of 20 June
    since = before.split("## Since the last meeting")[1].split("## ")[0]
    assert "300 besökare" in since and "in progress" not in since  # set on 10 June
    after = hplan(repo, "report", "--since", "styrelsemote-maj", "--as-of", "2025-07-01")[1]
    assert "Väntar på regionen" in after


def test_git_history_is_read_to_a_depth_a_person_can_wait_for(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`history` reads the newest versions only; `changes --since` reads every version after
    its start, however many (issue 35: it refused 31 versions of a large plan)."""
    from hplan.store import history

    code, out, _ = hplan(repo, "history", "9", "--format", "json")
    everything = json.loads(out)
    monkeypatch.setattr(history, "MAX_VERSIONS", 2)
    code, out, _ = hplan(repo, "history", "9", "--format", "json")
    assert code == 0
    newest = json.loads(out)
    assert newest[0]["kind"] == "first seen"  # in the oldest version read
    assert newest[0]["commit"] != everything[0]["commit"]  # not the plan's first commit
    assert newest[1:] == everything[1:]
    code, out, _ = hplan(repo, "changes", "--since", "styrelsemote-maj", "--as-of",
                         "2025-07-01", "-f", "json")  # fmt: skip
    assert code == 0 and len(json.loads(out)) == len(changes(repo, "styrelsemote-maj"))
    assert len({c["commit"] for c in json.loads(out)}) > 2  # more versions than the 2


def test_a_new_activity_has_one_word_in_history_and_in_changes(repo: Path) -> None:
    """ "tillkom" (history) and "tillagd" (changes) were two words for one thing."""
    history = hplan(repo, "history", "9", "--lang", "sv")[1]
    assert "tillagd" in history and "tillkom" not in history


def test_nothing_committed_after_the_day_shows_in_changes_digest_report_or_history(
    repo: Path,
) -> None:
    """One rule for what history is visible as of a day (queries/changes.visible_as_of)."""
    from hplan.api import Session
    from hplan.api import digest as api

    from ..history_repo import git

    plan = repo / "plan2025.yaml"
    git(repo, "commit", "-qam", "what was left", when="2025-06-11T09:00:00")
    assert hplan(repo, "status", "12", "klar", "--note", "Senare", "--as-of", "2025-07-01")[0] == 0
    git(repo, "commit", "-qam", "Efter dagen", author="Karin Flordal", when="2025-07-01T09:00:00")
    (repo / "contacts.yaml").write_text(
        "owners:\n  - name: Linda Beigler\n    email: linda.beigler@example.org\n"
        "  - name: Karin Flordal\n    email: karin.flordal@example.org\n",
        encoding="utf-8",
    )
    day = "2025-06-20"
    session = Session(plan, as_of=day)

    def later_of_12(found: list[Any]) -> list[Any]:  # what the commit of 1 July did to 12
        return [c for c in found if c.activity_id == "12" and c.kind.value != "added"]

    seen = session.changes("2025-05-01")
    assert seen and later_of_12(seen) == []
    assert later_of_12([c for d in api.build(session).digests for c in d.changed]) == []
    report = session.report("2025-05-01")
    assert report.changes is not None and later_of_12(report.changes) == []
    assert [c.kind.value for c in session.history("12")] == ["first seen"]
    # The day after, all of it shows.
    after = Session(plan, as_of="2025-07-02")
    assert len(later_of_12(after.changes("2025-05-01"))) >= 1  # its status, done on 1 July
    assert len(after.history("12")) > 1


def test_a_commit_is_dated_and_shown_in_the_plans_time_zone(repo: Path) -> None:
    """A CI runner commits in UTC: 23:30 UTC on 1 July is 01:30 on 2 July in Hälsingland, so
    it is not yet visible as of 1 July, and every table shows it at 01:30."""
    from hplan.api import Session
    from hplan.render.records import change_table

    git(repo, "commit", "-qam", "what was left", when="2025-06-11T09:00:00+02:00")
    assert hplan(repo, "status", "12", "klar", "--as-of", "2025-07-01")[0] == 0
    git(repo, "commit", "-qam", "I natt", when="2025-07-01T23:30:00+00:00")
    plan = repo / "plan2025.yaml"
    late = [c for c in Session(plan, as_of="2025-07-01").changes("2025-05-01")
            if c.activity_id == "12" and c.kind.value == "status"]  # fmt: skip
    assert late == []
    shown = Session(plan, as_of="2025-07-02").history("12")
    table = change_table(shown, "sv", one=True)
    assert "2025-07-02 01:30" in [row[0] for row in table.rows]


def test_the_report_and_the_terminal_write_the_start_of_changes_alike(repo: Path) -> None:
    """ "Ändringar sedan 2026-11-07" in the report, "24 juni 2025" at the terminal: one form."""
    code, out, _ = hplan(repo, "changes", "--since", "2025-06-01", "--as-of", "2025-07-01",
                         "--lang", "sv")  # fmt: skip
    assert code == 0 and out.splitlines()[0] == "Ändringar sedan 1 juni 2025:"
    report = repo / "rapport.md"
    code, _, err = hplan(repo, "report", "--since", "2025-06-01", "--as-of", "2025-07-01",
                         "--lang", "sv", "-o", str(report))  # fmt: skip
    assert code == 0, err
    text = report.read_text(encoding="utf-8")
    assert "Ändringar sedan 1 juni 2025." in text and "sedan 2025-06-01" not in text
