"""The changes a front door can ask for, as data (status, note, an activity's fields, an
owner more or less, a new activity).

Each checks what a person typed when it is made (`status_change("7", "klar")` refuses an
unknown word before any file is read) and makes its activity from the plan as the pipeline
reads it (`made`): the model makes the change (plan/model.py: a status change dates itself and
keeps the note; the plan chooses the next id). api/pipeline.py applies a list of them to a
plan document and writes them once; this module knows no session and no file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from hplan.errors import HplanError, Message, UsageError, WriteRefused
from hplan.plan.model import MAX_ACTIVITIES, MAX_ITEMS, MAX_TEXT

if TYPE_CHECKING:
    from hplan.plan.model import Activity, Plan
    from hplan.plan.statuses import Status

EDITABLE = ("title", "goals", "owners", "with_", "deadline")
"""The fields of an activity that `edit` changes from typed values (status and notes have
their own changes, and the id never changes)."""


if TYPE_CHECKING:  # a type only: a Protocol costs a write's start-up a millisecond

    class Change(Protocol):
        """One change to one activity: made from the activity as the plan holds it now."""

        @property
        def activity_id(self) -> str: ...

        def made(self, activity: Activity, plan: Plan, today: date) -> Activity:
            """The activity changed (the same one when there is nothing to change)."""
            ...


class SetStatus(NamedTuple):
    """A new status, dated the day of the change, with an optional note (`by` whom, `via`
    which e-mail reply, where an owner answered by e-mail)."""

    activity_id: str
    status: Status
    note: str | None = None
    by: str | None = None
    via: str | None = None

    def made(self, activity: Activity, plan: Plan, today: date) -> Activity:
        noted = _noted(activity) if self.note else activity
        return noted.changed(today, self.status, self.note, self.by, self.via)


class AddNote(NamedTuple):
    """A dated note, the status unchanged."""

    activity_id: str
    text: str

    def made(self, activity: Activity, plan: Plan, today: date) -> Activity:
        return _noted(activity).changed(today, None, self.text)


class EditFields(NamedTuple):
    """An activity's title, goals, owners, with_ or deadline, each as typed (owner names or
    parts of them, goal ids, a deadline in words), read in the plan being changed
    (`edit_fields` checks the names)."""

    activity_id: str
    typed: Mapping[str, Any]

    def made(self, activity: Activity, plan: Plan, today: date) -> Activity:
        return replace(activity, **_fields(plan, dict(self.typed)))


class AddOwner(NamedTuple):
    """One more owner named responsible."""

    activity_id: str
    name: str

    def made(self, activity: Activity, plan: Plan, today: date) -> Activity:
        owner = _owner(plan, self.name, "owner")
        if owner in activity.owners:
            return activity
        return replace(activity, owners=[*activity.owners, owner])


class RemoveOwner(NamedTuple):
    """An owner no longer named responsible (one must remain)."""

    activity_id: str
    name: str

    def made(self, activity: Activity, plan: Plan, today: date) -> Activity:
        owner = _owner(plan, self.name, "owner")
        if owner not in activity.owners:
            return activity
        if activity.owners == [owner]:
            raise WriteRefused(
                Message("{name} is the only owner of {id}; name another first", name=owner,
                        id=activity.id)
            )  # fmt: skip
        return replace(activity, owners=[o for o in activity.owners if o != owner])


class AddActivity(NamedTuple):
    """A new activity with the plan's next id; it starts not started."""

    title: str
    goals: Sequence[str]
    owners: Sequence[str]
    deadline: str
    with_: Sequence[str] = ()

    def made(self, plan: Plan) -> Activity:
        from hplan.plan.model import Activity
        from hplan.plan.statuses import Status

        _room(len(plan.activities), MAX_ACTIVITIES, Message("the plan"))
        fields = _fields(
            plan,
            {"title": self.title, "goals": list(self.goals), "owners": list(self.owners),
             "with_": list(self.with_), "deadline": self.deadline},
        )  # fmt: skip
        return Activity(id=plan.next_activity_id(), status=Status.NOT_STARTED, **fields)


def edit_fields(activity_id: str, typed: Mapping[str, Any]) -> EditFields:
    """An edit of the fields `EDITABLE` names; a TypeError for any other."""
    unknown = set(typed) - set(EDITABLE)
    if unknown:
        raise TypeError(f"edit takes {', '.join(EDITABLE)}; not {', '.join(sorted(unknown))}")
    return EditFields(activity_id, dict(typed))


def status_change(activity_id: str, status: Status | str, note: str | None = None) -> SetStatus:
    """A status change as typed (done, klar, pågår …), its note checked."""
    text = None if note is None else typed_text(note, Message("the note"))
    return SetStatus(activity_id, typed_status(status), text)


def note_change(activity_id: str, text: str) -> AddNote:
    """A note as typed, checked."""
    return AddNote(activity_id, typed_text(text, Message("the note")))


def form_change(activity_id: str, status: str, note: str) -> SetStatus | AddNote | None:
    """What a status form asks for (the web view's, a reply's line): a status given makes a
    status change with the note (the status it has already, with a note, keeps the note
    alone, as `hplan status` does); no status, a note alone; neither, nothing."""
    text = note.strip() or None
    if status.strip():
        return status_change(activity_id, status.strip(), text)
    if text:
        return note_change(activity_id, text)
    return None


def _noted(activity: Activity) -> Activity:
    """The activity, when it has room for one more note."""
    _room(len(activity.notes), MAX_ITEMS, Message("activity {id}'s notes", id=activity.id))
    return activity


def _fields(plan: Plan, typed: dict[str, Any]) -> dict[str, Any]:
    """Typed values as the model's: owners and goals found in the plan, the deadline read
    in the plan's year, the title checked; an error names the field."""
    from hplan.plan.deadlines import DeadlineError, parse_deadline
    from hplan.plan.lookup import find_goal

    fields: dict[str, Any] = {}
    for name, value in typed.items():
        if name == "title":
            fields[name] = typed_text(value, Message("the title"))
        elif name == "deadline":
            try:
                fields[name] = parse_deadline(str(value).strip(), plan.year)
            except DeadlineError as error:
                raise UsageError("deadline", error.message) from None
        elif name == "goals":
            fields[name] = [_found(lambda g: find_goal(plan, g).id, g, "goal") for g in value]
        else:
            field = "with" if name == "with_" else "owner"
            fields[name] = [_owner(plan, o, field) for o in value]
    return fields


def _owner(plan: Plan, name: str, field: str) -> str:
    from hplan.plan.lookup import find_owner

    return _found(lambda n: find_owner(plan, n).name, name, field)


def _found(find: Callable[[str], str], text: str, field: str) -> str:
    try:
        return find(text)
    except HplanError as error:
        raise UsageError(field, error.message) from None


def typed_status(status: Status | str) -> Status:
    """A status as typed (done, klar, pågår …); a UsageError naming "status" if unknown."""
    from hplan.plan.statuses import Status, StatusError, parse_status

    if isinstance(status, Status):
        return status
    try:
        return parse_status(status)
    except StatusError as error:
        raise UsageError("status", error.message) from None


def typed_text(text: str, what: Message) -> str:
    """Text as typed, kept exactly; refused with the reason when a plan could not keep it."""
    from hplan.plan.rules import control_character

    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise WriteRefused(
            Message(
                "{what} is not UTF-8 text (is the terminal set to another "
                "encoding?); nothing was written",
                what=what,
            )
        ) from None
    if not text.strip():
        raise WriteRefused(Message("{what} is empty; give some text", what=what))
    if problem := control_character(text):
        raise WriteRefused(
            Message("{what}: {problem}; nothing was written", what=what, problem=problem)
        )
    if len(text) > MAX_TEXT:
        raise WriteRefused(
            Message(
                "{what} has {count:,} characters, more than the {most:,} one text of a plan "
                "holds; shorten it and keep the details in a document the plan names",
                what=what,
                count=len(text),
                most=MAX_TEXT,
            )
        )
    return text


def _room(count: int, most: int, what: Message) -> None:
    """Refuse one more when a list of the plan is at its limit (plan/model.py)."""
    if count >= most:
        raise WriteRefused(
            Message(
                "{what} already holds {most:,}, the most a plan holds; move finished ones to "
                "another file (hplan rollover starts next year's plan with the open ones); "
                "nothing was written",
                what=what,
                most=most,
            )
        )
