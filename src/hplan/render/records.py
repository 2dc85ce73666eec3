"""Query results as JSON records (the scripting interface) and as tables (columns of text).

JSON keys are part of hplan's contract: add keys, never rename or remove them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from hplan.plan.codec import file_data
from hplan.plan.model import Activity, Plan
from hplan.plan.statuses import Status
from hplan.queries.filters import ActivityRow, GoalSummary, Group, OwnerSummary, goal_key
from hplan.render.i18n import N_, gettext_for, needs_escapes, visible

if TYPE_CHECKING:  # history's records are loaded by history's commands only
    from hplan.queries.changes import Change


@dataclass(frozen=True)
class Table:
    """Rows of text under column headings; `late` marks overdue rows for colour."""

    columns: list[str]
    rows: list[list[str]]
    late: list[bool] = field(default_factory=list)
    title: str | None = None
    language: str = "en"
    drop: tuple[str, ...] = ()
    """Columns a narrow terminal may give up, least needed first, as the table's question
    decides (none given: rich_table.DROP_FIRST)."""

    def __post_init__(self) -> None:
        # Text from any source (a git author's name, a file name) is shown, never obeyed;
        # one search over every cell first, as 10,000 rows seldom hold any.
        if needs_escapes("\n".join(map("\n".join, self.rows))):
            object.__setattr__(self, "rows", [[visible(c) for c in row] for row in self.rows])
        if self.title is not None:
            object.__setattr__(self, "title", visible(self.title))

    @property
    def headings(self) -> list[str]:
        """The column headings in the table's language (`columns` name them in English)."""
        _ = gettext_for(self.language)
        return [_(c) for c in self.columns]


def activity_record(row: ActivityRow) -> dict[str, Any]:
    """One activity as JSON: every field of the model as the file writes it, and the dates
    its deadline means and whether it is overdue (docs/plan-file.md, JSON output)."""
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
    record["goal_titles"] = {g: plan.goal_title(g) for g in row.activity.goals}
    return record


def goals_text(plan: Plan, activity: Activity) -> str:
    """An activity's goals with their titles: `4.2.1 Varumärket Hälsingland; 4.2.2 …`."""
    return "; ".join(f"{g} {plan.goal_title(g)}".strip() for g in activity.goals)


def owners_text(activity: Activity, language: str) -> str:
    """An activity's owners, and who is named alongside: `Karin Flordal (med Linda Beigler)`."""
    owners = ", ".join(activity.owners)
    if not activity.with_:
        return owners
    _ = gettext_for(language)
    return owners + " (" + _("with") + " " + ", ".join(activity.with_) + ")"


ACTIVITY_COLUMNS = [
    N_("ID"),
    N_("Activity"),
    N_("Goals"),
    N_("Owners"),
    N_("Deadline"),
    N_("Due"),
    N_("Status"),
    N_("Late"),
]
"""An activity table's columns, named in English (`Table.headings` translates them)."""

MINE_DROP = ("Due", "Goals", "Owners", "Deadline")
"""What a narrow terminal gives up first in a list ("what is mine, and when is it due?"):
the due day repeats the deadline, and the deadline goes last."""
LATE_DROP = ("Due", "Goals", "Deadline", "Owners")
"""What it gives up first in `overdue` ("what is late, and whose is it?"): the owner goes
last; days late never."""


def activity_table(
    rows: list[ActivityRow], title: str | None = None, language: str = "en", late: bool = False,
    round_id: str | None = None,
) -> Table:  # fmt: skip
    """Activities as a table: the plan's own columns plus due date and days late; `late`: for
    the question what is late (whose it is matters more than its deadline); `round_id`: each
    one's assessment at that follow-up round too (given up first on a narrow terminal)."""
    from hplan.render.i18n import format_day, status_word

    _ = gettext_for(language)
    # Each status word and due day once: 10,000 rows share a few dozen.
    words = {status: status_word(status, language) for status in Status}
    ongoing = _("ongoing")
    days: dict[date | None, str] = {}
    body = []
    for row in rows:
        a = row.activity
        due = a.deadline.due
        if due not in days:
            days[due] = format_day(due, language) if due else ongoing
        body.append(
            [
                a.id,
                a.title,
                ", ".join(a.goals),
                owners_text(a, language),
                a.deadline.text,
                days[due],
                words[a.status],
                f"{row.days_overdue} d" if row.overdue else "",
            ]
        )
    drop = LATE_DROP if late else MINE_DROP
    if round_id is None:
        return Table(ACTIVITY_COLUMNS, body, [r.overdue for r in rows], title, language, drop)
    from hplan.render.answers import assessment_cells

    for cells, cell in zip(body, assessment_cells(rows, round_id, language), strict=True):
        cells.insert(7, cell)
    columns = [*ACTIVITY_COLUMNS[:7], N_("Assessment"), *ACTIVITY_COLUMNS[7:]]
    return Table(columns, body, [r.overdue for r in rows], title, language, ("Assessment", *drop))


def goal_table(summaries: list[GoalSummary], language: str = "en") -> Table:
    """The goal tree with activities by status, rolled up."""
    from hplan.render.i18n import status_count

    _ = gettext_for(language)
    none = _("no activity")
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
        [N_("Goal"), N_("Title"), N_("Activities"), N_("By status"), N_("Overdue")],
        body,
        [s.overdue > 0 for s in summaries],
        language=language,
    )


def owner_table(summaries: list[OwnerSummary], language: str = "en") -> Table:
    """Owners with open, overdue and done counts."""
    _ = gettext_for(language)
    body = [
        [
            s.owner.name,
            _(OWNER_KINDS[s.owner.kind.value]),
            str(s.total),
            str(s.open),
            str(s.overdue),
            str(s.done),
        ]
        for s in summaries
    ]
    return Table(
        [N_("Owner"), N_("Kind"), N_("Activities"), N_("Open"), N_("Overdue"), N_("Done")],
        body,
        [s.overdue > 0 for s in summaries],
        language=language,
    )


OWNER_KINDS = {"person": N_("person"), "role": N_("role")}
"""An owner's kind as people say it, by its value in the file."""

DETAIL_LABELS = (
    N_("Activity"),
    N_("Goals"),
    N_("Owners"),
    N_("With"),
    N_("Deadline"),
    N_("Status"),
    N_("Status date"),
    N_("Late"),
    N_("Note"),
)
"""The labels `hplan show` may print, in English (the catalogs translate them)."""


def detail_lines(plan: Plan, row: ActivityRow, language: str = "en") -> list[tuple[str, str]]:
    """One activity as label/value pairs (`hplan show`), dates written out in the language."""
    from hplan.render.i18n import format_day, status_word, translation

    _ = gettext_for(language)
    a = row.activity
    d = a.deadline
    if d.ongoing:
        dates = _("ongoing") + ", " + _("never overdue")
    elif d.start and d.due and d.start != d.due:
        dates = f"{format_day(d.start, language)} – {format_day(d.due, language)}"
    else:
        dates = format_day(d.due, language) if d.due else ""
    lines = [
        (_("Activity"), f"{a.id}  {a.title}"),
        (_("Goals"), goals_text(plan, a)),
        (_("Owners"), ", ".join(a.owners)),
    ]
    if a.with_:
        lines.append((_("With"), ", ".join(a.with_)))
    lines += [
        (_("Deadline"), f"{d.text}  ({dates})"),
        (_("Status"), status_word(a.status, language)),
    ]
    if a.status_date:
        lines.append((_("Status date"), format_day(a.status_date, language)))
    if row.overdue:
        days = translation(language).ngettext("{count} day", "{count} days", row.days_overdue)
        lines.append((_("Late"), days.format(count=row.days_overdue)))
    lines += [
        (_("Note"), f"{format_day(n.date, language)}  {n.text}" + (f" ({n.by})" if n.by else ""))
        for n in a.notes
    ]
    from hplan.render.answers import answer_lines

    return lines + answer_lines(plan, a, language)


def change_record(change: Change) -> dict[str, Any]:
    """One change from the plan's history, as JSON."""
    return {
        "commit": change.commit,
        "author": change.author,
        "when": change.when.isoformat() if change.when else None,
        "id": change.activity_id,
        "title": change.title,
        "kind": change.kind.value,
        "before": change.before,
        "after": change.due.isoformat() if change.due else change.after,
        "note": change.note,
        "day": change.day.isoformat() if change.day else None,
        **({"round": change.round, "by": change.by} if change.round else {}),
    }


def change_text(change: Change, language: str | None = None) -> str:
    """What a change did, in a few words: canonical statuses, or a report's `language`."""
    from hplan.plan.statuses import Status
    from hplan.queries.changes import ChangeKind
    from hplan.render.i18n import format_day, gettext_for, status_word

    _ = gettext_for(language or "en")

    def status(value: str) -> str:
        if language is None or not value:
            return value
        return next((status_word(s, language) for s in Status if s.value == value), value)

    note = f" — {change.note}" if change.note else ""
    if change.kind == ChangeKind.OVERDUE:
        due = format_day(change.due, language or "en") if change.due else ""
        return _("became overdue (due {day})").format(day=due)
    if change.kind == ChangeKind.ASSESSMENT:
        from hplan.render.answers import assessment_change

        return assessment_change(change, language) + note
    return {
        ChangeKind.STATUS: f"{status(change.before)} → {status(change.after)}{note}",
        ChangeKind.ADDED: _("added ({status})").format(status=status(change.after)),
        # One word for a new activity, whether its first version is in the history or before it.
        ChangeKind.FIRST_SEEN: _("added ({status})").format(status=status(change.after)),
        ChangeKind.REMOVED: _("removed ({status})").format(status=status(change.before)),
        ChangeKind.DEADLINE: _("deadline {before} → {after}").format(
            before=change.before, after=change.after
        ),
        ChangeKind.NOTE: _("note") + note,
    }[change.kind]


def author_text(change: Change, language: str) -> str:
    """Who made a change, for people: a commit's author, or "uncommitted" in the language
    for a change still in the working tree (git has no author for it)."""
    from hplan.plan.versions import WORKING_TREE
    from hplan.render.i18n import gettext_for

    return gettext_for(language)("uncommitted") if change.commit == WORKING_TREE else change.author


def _when_text(change: Change) -> str:
    """When a change was made: its commit's time, else (not yet committed, or what became
    overdue) the day the plan dates it."""
    if change.when is not None:
        return change.when.strftime("%Y-%m-%d %H:%M")
    return change.day.isoformat() if change.day is not None else ""


def change_table(changes: list[Change], language: str = "en", one: bool = False) -> Table:
    """Changes from the plan's history, oldest first; `one` activity's story has its id and
    title once, as the table's title, not on every row."""
    from hplan.plan.versions import WORKING_TREE
    from hplan.queries.changes import ChangeKind

    _ = gettext_for(language)
    uncommitted = _("uncommitted")
    columns = [N_("When"), N_("Commit"), N_("Author"), N_("ID"), N_("Activity"), N_("Change")]
    body = [
        [
            _when_text(change),
            change.commit[:8] if change.commit != WORKING_TREE else uncommitted,
            author_text(change, language),
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
    late = [c.kind == ChangeKind.OVERDUE for c in changes]
    return Table(columns, body, late, title, language)
