"""What `status`, `note` and `add` do to a plan document: one edit each, then its save."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from hplan.errors import HplanError, Message, OptionError, PlanChanged
from hplan.plan.deadlines import DeadlineError, parse_deadline
from hplan.plan.lookup import find_activity, find_goal, find_owner
from hplan.plan.model import Activity
from hplan.plan.statuses import Status
from hplan.store.atomic import plan_lock
from hplan.store.document import PlanDocument

T = TypeVar("T")


@dataclass(frozen=True)
class Update:
    """What a status or note command did: the activity before and after, and the file."""

    before: Activity
    after: Activity
    written: bool
    path: Path


def update_activity(
    document: PlanDocument,
    activity_id: str,
    today: date,
    status: Status | None = None,
    note: str | None = None,
) -> Update:
    """Set an activity's status (dated `today`) and add a note; save if anything changed."""
    if note is not None:
        note = _typed_text(note, Message("the note"))

    def edit(document: PlanDocument) -> Update:
        before = find_activity(document.plan, activity_id)
        after = document.change(before, today, status, note)
        return Update(before, after, document.changed, document.path)

    return _saved(document, edit)


@dataclass(frozen=True)
class NewActivity:
    """What `hplan add` was given, as typed: names and goals may be parts or ids."""

    title: str
    goals: list[str]
    owners: list[str]
    with_: list[str]
    deadline: str


def add_activity(document: PlanDocument, new: NewActivity) -> Activity:
    """Append an activity with the next free id; it starts not-started. Saved."""
    return _saved(document, lambda document: _append(document, new))


def _append(document: PlanDocument, new: NewActivity) -> Activity:
    plan = document.plan
    try:
        deadline = parse_deadline(new.deadline.strip(), plan.year)
    except DeadlineError as error:
        raise OptionError("--deadline", error.message) from None
    activity = Activity(
        id=str(max((int(a.id) for a in plan.activities), default=0) + 1),
        title=_typed_text(new.title, Message("the title")),
        goals=[find_goal(plan, g).id for g in new.goals],
        owners=[find_owner(plan, o).name for o in new.owners],
        with_=[find_owner(plan, w).name for w in new.with_],
        deadline=deadline,
        status=Status.NOT_STARTED,
    )
    return document.append_activity(activity)


def _saved(document: PlanDocument, edit: Callable[[PlanDocument], T]) -> T:
    """Make an edit and save it. When the file changed since it was read (another hplan
    wrote it), read it again and make the same edit, holding the lock so that nobody else
    writes meanwhile: a concurrent change is kept, never lost, and ours lands on top."""
    result = edit(document)
    if not document.changed:
        return result
    try:
        document.save()
    except PlanChanged:
        with plan_lock(document.path):
            document = PlanDocument.open(document.path)
            result = edit(document)
            if document.changed:
                document.save(locked=True)
    return result


def _typed_text(text: str, what: Message) -> str:
    """Text as typed, kept exactly; refused with the reason when the plan could not keep it."""
    from hplan.plan.rules import CONTROL

    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise HplanError(
            Message(
                "{what} is not UTF-8 text (is the terminal set to another "
                "encoding?); nothing was written",
                what=what,
            )
        ) from None
    if not text.strip():
        raise HplanError(Message("{what} is empty; give some text", what=what))
    if found := CONTROL.search(text):
        raise HplanError(
            Message(
                "{what} holds the control character U+{code:04X}, which a plan "
                "never holds; nothing was written",
                what=what,
                code=ord(found[0]),
            )
        )
    return text
