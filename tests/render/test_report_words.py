"""Every word of the report from the catalogs: days late with their unit, and a change still
in the working tree said in the plan's language, not as git's "(uncommitted)"."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..cli.test_history import hplan, repo  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("swedish")


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_days_late_carry_their_unit(repo: Path, fmt: str) -> None:  # noqa: F811
    code, out, _ = hplan(repo, "report", "--format", fmt, "--as-of", "2025-07-01")
    assert code == 0
    # activity 7, due 18 May 2025, in the overdue table
    shown = '<td class="num late">44 dagar</td>' if fmt == "html" else "| 44 dagar |"
    assert shown in out


def test_an_uncommitted_change_is_said_in_the_plans_language(repo: Path) -> None:  # noqa: F811
    code, out, _ = hplan(repo, "report", "--since", "styrelsemote-maj", "--as-of", "2025-07-01")
    assert code == 0 and "(uncommitted)" not in out and "ej incheckad" in out
    code, out, _ = hplan(repo, "changes", "--since", "styrelsemote-maj", "--as-of", "2025-07-01")
    assert code == 0 and "(uncommitted)" not in out and "ej incheckad" in out


def test_a_plain_report_shows_what_changed_since_the_last_meeting_by_date(
    repo: Path,  # noqa: F811
) -> None:
    code, out, _ = hplan(repo, "report", "--as-of", "2025-07-01")
    assert code == 0
    assert "## Sedan förra mötet" in out
    assert "Ändringar sedan styrelsemote-maj (20 maj 2025)." in out  # the meeting's day
    section = out.split("## Sedan förra mötet")[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "juni" in line]
    months = {"maj": 5, "juni": 6}
    days = []
    for row in rows:
        shown = row.split(" | ")[0].strip("| ").split()
        if shown:  # a change the plan gives no day (a deadline edited) has none
            number, month, year = shown
            days.append((int(year), months[month], int(number)))
    assert len(days) >= 2 and days == sorted(days)  # in the order of the days shown
