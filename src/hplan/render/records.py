"""Query results as JSON records (the scripting interface) and as tables (columns of text).

JSON keys are part of hplan's contract: add keys, never rename or remove them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hplan.plan.codec import file_data
from hplan.plan.model import Activity, Plan
from hplan.queries.changes import Change
from hplan.queries.filters import ActivityRow, GoalSummary, Group, OwnerSummary, goal_key


@dataclass(frozen=True)
class Table:
    """Rows of text under column headings; `late` marks overdue rows for colour."""

    columns: list[str]
    rows: list[list[str]]
    late: list[bool] = field(default_factory=list)
    title: str | None = None
    language: str = "en"

    @property
    def headings(self) -> list[str]:
        """The column headings in the table's language (`columns` name them in English)."""
        from hplan.render.i18n import TABLE_WORDS

        words = TABLE_WORDS[self.language]
        return [words.get(c, c) for c in self.columns]


def activity_record(row: ActivityRow) -> dict[str, Any]:
    """One activity as JSON: every field of the model as the file writes it, and the dates
    its deadline means and whether it is overdue (docs/json.md)."""
    a = row.activity
    deadline = a.deadline
    record: dict[str, Any] = {}
    for key, value in file_data(a).items():
        record[key] = value
        if key == "deadline":
            record["start"] = deadline.start.isoformat() if deadline.start else None
            record["due"] = deadline.due.isoformat() if deadline.due else None
            record["ongoing"] = deadline.ongoing
        elif key == "status_date":
            record["overdue"] = row.overdue
            record["days_overdue"] = row.days_overdue
    return record


def group_record(by: str, group: Group) -> dict[str, Any]:
    """A group of activities under one goal or owner, as JSON."""
    return {
        "by": by,
        "key": group.key,
        "label": group.label,
        "activities": [activity_record(r) for r in group.rows],
    }


def goal_record(summary: GoalSummary) -> dict[str, Any]:
    """A goal with its rolled-up counts, as JSON."""
    return {
        "id": summary.goal.id,
        "title": summary.goal.title,
        "parent": summary.goal.parent_id,
        "depth": summary.depth,
        "activities": summary.total,
        "direct_activities": summary.direct,
        "by_status": {s.value: n for s, n in summary.by_status.items()},
        "overdue": summary.overdue,
    }


def owner_record(summary: OwnerSummary) -> dict[str, Any]:
    """An owner with open, overdue and done counts, as JSON."""
    return {
        "name": summary.owner.name,
        "kind": summary.owner.kind.value,
        "activities": summary.total,
        "open": summary.open,
        "overdue": summary.overdue,
        "done": summary.done,
    }


def detail_record(plan: Plan, row: ActivityRow) -> dict[str, Any]:
    """One activity with its goals' titles, as JSON (`hplan show`)."""
    record = activity_record(row)
    record["goal_titles"] = {g: _goal_title(plan, g) for g in row.activity.goals}
    return record


def _goal_title(plan: Plan, goal_id: str) -> str:
    goal = plan.goal(goal_id)
    return goal.title if goal else ""


def _owners_cell(activity: Activity, language: str) -> str:
    from hplan.render.i18n import TABLE_WORDS

    owners = ", ".join(activity.owners)
    if not activity.with_:
        return owners
    return f"{owners} ({TABLE_WORDS[language]['with']} {', '.join(activity.with_)})"


def activity_table(
    rows: list[ActivityRow], title: str | None = None, language: str = "en"
) -> Table:
    """Activities as a table: the plan's own columns plus due date and days late."""
    from hplan.render.i18n import TABLE_WORDS, format_day, status_word

    ongoing = TABLE_WORDS[language]["ongoing"]
    body = []
    for row in rows:
        a = row.activity
        body.append(
            [
                a.id,
                a.title,
                ", ".join(a.goals),
                _owners_cell(a, language),
                a.deadline.text,
                format_day(a.deadline.due, language) if a.deadline.due else ongoing,
                status_word(a.status, language),
                f"{row.days_overdue} d" if row.overdue else "",
            ]
        )
    return Table(
        ["ID", "Activity", "Goals", "Owners", "Deadline", "Due", "Status", "Late"],
        body,
        [r.overdue for r in rows],
        title,
        language,
    )


def goal_table(summaries: list[GoalSummary], language: str = "en") -> Table:
    """The goal tree with activities by status, rolled up."""
    from hplan.render.i18n import TABLE_WORDS, status_count

    none = TABLE_WORDS[language]["no activity"]
    body = []
    for s in sorted(summaries, key=lambda s: goal_key(s.goal.id)):
        counts = ", ".join(status_count(n, st, language) for st, n in s.by_status.items() if n)
        body.append(
            [
                "  " * s.depth + s.goal.id,
                s.goal.title,
                str(s.total) if s.total else none,
                counts,
                str(s.overdue) if s.overdue else "",
            ]
        )
    return Table(
        ["Goal", "Title", "Activities", "By status", "Overdue"],
        body,
        [s.overdue > 0 for s in summaries],
        language=language,
    )


def owner_table(summaries: list[OwnerSummary], language: str = "en") -> Table:
    """Owners with open, overdue and done counts."""
    from hplan.render.i18n import TABLE_WORDS

    words = TABLE_WORDS[language]
    body = [
        [
            s.owner.name,
            words[s.owner.kind.value],
            str(s.total),
            str(s.open),
            str(s.overdue),
            str(s.done),
        ]
        for s in summaries
    ]
    return Table(
        ["Owner", "Kind", "Activities", "Open", "Overdue", "Done"],
        body,
        [s.overdue > 0 for s in summaries],
        language=language,
    )


DETAIL_LABELS = (
    "Activity",
    "Goals",
    "Owners",
    "With",
    "Deadline",
    "Status",
    "Status date",
    "Late",
    "Note",
)
"""The labels `hplan show` may print (in English; TABLE_WORDS has them in each language)."""


def detail_lines(plan: Plan, row: ActivityRow, language: str = "en") -> list[tuple[str, str]]:
    """One activity as label/value pairs (`hplan show`), dates written out in the language."""
    from hplan.render.i18n import TABLE_WORDS, format_day, status_word

    words = TABLE_WORDS[language]
    a = row.activity
    d = a.deadline
    if d.ongoing:
        dates = f"{words['ongoing']}, {words['never overdue']}"
    elif d.start and d.due and d.start != d.due:
        dates = f"{format_day(d.start, language)} – {format_day(d.due, language)}"
    else:
        dates = format_day(d.due, language) if d.due else ""
    lines = [
        (words["Activity"], f"{a.id}  {a.title}"),
        (words["Goals"], "; ".join(f"{g} {_goal_title(plan, g)}" for g in a.goals)),
        (words["Owners"], ", ".join(a.owners)),
    ]
    if a.with_:
        lines.append((words["With"], ", ".join(a.with_)))
    lines += [
        (words["Deadline"], f"{d.text}  ({dates})"),
        (words["Status"], status_word(a.status, language)),
    ]
    if a.status_date:
        lines.append((words["Status date"], format_day(a.status_date, language)))
    if row.overdue:
        lines.append((words["Late"], f"{row.days_overdue} {words['days']}"))
    lines += [(words["Note"], f"{format_day(n.date, language)}  {n.text}") for n in a.notes]
    return lines


def change_record(change: Change) -> dict[str, Any]:
    """One change from the plan's history, as JSON."""
    return {
        "commit": change.commit,
        "author": change.author,
        "when": change.when.isoformat() if change.when else None,
        "id": change.activity_id,
        "title": change.title,
        "kind": change.kind,
        "before": change.before,
        "after": change.after,
        "note": change.note,
        "day": change.day.isoformat() if change.day else None,
    }


def change_text(change: Change, language: str | None = None) -> str:
    """What a change did, in a few words: canonical statuses, or a report's `language`."""
    from hplan.render.i18n import CHANGE_WORDS, STATUS_WORDS

    words = CHANGE_WORDS[language or "en"]

    def status(value: str) -> str:
        if language is None or not value:
            return value
        return next((w for s, w in STATUS_WORDS[language].items() if s.value == value), value)

    note = f" — {change.note}" if change.note else ""
    if change.kind == "overdue":
        return f"{words['overdue']} ({words['due']} {_written_day(change.after, language)})"
    return {
        "status": f"{status(change.before)} → {status(change.after)}{note}",
        "added": f"{words['added']} ({status(change.after)})",
        "first seen": f"{words['first seen']} ({status(change.after)})",
        "removed": f"{words['removed']} ({status(change.before)})",
        "deadline": f"{words['deadline']} {change.before} → {change.after}",
        "note": f"{words['note']}{note}",
    }.get(change.kind, change.kind)


def change_table(changes: list[Change], language: str = "en", one: bool = False) -> Table:
    """Changes from the plan's history, oldest first; `one` activity's story has its id and
    title once, as the table's title, not on every row."""
    columns = ["When", "Commit", "Author", "ID", "Activity", "Change"]
    body = [
        [
            change.when.strftime("%Y-%m-%d %H:%M") if change.when else "",
            change.commit[:8] if change.commit != "working tree" else "uncommitted",
            change.author,
            change.activity_id,
            change.title,
            change_text(change, language),
        ]
        for change in changes
    ]
    title = None
    if one and changes:
        title = f"{changes[-1].activity_id} {changes[-1].title}"
        body = [row[:3] + row[5:] for row in body]
        columns = columns[:3] + columns[5:]
    return Table(columns, body, [c.kind == "overdue" for c in changes], title, language)


def _written_day(text: str, language: str | None) -> str:
    """`due 2025-06-30` from a change, as people write the day: `30 juni 2025`."""
    from datetime import date

    from hplan.render.i18n import format_day

    day = text.removeprefix("due ")
    return format_day(date.fromisoformat(day), language or "en")
