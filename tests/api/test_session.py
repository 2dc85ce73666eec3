"""The application layer without the command line: one session resolves the file, the day
and the language; every read has a version; errors are kinds with codes."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from hplan import api
from hplan.api import (
    ERROR_KINDS,
    Filter,
    NotFound,
    PlanInvalid,
    Session,
    UsageError,
)
from hplan.plan import clock
from hplan.plan.statuses import Status


def test_every_read_carries_the_version_of_the_bytes_it_read(plan_file: Path) -> None:
    session = Session(plan_file, as_of="2025-07-01")
    snapshot = session.read()
    assert snapshot.version == hashlib.sha256(plan_file.read_bytes()).hexdigest()
    assert snapshot.plan is session.plan and session.version == snapshot.version


def test_the_session_picks_the_file_by_the_one_rule(plan_file: Path) -> None:
    (plan_file.parent / "plan2024.yaml").write_bytes(plan_file.read_bytes())
    assert Session(folder=plan_file.parent, as_of="2025-03-01").path.name == "plan2025.yaml"
    assert Session(folder=plan_file.parent, as_of="2024-12-31").path.name == "plan2024.yaml"
    chosen = Session(folder=Path("/"), environ={"HPLAN_PLAN": str(plan_file)})
    assert chosen.path == plan_file


def test_today_is_the_date_in_the_plans_time_zone() -> None:
    sunday_evening_utc = datetime(2025, 6, 1, 22, 30, tzinfo=UTC)
    assert clock.today(None, "Europe/Stockholm", sunday_evening_utc) == date(2025, 6, 2)
    assert clock.today(None, "UTC", sunday_evening_utc) == date(2025, 6, 1)
    assert clock.today("2025-05-01", "Europe/Stockholm", sunday_evening_utc) == date(2025, 5, 1)


def test_a_session_asks_the_clock_for_the_plans_own_zone(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(
        text.replace("language: sv\n", "language: sv\ntimezone: America/New_York\n")
    )
    asked: list[str] = []

    def today(as_of: str | None = None, zone: str = "Europe/Stockholm") -> date:
        asked.append(zone)
        return date(2025, 7, 1)

    monkeypatch.setattr(clock, "today", today)
    session = Session(plan_file)
    assert session.plan.timezone == "America/New_York"
    assert session.today == date(2025, 7, 1)
    assert asked[-1] == "America/New_York"


def test_an_unknown_time_zone_is_a_located_problem(plan_file: Path) -> None:
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("language: sv\n", "language: sv\ntimezone: Mars/Olympus\n"))
    with pytest.raises(PlanInvalid) as raised:
        Session(plan_file).read()
    assert "'Mars/Olympus' is not a time zone" in str(raised.value)
    assert raised.value.problems[0].line == 19


def test_queries_take_values_as_typed_and_errors_name_the_field(plan_file: Path) -> None:
    session = Session(plan_file, as_of="2025-07-01")
    assert [r.activity.id for r in session.overdue(owners=["karin"])] == ["17"]
    rows = session.select("due", owners=["linda"], statuses=["ej påbörjad"], ongoing=False)
    assert rows[0].activity.id == "7"
    with pytest.raises(UsageError) as raised:
        session.select(statuses=["färdig"])
    assert raised.value.field == "status" and raised.value.http_status == 400
    with pytest.raises(UsageError) as owner:
        session.filter(owners=["nobody"])
    assert owner.value.field == "owner"
    with pytest.raises(UsageError) as day:
        Filter.typed(session.plan, due_before="32 maj")
    assert day.value.field == "due_before"
    with pytest.raises(NotFound) as missing:
        session.activity("99")
    assert (missing.value.exit_code, missing.value.http_status) == (4, 404)


def test_each_kind_of_error_has_its_own_exit_code_and_an_http_status() -> None:
    codes = [kind.exit_code for kind in ERROR_KINDS]
    assert len(set(codes)) == len(codes)
    statuses = {kind.kind: kind.http_status for kind in ERROR_KINDS}
    assert statuses == {
        "error": 500,
        "usage": 400,
        "invalid-plan": 422,
        "not-found": 404,
        "locked": 423,
        "changed": 409,
        "document": 422,
        "refused": 422,
    }


def test_the_language_comes_from_the_call_the_environment_or_the_plan(plan_file: Path) -> None:
    assert Session(plan_file, environ={}).language == "sv"
    assert Session(plan_file, environ={"HPLAN_LANG": "en"}).language == "en"
    assert Session(plan_file, language="en", environ={"HPLAN_LANG": "sv"}).language == "en"
    with pytest.raises(UsageError) as raised:
        _ = Session(plan_file, language="fi").language
    assert raised.value.field == "language"


def test_the_report_and_goals_are_answered_as_of_the_sessions_day(plan_file: Path) -> None:
    session = Session(plan_file, as_of="2025-07-01")
    report = session.report()
    assert [r.activity.id for r in report.overdue] == ["7", "5", "2", "8", "17"]
    assert report.within == api.UPCOMING_DAYS
    assert {s.goal.id: s.overdue for s in session.goals()}["4.2.1"] == 4
    assert report.counts[Status.NOT_STARTED] == 19
