"""A version of the plan: the plan as one commit (or the working tree) left it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hplan.plan.model import Plan

WORKING_TREE = "working tree"
"""The commit name of uncommitted changes."""


@dataclass(frozen=True)
class Version:
    """The plan as one commit (or the working tree) left it."""

    commit: str
    author: str
    when: datetime | None
    plan: Plan
