"""A contacts file: owners' e-mail addresses (and members, and who wants no digest) kept apart
from a plan in a public repository, merged into the plan's owners by name.

It is read and checked as a plan is: every problem located in the contacts file, with what
to do; an owner the plan does not declare is one of them.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import replace
from pathlib import Path

from hplan.errors import Message, NotFound, PlanInvalid, Problem
from hplan.plan.model import Owner, Plan
from hplan.store.source import read_source

CONTACTS_NAME = "contacts.yaml"
"""The contacts file hplan finds by itself, beside the plan."""


def contacts_beside(plan_path: Path) -> Path | None:
    """The contacts file beside a plan, if there is one: whatever is there by that name is
    read (a folder or a broken link is said, never silently passed over: the digest would
    go out without the addresses it holds)."""
    found = plan_path.with_name(CONTACTS_NAME)
    return found if found.is_file() or os.path.lexists(found) else None


def with_contacts(plan: Plan, path: Path) -> Plan:
    """The plan with its owners' contact details from the contacts file at `path` (what the
    file gives wins over the plan's own); PlanInvalid, located in that file, if it is not
    right."""
    from pydantic import ValidationError

    from hplan.plan.validation import validate_contacts
    from hplan.store.nodes import read_plan_nodes
    from hplan.store.problems import member_problems, validation_problems

    if not path.is_file():
        raise NotFound(Message(
            "the contacts file {path} is not a file hplan can read (a folder, a broken link "
            "or a device); remove it, or make it the owners' addresses (docs/digest.md)",
            path=path))  # fmt: skip
    source = read_source(path)
    nodes = read_plan_nodes(path, source.text)
    problems: list[Problem] = list(nodes.problems)
    declared = {_name(o.name): o for o in plan.owners}
    people = {name: owner.kind.value for name, owner in declared.items()}
    entries = nodes.data.get("owners")
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        name = entry.get("name") if isinstance(entry, dict) else None
        if isinstance(name, str) and _name(name) in seen:
            # Which address is meant cannot be known: never the last one silently.
            span = nodes.span(("owners", i, "name"))
            problems.append(Problem(span.line, span.column, Message(
                "'{name}' is in the contacts file twice (first on line {line}); keep one entry",
                name=name, line=seen[_name(name)])))  # fmt: skip
        elif isinstance(name, str):
            seen[_name(name)] = nodes.span(("owners", i, "name")).line
        if isinstance(name, str) and _name(name) not in declared:
            span = nodes.span(("owners", i, "name"))
            problems.append(
                Problem(
                    span.line,
                    span.column,
                    Message(
                        "'{name}' is not an owner of {plan}; the contacts file names owners "
                        "the plan declares",
                        name=name,
                        plan=plan.title,
                    ),
                )
            )
    problems += member_problems(nodes.data, nodes, people)
    try:
        contacts = validate_contacts(nodes.data)
    except ValidationError as error:
        problems += validation_problems(error, nodes.data, nodes, top=["owners"])
        contacts = None
    if problems or contacts is None:
        raise PlanInvalid(path, problems, plan.language)
    given = {_name(o.name): o for o in contacts.owners}
    return replace(plan, owners=[_merged(o, given.get(_name(o.name))) for o in plan.owners])


def _merged(owner: Owner, contact: Owner | None) -> Owner:
    if contact is None:
        return owner
    return replace(
        owner,
        email=contact.email or owner.email,
        members=contact.members or owner.members,
        digest=owner.digest and contact.digest,
    )


def _name(name: str) -> str:
    return unicodedata.normalize("NFC", name)
