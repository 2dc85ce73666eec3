"""The core's answers without the command line: what changed between versions, one
activity's story, and the report's data as of a day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from hplan.errors import NotFound
from hplan.plan.model import Note, Plan
from hplan.plan.statuses import Status
from hplan.plan.versions import Version
from hplan.queries.changes import ChangeKind, activity_history, changes
from hplan.queries.report import build_report
from hplan.store.reading import read_plan

from ..conftest import REAL_PLAN


@pytest.fixture(scope="module")
def plan() -> Plan:
    return read_plan(REAL_PLAN)


def version(plan: Plan, commit: str, day: date) -> Version:
    return Version(commit, "Linda Beigler", datetime(day.year, day.month, day.day, 12), plan)


def with_activity(plan: Plan, activity_id: str, **changes: object) -> Plan:
    activities = [replace(a, **changes) if a.id == activity_id else a for a in plan.activities]
    return replace(plan, activities=activities)


def test_changes_between_versions(plan: Plan) -> None:
    done = with_activity(
        plan,
        "5",
        status=Status.DONE,
        status_date=date(2025, 5, 26),
        notes=[Note(date=date(2025, 5, 26), text="300 besökare")],
    )
    moved = with_activity(done, "10", deadline=replace(plan.activities[9].deadline, text="Nov"))
    found = changes(
        [
            version(plan, "a", date(2025, 5, 1)),
            version(done, "b", date(2025, 5, 26)),
            version(moved, "c", date(2025, 6, 2)),
        ],
        today=date(2025, 7, 1),
    )
    kinds = [(c.activity_id, c.kind, c.before, c.after, c.note) for c in found]
    assert kinds[:2] == [
        ("5", ChangeKind.STATUS, "not-started", "done", "300 besökare"),
        ("10", ChangeKind.DEADLINE, "December", "Nov", ""),
    ]
    overdue = [c for c in found if c.kind == ChangeKind.OVERDUE]
    assert sorted((c.due, int(c.activity_id)) for c in overdue if c.due) == [
        (date(2025, 5, 18), 7),
        (date(2025, 6, 30), 2),
        (date(2025, 6, 30), 8),
        (date(2025, 6, 30), 17),
    ]
    assert found[0].dated == date(2025, 5, 26)


def test_one_activitys_story(plan: Plan) -> None:
    started = with_activity(plan, "9", status=Status.IN_PROGRESS, status_date=date(2025, 6, 1))
    story = activity_history(
        [version(plan, "a", date(2025, 5, 1)), version(started, "b", date(2025, 6, 1))], "9"
    )
    assert [(c.kind, c.after) for c in story] == [
        (ChangeKind.FIRST_SEEN, "not-started"),
        (ChangeKind.STATUS, "in-progress"),
    ]
    with pytest.raises(NotFound):
        activity_history([version(plan, "a", date(2025, 5, 1))], "99")


def test_the_report_as_of_a_past_day_shows_nothing_dated_after_it(plan: Plan) -> None:
    later = with_activity(plan, "5", notes=[Note(date=date(2025, 8, 1), text="Efteråt")])
    report = build_report(later, date(2025, 7, 1), "sv")
    five = next(r for r in report.rows if r.activity.id == "5")
    assert five.activity.notes == [] and five.overdue and five.days_overdue == 37
    assert [r.activity.id for r in report.upcoming] == []
    assert [r.activity.id for r in build_report(plan, date(2025, 9, 1), "sv").upcoming] == ["6"]
    assert report.done_share == 0.0 and report.total == 19
