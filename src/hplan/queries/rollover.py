"""Next year's plan from this year's: goals and owners carried, open activities carried.

Deadlines written without a year ("Löpande", "Juni", "25 maj") mean the same in the new plan
and are carried as they are; deadlines that name a year or a date are kept as written and
flagged for review. Done and cancelled activities stay behind. Pure: the new plan is data;
store/new_plan.py writes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from hplan.plan.deadlines import parse_deadline
from hplan.plan.model import Activity, Note, Plan


@dataclass(frozen=True)
class Rollover:
    """The new plan, where it goes, and what happened to each activity."""

    plan: Plan
    target: Path
    carried: list[Activity]
    left_behind: list[Activity]
    review: list[Activity]
    made: date
    from_year: int


def names_a_year(deadline: str) -> bool:
    """True when the deadline text names a year or a date, so a new year changes its meaning."""
    return re.search(r"\d{4}", deadline) is not None


def rollover_target(path: Path, plan: Plan, year: int) -> Path:
    """The new plan's file: this one's name with the new year, else plan<YEAR>.yaml beside it."""
    if str(plan.year) in path.name:
        return path.with_name(path.name.replace(str(plan.year), str(year)))
    return path.with_name(f"plan{year}.yaml")


def roll_over(
    plan: Plan, year: int, today: date, target: Path, carry_note: Callable[[Activity], str]
) -> Rollover:
    """`plan` carried over to `year`, as of `today`: each open activity gets the note
    `carry_note` words for it, dated `today`."""
    from hplan.errors import Message, UsageError

    if year <= plan.year:
        raise UsageError(
            "year", Message("the plan is for {year}; roll over to a later year", year=plan.year)
        )
    carried = [a for a in plan.activities if not a.status.closed]
    title = plan.title.replace(str(plan.year), str(year))
    if title == plan.title:
        title = f"{plan.title} {year}"
    new = replace(
        plan,
        title=title,
        year=year,
        activities=[
            replace(
                a,
                deadline=parse_deadline(a.deadline.text, year),
                notes=[*a.notes, Note(date=today, text=carry_note(a))],
            )
            for a in carried
        ],
    )
    return Rollover(
        plan=new,
        target=target,
        carried=carried,
        left_behind=[a for a in plan.activities if a.status.closed],
        review=[a for a in carried if names_a_year(a.deadline.text)],
        made=today,
        from_year=plan.year,
    )
