"""The one step from a document's text to a plan: both readers end here.

What the document states is kept as it writes it; what hplan had to decide (a role told from
a person, a goal written twice, a deadline it cannot read) is a Review at the place a person
should check, never a silent guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from hplan.errors import Message
from hplan.imports.goals import GoalText, goal_text, goals, heading
from hplan.imports.shape import DocumentText
from hplan.imports.table import Row, activity_table
from hplan.imports.text import GUESSED, SAID, joined
from hplan.plan.deadlines import DeadlineError, parse_deadline
from hplan.plan.model import Activity, Goal, Owner, OwnerKind, Plan
from hplan.plan.results import Review
from hplan.plan.statuses import Status, StatusError, parse_status

WITH = re.compile(r"\s+(?:tillsammans med|i samarbete med|together with|with)\s+", re.I)
"""Where the owners end and those named alongside begin."""
SPLIT = re.compile(r"\s*[/,;&]\s*|\s+(?:och|samt|and)\s+", re.I)
"""Between two owners in one cell."""
PLACEHOLDER = "Löpande"
"""The deadline the in-memory plan holds where the document's cannot be read: only for
checking the rest of the plan; the file keeps the document's words."""
GOAL_ID = re.compile(r"[0-9]+(?:\.[0-9]+)*")
COLUMN_KEYS = {
    "activity": "title", "goals": "goals", "owners": "owners", "deadline": "deadline",
    "status": "status",
}  # fmt: skip
"""Each column of the activity table, and the key of the plan it becomes."""


@dataclass(slots=True)
class Draft:
    """The plan read from a document, and what a person should check in it."""

    plan: Plan
    document: str
    as_written: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per activity id, a value the file keeps as the document writes it though the plan
    cannot read it (a deadline): the in-memory plan holds a placeholder there."""
    review: list[Review] = field(default_factory=list)
    skipped: list[Row] = field(default_factory=list)


def draft(text: DocumentText) -> Draft:
    """The plan the document holds, with every place hplan was unsure of."""
    head = heading(text.blocks, text.name)
    table = activity_table(text.blocks, text.name)
    found = goals(text.blocks)
    review: list[Review] = []
    if head.organisation_guessed:
        review.append(Review("", "", "organisation", Message(
            "the organisation is read from the heading '{title}'; check it", title=head.title
        )))  # fmt: skip
    known = {g.id: g for g in found}
    owners: dict[str, Owner] = {}
    activities: list[Activity] = []
    as_written: dict[str, dict[str, Any]] = {}
    for row in table.rows:
        has_goal = known or GOAL_ID.search(joined(row.cells.get("goals", "")))
        if not (has_goal and (owners or _owner_names(row.cells.get("owners", ""))[0])):
            table.skipped.append(row)  # nothing to check the rest of it with: said, not read
            continue
        ident = str(len(activities) + 1)
        activity, written = _activity(ident, row, head.year, known, owners, review)
        activities.append(activity)
        if written:
            as_written[ident] = written
    plan = Plan(
        title=head.title,
        organisation=head.organisation,
        year=head.year,
        language=table.language,
        goals=[_goal(g) for g in sorted(known.values(), key=_order(found))],
        owners=list(owners.values()),
        activities=activities,
    )
    return Draft(plan, text.name, as_written, review, table.skipped)


def _order(found: list[GoalText]) -> Any:
    """Goals in the document's order; goals only the table names after them, by id."""
    place = {g.id: n for n, g in enumerate(found)}
    return lambda g: (g.id not in place, place.get(g.id, 0), [int(p) for p in g.id.split(".")])


def _goal(goal: GoalText) -> Goal:
    return Goal(id=goal.id, title=goal.title, text=goal_text(goal), objective=goal.objective)


def _activity(
    ident: str, row: Row, year: int, known: dict[str, GoalText], owners: dict[str, Owner],
    review: list[Review],
) -> tuple[Activity, dict[str, Any]]:  # fmt: skip
    def check(key: str, message: Message) -> None:
        review.append(Review("activities", ident, key, message))

    for column, key in COLUMN_KEYS.items():
        # The cell's text as the plan will hold it (its lines joined), the guesses kept by a
        # mark joined() leaves alone, so that each is said as the whole word.
        text = joined((row.cells.get(column) or "").replace(GUESSED, SAID))
        for word in re.findall(rf"\S*{SAID}\S*", text):
            check(key, Message(
                "'{word}' is read as one word from two lines of the PDF's narrow column; "
                "check it against the document", word=word.replace(SAID, ""),
            ))  # fmt: skip
    title = joined(row.cells["activity"])
    goal_ids = _goal_ids(row.cells.get("goals", ""), check)
    for goal_id in goal_ids:
        _declare_goal(goal_id, known, review)
    named, alongside = _owner_names(row.cells.get("owners", ""))
    for name in [*named, *alongside]:
        if name not in owners:
            owners[name] = _owner(name, review)
    written: dict[str, Any] = {}
    deadline_text = joined(row.cells.get("deadline", ""))
    try:
        deadline = parse_deadline(deadline_text, year)
    except DeadlineError as error:
        deadline = parse_deadline(PLACEHOLDER, year)
        written["deadline"] = deadline_text
        check("deadline", Message(
            "the deadline '{text}' is kept as the document writes it but hplan cannot read it "
            "({reason}); write it in a form hplan reads",
            text=deadline_text, reason=error.message,
        ) if deadline_text else Message("the document gives no deadline; add one"))  # fmt: skip
    status = _status(row.cells.get("status", ""), check)
    if not goal_ids:
        # The file leaves the key out (validate asks for it); the plan in memory holds the
        # first goal only to check everything else.
        goal_ids, written["goals"] = [next(iter(known))], None
        check("title", Message("the document names no goal for this activity; add one"))
    if not named:
        named, written["owners"] = [next(iter(owners))], None
        check("title", Message("the document names no owner for this activity; add one"))
    activity = Activity(
        id=ident, title=title, goals=goal_ids, owners=named, with_=alongside,
        deadline=deadline, status=status,
    )  # fmt: skip
    return activity, written


def _goal_ids(cell: str, check: Any) -> list[str]:
    """The goal ids of a cell, each once, in order; a repeated one is said."""
    ids: list[str] = []
    for goal_id in GOAL_ID.findall(joined(cell)):
        if goal_id in ids:
            check("goals", Message(
                "the document lists goal {id} twice here; kept once", id=goal_id
            ))  # fmt: skip
        else:
            ids.append(goal_id)
    return ids


def _declare_goal(goal_id: str, known: dict[str, GoalText], review: list[Review]) -> None:
    """A goal the table names that no heading declares: declared, to be given its title."""
    if goal_id in known:
        return
    parts = goal_id.split(".")
    # Goals at the tree's top need no parent (4.1 without a 4), as validate has it.
    top = min((g.count(".") for g in known), default=goal_id.count("."))
    for depth in range(min(top, len(parts) - 1) + 1, len(parts) + 1):
        ancestor = ".".join(parts[:depth])
        if ancestor not in known:
            known[ancestor] = GoalText(ancestor, ancestor)
            review.append(Review("goals", ancestor, "title", Message(
                "no heading in the document declares goal {id}, which the activity table "
                "names; give it its title and text", id=ancestor,
            )))  # fmt: skip


def _owner_names(cell: str) -> tuple[list[str], list[str]]:
    """The owners a cell names, and those named alongside ("tillsammans med")."""
    parts = WITH.split(joined(cell), maxsplit=1)
    return _names(parts[0]), _names(parts[1] if len(parts) > 1 else "")


def _names(text: str) -> list[str]:
    names: list[str] = []
    for name in SPLIT.split(text):
        name = name.strip(" .:")
        if name and name not in names:
            names.append(name)
    return names


def _owner(name: str, review: list[Review]) -> Owner:
    """A person when the name reads as one (two to four words, each capitalised), else a
    role, guessed and marked for review."""
    words = name.split()
    person = 2 <= len(words) <= 4 and all(
        w[0].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in words
    )
    if person:
        return Owner(name=name)
    review.append(Review("owners", name, "kind", Message(
        "read as a role (a title or a group, not a person's name); make it person if it is one"
    )))  # fmt: skip
    return Owner(name=name, kind=OwnerKind.ROLE)


def _status(cell: str, check: Any) -> Status:
    text = joined(cell)
    if not text:
        return Status.NOT_STARTED
    try:
        return parse_status(text)
    except StatusError:
        check("status", Message(
            "the document's status '{text}' is not one hplan knows; set to not-started",
            text=text,
        ))  # fmt: skip
        return Status.NOT_STARTED
