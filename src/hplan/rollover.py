"""Next year's plan from this year's: goals and owners carried, open activities carried.

Deadlines written without a year ("Löpande", "Juni", "25 maj") mean the same in the new plan
and are carried as they are; deadlines that name a year or a date are kept as written and
flagged for review in a comment. Done and cancelled activities stay behind.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from datetime import date

from hplan.model import Activity, Plan

REVIEW = "REVIEW"


@dataclass(frozen=True)
class Rollover:
    """The new plan's text and what happened to each activity."""

    text: str
    carried: list[Activity] = field(default_factory=list)
    left_behind: list[Activity] = field(default_factory=list)
    review: list[Activity] = field(default_factory=list)


def names_a_year(deadline: str) -> bool:
    """True when the deadline text names a year or a date, so a new year changes its meaning."""
    return re.search(r"\d{4}", deadline) is not None


def roll_over(plan: Plan, year: int, today: date) -> Rollover:
    """The text of `plan` carried over to `year`, as of `today` (the date of the carry notes)."""
    from hplan.writer import scalar

    carried = [a for a in plan.activities if not a.status.closed]
    review = [a for a in carried if names_a_year(a.deadline.text)]
    title = plan.title.replace(str(plan.year), str(year))
    if title == plan.title:
        title = f"{plan.title} {year}"
    out = [
        "# yaml-language-server: $schema=plan.schema.json",
        f"# {title}, kept for hplan.",
        f"# Made by `hplan rollover {year}` from the plan for {plan.year} on {today.isoformat()}:",
        "# open activities carried with their notes; done and cancelled ones stayed behind.",
        f"# Deadlines that named a year are marked '{REVIEW}' below: restate them for {year}.",
        "",
        f"title: {scalar(title)}",
        f"organisation: {scalar(plan.organisation)}",
        f"year: {year}",
        f"language: {plan.language}",
        "",
        "goals:",
    ]
    for goal in plan.goals:
        out += [f"  - id: {goal.id}", f"    title: {scalar(goal.title)}"]
        out += _folded("text", goal.text)
        if goal.objective:
            out += _folded("objective", goal.objective)
        out.append("")
    out += ["owners:"]
    for owner in plan.owners:
        out += [f"  - name: {scalar(owner.name)}", f"    kind: {owner.kind.value}"]
    out += ["", "activities:"]
    for activity in carried:
        out += _activity(activity, plan.year, year, today, plan.language)
    return Rollover(
        "\n".join(out).rstrip("\n") + "\n",
        carried,
        [a for a in plan.activities if a.status.closed],
        review,
    )


def _folded(key: str, text: str) -> list[str]:
    if not text:
        return []
    lines = [f"    {key}: >-"]
    for n, paragraph in enumerate(text.split("\n")):
        if n:
            lines.append("")
        lines += ["      " + line for line in textwrap.wrap(paragraph, 86)] or ["      "]
    return lines


def _activity(
    activity: Activity, old_year: int, year: int, today: date, language: str
) -> list[str]:
    from hplan.writer import scalar

    lines = [f"  - id: {activity.id}", f"    title: {scalar(activity.title)}", "    goals:"]
    lines += [f"      - {g}" for g in activity.goals]
    lines += ["    owners:"] + [f"      - {scalar(o)}" for o in activity.owners]
    if activity.with_:
        lines += ["    with:"] + [f"      - {scalar(w)}" for w in activity.with_]
    if names_a_year(activity.deadline.text):
        lines.append(f"    # {REVIEW}: the deadline was set for {old_year}; restate it for {year}.")
    lines += [f"    deadline: {scalar(activity.deadline.text)}", f"    status: {activity.status}"]
    if activity.status_date:
        lines.append(f"    status_date: {activity.status_date.isoformat()}")
    from hplan.i18n import STATUS_WORDS

    word = STATUS_WORDS.get(language, STATUS_WORDS["en"])[activity.status]
    carry = (
        f"Överförd från handlingsplanen {old_year} (status {word}, slutdatum "
        f"{activity.deadline.text})"
        if language == "sv"
        else f"Carried over from the {old_year} plan (status {word}, deadline "
        f"{activity.deadline.text})"
    )
    lines.append("    notes:")
    for note_date, text in [*((n.date, n.text) for n in activity.notes), (today, carry)]:
        lines += [f"      - date: {note_date.isoformat()}", f"        text: {scalar(text)}"]
    return [*lines, ""]
