"""What is wrong in a plan's data, each problem located at its node.

Duplicate ids and names, goals without a parent and references to what is not declared are
found here; pydantic's validation errors (plan/validation.py) are put in a person's words.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from hplan.errors import Message, Problem
from hplan.plan.matching import did_you_mean
from hplan.plan.validation import allowed_keys
from hplan.store.nodes import Loc, Nodes

if TYPE_CHECKING:
    from pydantic import ValidationError


def _items(data: dict[str, Any], section: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = data.get(section)
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def _texts(value: Any) -> Iterator[tuple[int, str]]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield i, item


def _declared(
    data: dict[str, Any],
    section: str,
    key: str,
    duplicate: Callable[[str, int], Message],
    tree: Nodes,
    problems: list[Problem],
) -> dict[str, int]:
    """The ids or names a section declares (NFC), each with its first index; twice is a problem."""
    seen: dict[str, int] = {}
    for i, item in _items(data, section):
        value = item.get(key)
        if not isinstance(value, str):
            continue
        normal = unicodedata.normalize("NFC", value)
        if normal in seen:
            first = tree.span((section, seen[normal], key)).line
            span = tree.span((section, i, key))
            problems.append(Problem(span.line, span.column, duplicate(value, first)))
        seen.setdefault(normal, i)
    return seen


def _look_alike_owners(
    data: dict[str, Any], declared: dict[str, int], tree: Nodes
) -> list[Problem]:
    """Two owners whose names differ only in case, accents or spacing: a person could not
    tell them apart, and a name typed would choose one of them by chance."""
    from hplan.plan.matching import fold

    problems: list[Problem] = []
    seen: dict[str, tuple[str, int]] = {}
    for name, i in sorted(declared.items(), key=lambda item: item[1]):
        key = fold(name)
        if key in seen:
            other, first = seen[key]
            span = tree.span(("owners", i, "name"))
            problems.append(
                Problem(
                    span.line,
                    span.column,
                    Message(
                        "owner '{name}' looks the same as '{other}' (line {first}); give owners "
                        "names that differ in more than case and accents",
                        name=name,
                        other=other,
                        first=tree.span(("owners", first, "name")).line,
                    ),
                )
            )
        else:
            seen[key] = (name, i)
    return problems


def reference_problems(data: dict[str, Any], tree: Nodes) -> Iterator[Problem]:
    """Duplicate ids and names, goals without a parent, references to what is not declared."""

    def at(loc: Loc, message: Message) -> Problem:
        span = tree.span(loc)
        return Problem(span.line, span.column, message)

    # A section of the wrong type is reported once, not again for every reference to it.
    check_goals = isinstance(data.get("goals"), list)
    check_owners = isinstance(data.get("owners"), list)
    problems: list[Problem] = []
    goal_ids = _declared(
        data,
        "goals",
        "id",
        lambda value, first: Message(
            "duplicate goal id {id} (first at line {first})", id=value, first=first
        ),
        tree,
        problems,
    )
    owner_names = _declared(
        data,
        "owners",
        "name",
        lambda value, first: Message(
            "owner '{name}' is declared twice (first at line {first})", name=value, first=first
        ),
        tree,
        problems,
    )
    problems += _look_alike_owners(data, owner_names, tree)
    _declared(
        data,
        "activities",
        "id",
        lambda value, first: Message(
            "duplicate activity id {id} (first at line {first}); ids must be unique",
            id=value,
            first=first,
        ),
        tree,
        problems,
    )
    yield from problems
    if goal_ids:
        top = min(g.count(".") for g in goal_ids)
        for gid, i in goal_ids.items():
            parent = gid.rsplit(".", 1)[0]
            if gid.count(".") > top and parent not in goal_ids:
                yield at(
                    ("goals", i, "id"),
                    Message(
                        "sub-goal {goal} has no parent goal {parent}; declare goal {parent} first",
                        goal=gid,
                        parent=parent,
                    ),
                )

    if check_owners:
        people = {
            unicodedata.normalize("NFC", str(o.get("name"))): str(o.get("kind", "person"))
            for _, o in _items(data, "owners")
        }
        yield from member_problems(data, tree, people)
    for i, activity in _items(data, "activities"):
        aid = activity.get("id")
        for j, gid in _texts(activity.get("goals")):
            if check_goals and gid not in goal_ids:
                yield at(
                    ("activities", i, "goals", j),
                    Message(
                        "activity {id}: unknown goal {goal}{near}; goals are "
                        "declared under 'goals:'",
                        id=aid,
                        goal=gid,
                        near=did_you_mean(gid, goal_ids),
                    ),
                )
        for field in ("owners", "with"):
            for j, name in _texts(activity.get(field)):
                if check_owners and unicodedata.normalize("NFC", name) not in owner_names:
                    yield at(
                        ("activities", i, field, j),
                        Message(
                            "activity {id}: unknown owner '{name}'{near}; owners "
                            "are declared under 'owners:'",
                            id=aid,
                            name=name,
                            near=did_you_mean(name, owner_names),
                        ),
                    )


def member_problems(data: dict[str, Any], tree: Nodes, people: dict[str, str]) -> Iterator[Problem]:
    """A role's members (in `data`'s owners) must be people the plan declares under owners:
    (`people`: every declared owner's name and kind)."""
    for i, owner in _items(data, "owners"):
        for j, name in _texts(owner.get("members")):
            kind = people.get(unicodedata.normalize("NFC", name))
            if kind is None or kind != "person":
                span = tree.span(("owners", i, "members", j))
                reason = (
                    Message("not declared under 'owners:'")
                    if kind is None
                    else Message("a role, not a person")
                )
                yield Problem(
                    span.line,
                    span.column,
                    Message(
                        "owner {role}: member '{name}' is {reason}{near}; a role's members "
                        "are people declared under 'owners:'",
                        role=owner.get("name"),
                        name=name,
                        reason=reason,
                        near=did_you_mean(name, list(people)) if kind is None else "",
                    ),
                )


_ITEMS = {
    "activities": (Message("activity {label}"), Message("activity #{number}")),
    "goals": (Message("goal {label}"), Message("goal #{number}")),
    "owners": (Message("owner {label}"), Message("owner #{number}")),
}
"""How a problem names the item it is in, by its id or name, else by its place in the list."""

_PLAN = Message("plan")
_CONTACTS = Message("contacts file")


def _describe(loc: Loc, data: dict[str, Any]) -> Message:
    """'activity 5', 'goal 4.2.1', 'owner #2' or 'plan' for the item a location is in."""
    if len(loc) >= 2 and loc[0] in _ITEMS and isinstance(loc[1], int):
        section, index = str(loc[0]), loc[1]
        items = data.get(section)
        item = items[index] if isinstance(items, list) and index < len(items) else None
        by_label, by_number = _ITEMS[section]
        key = "name" if section == "owners" else "id"
        label = item.get(key) if isinstance(item, dict) else None
        if isinstance(label, str):
            return Message(by_label.text, label=label)
        return Message(by_number.text, number=index + 1)
    return _PLAN


def validation_problems(
    error: ValidationError, data: dict[str, Any], tree: Nodes, top: list[str] | None = None
) -> list[Problem]:
    """Each of pydantic's errors said in hplan's words, at its line; `top`: the keys of a
    file that is not a plan (the contacts file's `owners`), which is then named as itself."""
    problems = []
    for detail in error.errors(include_url=False):
        loc: Loc = tuple(detail["loc"])
        where = _describe(loc, data)
        whole = where is _PLAN
        if whole and top is not None:
            where = _CONTACTS
        field = (
            ".".join(str(p) for p in loc[2:] if isinstance(p, str))
            if not whole
            else ".".join(str(p) for p in loc if isinstance(p, str))
        )
        kind = detail["type"]
        if kind in ("missing", "missing_argument"):
            span = tree.span(loc[:-1])
            message = Message("{where}: missing required key '{key}'", where=where, key=loc[-1])
        elif kind in ("extra_forbidden", "unexpected_keyword_argument"):
            span = tree.key_spans.get(loc, tree.span(loc))
            allowed = top if top is not None and len(loc) == 1 else _allowed_keys(loc)
            message = Message(
                "{where}: unknown key '{key}'{near}; allowed keys: {allowed}",
                where=where,
                key=loc[-1],
                near=did_you_mean(str(loc[-1]), allowed),
                allowed=", ".join(allowed),
            )
        else:
            span = tree.span(loc)
            name = "goal id" if loc[:1] == ("goals",) and field == "id" else field
            own = (detail.get("ctx") or {}).get("message")  # hplan's own validators' words
            text = _FRIENDLY.get((kind, name)) or _FRIENDLY_KIND.get(kind) or own
            if kind.startswith("date_"):
                text = Message("a date is written like 2025-06-01")
            if kind in ("string_too_long", "too_long"):
                text = _too_long(kind, (detail.get("ctx") or {}).get("max_length"))
            if text is None:  # a pydantic message hplan has no words of its own for
                text = Message("{pydantic}", pydantic=detail["msg"])
            if kind in ("status", "deadline", "assessment") or not field:
                message = Message("{where}: {text}", where=where, text=text)
            else:
                message = Message("{where}: {field}: {text}", where=where, field=field, text=text)
        problems.append(Problem(span.line, span.column, message))
    return problems


_GOAL_ID = Message("a goal id is numbers with dots, such as 4.2.1")
_FRIENDLY = {
    ("string_pattern_mismatch", "id"): Message("an activity id is a whole number such as 5"),
    ("string_pattern_mismatch", "goal id"): _GOAL_ID,
    ("string_pattern_mismatch", "goals"): _GOAL_ID,
    ("too_short", "goals"): Message("an activity serves at least one goal"),
    ("too_short", "owners"): Message("an activity has at least one owner"),
    ("string_too_short", "title"): Message("the title is empty"),
    ("string_pattern_mismatch", "language"): Message("hplan speaks sv and en; write one of them"),
}
"""Plainer words for pydantic's messages, by (error type, field)."""

_FRIENDLY_KIND = {
    "string_type": Message("expected text here, not a list or a mapping"),
    "list_type": Message("expected a list here (lines starting with '- ')"),
    "dict_type": Message("expected keys and values here"),
    "model_type": Message("expected keys and values here"),
    "model_attributes_type": Message("expected keys and values here"),
    "int_parsing": Message("expected a whole number, such as 2025"),
    "int_type": Message("expected a whole number, such as 2025"),
}


def _too_long(kind: str, most: Any) -> Message:
    """Past one of the plan's limits (plan/model.py), said with the limit and what to do."""
    if kind == "string_too_long":
        return Message(
            "longer than {most:,} characters, the most one text of a plan holds; shorten it "
            "and keep the details in a document the plan names",
            most=most,
        )
    return Message(
        "more than {most:,} entries, the most a plan holds here; move finished ones to "
        "another file (hplan rollover starts next year's plan with the open ones)",
        most=most,
    )


def _allowed_keys(loc: Loc) -> list[str]:
    section = str(loc[0]) if len(loc) >= 3 else None
    nested = str(loc[2]) if len(loc) >= 5 else None
    return allowed_keys(section, nested)
