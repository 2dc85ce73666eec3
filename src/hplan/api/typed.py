"""What people type that only a session can read: `--owner me` (the owner a person is, from
$HPLAN_ME or git's user.name) and days relative to the session's today (`igår`, `-30d`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hplan.errors import HplanError, Message, UsageError

if TYPE_CHECKING:
    from hplan.plan.model import Plan

ME_VARIABLE = "HPLAN_ME"
"""The environment variable that names the owner "me" is (else git config user.name)."""

_ME = re.compile(r"me|jag|mig", re.IGNORECASE)


def means_me(typed: Any) -> bool:
    """Whether an owner typed is "me" (or Swedish "jag", "mig")."""
    return isinstance(typed, str) and _ME.fullmatch(typed.strip()) is not None


def owner_me(plan: Plan, path: Path, environ: Mapping[str, str]) -> str:
    """The plan's name for the person running hplan; a UsageError saying how to set it."""
    from hplan.plan.lookup import find_owner
    from hplan.store.history import git_user

    given = environ.get(ME_VARIABLE)
    name = given or git_user(path)
    if not name:
        raise UsageError(
            "owner",
            Message("'me' is the owner named by HPLAN_ME or git config user.name; set one"),
        )
    try:
        return find_owner(plan, name).name
    except HplanError:
        raise UsageError(
            "owner",
            Message(
                "'me' is {name} (from {source}), who is not among the plan's owners; set "
                "HPLAN_ME to the name the plan uses",
                name=name,
                source=ME_VARIABLE if given else "git config user.name",
            ),
        ) from None


def day_text(text: Any, today: date) -> Any:
    """A typed day as the filters and history read it: a relative one (`förra veckan`,
    `2 weeks ago`, `-30d`) as the ISO day it names from `today`; anything else as typed."""
    if not isinstance(text, str):
        return text  # nothing typed: the relative-day reader is not loaded
    from hplan.plan.relative import relative_day

    named = relative_day(text, today)
    return named.isoformat() if named else text
