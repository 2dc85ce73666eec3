"""What changed between versions of the plan, and one activity's story: pure comparisons.

The versions come from git (store/history.py); nothing here reads a file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from hplan.errors import Message, NotFound
from hplan.plan.model import Activity, Answer, Plan
from hplan.plan.versions import Version


class ChangeKind(StrEnum):
    """What kind of thing changed."""

    STATUS = "status"
    ADDED = "added"
    FIRST_SEEN = "first seen"
    REMOVED = "removed"
    DEADLINE = "deadline"
    NOTE = "note"
    OVERDUE = "overdue"
    ASSESSMENT = "assessment"


@dataclass(frozen=True)
class Change:
    """One thing that changed between two versions of the plan."""

    commit: str
    author: str
    when: datetime | None
    activity_id: str
    title: str
    kind: ChangeKind
    before: str
    after: str
    note: str = ""
    day: date | None = None
    """The day the plan dates the change (a status date, a note's date), where it does."""
    due: date | None = None
    """The due date an activity passed, for an overdue change."""
    round: str = ""
    """The follow-up round an assessment answers."""
    by: str = ""
    """Who gave an assessment."""

    @property
    def dated(self) -> date | None:
        """The day of the change as people date it: the plan's own date, else the commit's."""
        return self.day or (self.when.date() if self.when else None)


def visible_as_of(found: Iterable[Change], day: date) -> list[Change]:
    """The one rule for what the plan's history shows as of `day` (`changes`, the digest,
    the report, the web view's history): a change is there once it was committed and once
    the day it is dated by (a status date, a note's) has come; one committed or dated after
    `day` is not yet. An uncommitted change counts by its own date alone."""
    return [
        c
        for c in found
        if (c.when is None or c.when.date() <= day) and (c.day is None or c.day <= day)
    ]


def changes(found: Iterable[Version], today: date, since_day: date | None = None) -> list[Change]:
    """What changed from each version to the next, and what became overdue meanwhile.

    The versions are taken one at a time; only two are held at once."""
    out: list[Change] = []
    first: Version | None = None
    last: Version | None = None
    for version in found:
        if last is None:
            first = version
        else:
            out += _compare(last.plan, version)
        last = version
    if first is not None and last is not None:
        began = in_zone(first.when, first.plan.timezone)
        start = since_day or (began.date() if began else None)
        for activity in last.plan.activities:
            due = activity.deadline.due
            if due is None or activity.status.closed or due >= today:
                continue
            # Overdue from the day after its due date: did that day fall in the window?
            if start is None or due + timedelta(days=1) >= start:
                out.append(
                    Change(
                        "", "", None, activity.id, activity.title, ChangeKind.OVERDUE, "", "",
                        due=due,
                    )
                )  # fmt: skip
    return out


def in_zone(when: datetime | None, zone: str) -> datetime | None:
    """A commit's time in the plan's time zone, as every output shows it and as "which day"
    is decided (a commit at 23:30 UTC is the next day in Hälsingland)."""
    from zoneinfo import ZoneInfo

    return when.astimezone(ZoneInfo(zone)) if when is not None else None


def _compare(old: Plan, new: Version) -> list[Change]:
    before = {a.id: a for a in old.activities}
    after = {a.id: a for a in new.plan.activities}
    out = []

    when = in_zone(new.when, new.plan.timezone)

    def change(
        activity: Activity,
        kind: ChangeKind,
        was: str,
        now: str,
        note: str = "",
        day: date | None = None,
    ) -> Change:
        return Change(
            new.commit, new.author, when, activity.id, activity.title, kind, was, now, note, day
        )

    for aid, activity in after.items():
        if aid not in before:
            out.append(change(activity, ChangeKind.ADDED, "", activity.status.value))
            continue
        previous = before[aid]
        if previous is activity:  # a version read from the one before it shares what is same
            continue
        new_notes = activity.notes[len(previous.notes) :]
        added_notes = [n.text for n in new_notes]
        note = "; ".join(added_notes)
        if activity.status != previous.status:
            was, now = previous.status.value, activity.status.value
            out.append(change(activity, ChangeKind.STATUS, was, now, note, activity.status_date))
        elif added_notes:
            out.append(change(activity, ChangeKind.NOTE, "", "", note, new_notes[-1].date))
        for answer, was in _new_answers(previous, activity):
            made = change(activity, ChangeKind.ASSESSMENT, was, answer.assessment.value,
                          answer.comment, answer.date)  # fmt: skip
            out.append(replace(made, round=answer.round, by=answer.by))
        if activity.deadline.text != previous.deadline.text:
            out.append(
                change(
                    activity, ChangeKind.DEADLINE, previous.deadline.text, activity.deadline.text
                )
            )
    out += [
        change(a, ChangeKind.REMOVED, a.status.value, "")
        for aid, a in before.items()
        if aid not in after
    ]
    return out


def _new_answers(before: Activity, after: Activity) -> list[tuple[Answer, str]]:
    """Each answer `after` has that `before` had not, with the assessment it replaced ("")."""
    if before.assessments == after.assessments:
        return []
    out = []
    for answer in after.assessments:
        if answer not in before.assessments:
            was = before.answer(answer.round)
            out.append((answer, was.assessment.value if was is not None else ""))
    return out


def activity_history(found: Iterable[Version], activity_id: str) -> list[Change]:
    """One activity's status timeline: its first appearance, then every change to it."""
    story: list[Change] = []
    previous: Version | None = None
    for new in found:
        old, previous = previous, new
        activity = new.plan.activity(activity_id)
        if activity is None:
            continue
        if not story:
            kind = ChangeKind.ADDED if old is not None else ChangeKind.FIRST_SEEN
            story.append(
                Change(new.commit, new.author, new.when, activity.id, activity.title, kind, "",
                       activity.status.value)
            )  # fmt: skip
        elif old is not None:
            story += [c for c in _compare(old.plan, new) if c.activity_id == activity_id]
    if not story:
        raise NotFound(
            Message("no version of the plan in git has an activity with id '{id}'", id=activity_id)
        )
    return story
