"""`--owner me`: the owner named by $HPLAN_ME, else git's user.name where the plan is."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from hplan.api import Session, UsageError

DAY = date(2025, 7, 1)


@pytest.fixture(autouse=True)
def _no_global_git_name(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The developer's own git name never decides who "me" is here."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("HPLAN_ME", raising=False)


def owners_of(rows: list) -> set[str]:  # type: ignore[type-arg]
    return {o for r in rows for o in r.activity.owners}


def test_me_is_hplan_me(plan_file: Path) -> None:
    session = Session(plan_file, as_of=DAY, environ={"HPLAN_ME": "karin"})
    rows = session.select(owners=["me"])
    assert rows and all("Karin Flordal" in r.activity.owners for r in rows)
    assert session.select(owners=["jag"]) == rows


def test_me_is_gits_user_name_where_the_plan_is(plan_file: Path) -> None:
    folder = plan_file.parent
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "config", "user.name", "Linda Beigler"], cwd=folder, check=True)
    rows = Session(plan_file, as_of=DAY, environ={}).select(owners=["me"])
    assert rows and all("Linda Beigler" in r.activity.owners for r in rows)


def test_a_me_who_is_no_owner_is_said(plan_file: Path) -> None:
    with pytest.raises(UsageError, match=r"Anna Andersson \(from HPLAN_ME\), who is not among"):
        Session(plan_file, as_of=DAY, environ={"HPLAN_ME": "Anna Andersson"}).select(owners=["me"])
    with pytest.raises(UsageError, match=r"HPLAN_ME or git config user\.name"):
        Session(plan_file, as_of=DAY, environ={}).select(owners=["me"])
