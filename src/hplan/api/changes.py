"""Changes to a plan through a session: status, notes, an activity's fields, a new activity.

The model makes the change (plan/model.py: a status change dates itself and keeps the note;
the plan chooses the next id); the plan document writes it with the smallest diff, checked,
locked and atomic (store/document.py). Given the `version` a change was made from, a file
that changed since is refused (PlanChanged, 409), never changed behind the person's back.
Without one (the command line, where the person types against the file as it is now), the
same change is made again, under the lock, on the file as it has become.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from hplan.errors import HplanError, Message, PlanChanged, UsageError, WriteRefused
from hplan.plan.model import MAX_ACTIVITIES, MAX_ITEMS, MAX_TEXT

if TYPE_CHECKING:
    from hplan.api.session import Session
    from hplan.plan.model import Activity, Plan
    from hplan.plan.statuses import Status
    from hplan.store.document import PlanDocument

T = TypeVar("T")


@dataclass(frozen=True)
class Update:
    """What a change did: the activity before and after, whether the file was written, the
    file, and its version now."""

    before: Activity
    after: Activity
    written: bool
    path: Path
    version: str


EDITABLE = ("title", "goals", "owners", "with_", "deadline")
"""The fields of an activity that `edit` changes from typed values (status and notes have
their own changes, and the id never changes)."""


def set_status(
    session: Session,
    activity_id: str,
    status: Status | str,
    note: str | None = None,
    version: str | None = None,
) -> Update:
    """Set an activity's status, dated today, keeping an optional note."""
    return set_statuses(session, [activity_id], status, note, version)[0]


def add_note(session: Session, activity_id: str, text: str, version: str | None = None) -> Update:
    """Keep a dated note on an activity without changing its status."""
    return add_notes(session, [activity_id], text, version)[0]


def _noted(activity: Activity) -> Activity:
    """The activity, when it has room for one more note."""
    _room(len(activity.notes), MAX_ITEMS, Message("activity {id}'s notes", id=activity.id))
    return activity


def edit(session: Session, activity_id: str, version: str | None = None, **typed: Any) -> Update:
    """Change an activity's title, goals, owners, with_ or deadline, each given as typed
    (owner names or parts of them, goal ids, a deadline in words)."""
    unknown = set(typed) - set(EDITABLE)
    if unknown:
        raise TypeError(f"edit takes {', '.join(EDITABLE)}; not {', '.join(sorted(unknown))}")

    def change(activity: Activity, plan: Plan) -> Activity:
        return replace(activity, **_fields(plan, typed))

    return _update(session, activity_id, change, version, with_plan=True)


def add_owner(session: Session, activity_id: str, name: str, version: str | None = None) -> Update:
    """Name one more owner as responsible for an activity."""

    def change(activity: Activity, plan: Plan) -> Activity:
        owner = _owner(plan, name, "owner")
        if owner in activity.owners:
            return activity
        return replace(activity, owners=[*activity.owners, owner])

    return _update(session, activity_id, change, version, with_plan=True)


def remove_owner(
    session: Session, activity_id: str, name: str, version: str | None = None
) -> Update:
    """No longer name an owner as responsible for an activity (one must remain)."""

    def change(activity: Activity, plan: Plan) -> Activity:
        owner = _owner(plan, name, "owner")
        if owner not in activity.owners:
            return activity
        if activity.owners == [owner]:
            raise WriteRefused(
                Message("{name} is the only owner of {id}; name another first", name=owner,
                        id=activity.id)
            )  # fmt: skip
        return replace(activity, owners=[o for o in activity.owners if o != owner])

    return _update(session, activity_id, change, version, with_plan=True)


def add_activity(
    session: Session,
    title: str,
    goals: Sequence[str],
    owners: Sequence[str],
    deadline: str,
    with_: Sequence[str] = (),
    version: str | None = None,
) -> Activity:
    """Append an activity with the plan's next id; it starts not started."""
    from hplan.plan.model import Activity
    from hplan.plan.statuses import Status

    def append(document: PlanDocument) -> Activity:
        plan = document.plan
        _room(len(plan.activities), MAX_ACTIVITIES, Message("the plan"))
        fields = _fields(
            plan,
            {"title": title, "goals": list(goals), "owners": list(owners),
             "with_": list(with_), "deadline": deadline},
        )  # fmt: skip
        activity = Activity(id=plan.next_activity_id(), status=Status.NOT_STARTED, **fields)
        return document.append_activity(activity)

    return _saved(session, append, version)


def _update(
    session: Session,
    activity_id: str,
    change: Callable[..., Activity],
    version: str | None,
    with_plan: bool = False,
) -> Update:
    return _updates(session, [activity_id], change, version, with_plan)[0]


def _updates(
    session: Session,
    activity_ids: Sequence[str],
    change: Callable[..., Activity],
    version: str | None,
    with_plan: bool = False,
) -> list[Update]:
    """The same change to each activity, in one write: all of them or none."""
    from hplan.plan.lookup import find_activity

    def made(document: PlanDocument) -> list[Update]:
        done = []
        for activity_id in dict.fromkeys(activity_ids):  # each once, in the order given
            before = find_activity(document.plan, activity_id)
            after = change(before, document.plan) if with_plan else change(before)
            now = document.replace_activity(before, after)
            written = now != before
            done.append(Update(before, now, written, document.path, document.version))
        return done

    updates = _saved(session, made, version)
    return [replace(u, version=session.version) if u.written else u for u in updates]


def set_statuses(
    session: Session,
    activity_ids: Sequence[str],
    status: Status | str,
    note: str | None = None,
    version: str | None = None,
) -> list[Update]:
    """`set_status` for several activities at once: one write, all or nothing."""
    wanted = typed_status(status)
    text = None if note is None else typed_text(note, Message("the note"))
    return _updates(
        session, activity_ids,
        lambda a: (_noted(a) if text else a).changed(session.today, wanted, text), version,
    )  # fmt: skip


def add_notes(
    session: Session, activity_ids: Sequence[str], text: str, version: str | None = None
) -> list[Update]:
    """`add_note` for several activities at once: one write, all or nothing."""
    kept = typed_text(text, Message("the note"))
    return _updates(
        session, activity_ids, lambda a: _noted(a).changed(session.today, None, kept), version
    )


def _saved(session: Session, edit: Callable[[PlanDocument], T], version: str | None) -> T:
    """Make an edit on the file as it is and save it; every check first, then one write.

    With `version`: refused (PlanChanged) when the file is not at that version, before and
    while writing. Without: when another hplan wrote meanwhile, the file is read again and
    the same edit made while holding the lock: both changes land."""
    from hplan.store.lock import plan_lock

    session.check_language()  # what will be said of the change must be sayable: asked first
    document = session.document()
    if version is not None and document.version != version:
        raise _stale(document.path)
    session.adopt(document)  # the plan as the edit reads it: its day and words, read once
    result = edit(document)
    if not document.changed:
        return result
    if session.confirm is not None:
        session.confirm()  # every check made, nothing written yet
    try:
        document.save()
    except PlanChanged:
        if version is not None:
            raise _stale(document.path) from None
        with plan_lock(document.path):
            document = session.document()
            result = edit(document)
            if document.changed:
                document.save(locked=True)
    session.adopt(document)
    session.notes = list(document.notes)
    return result


def _stale(path: Path) -> PlanChanged:
    return PlanChanged(
        Message(
            "{path} has changed since this page or program read it; nothing was written. "
            "Read it again and make the change on what it says now.",
            path=path,
        )
    )


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
