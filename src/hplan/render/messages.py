"""What hplan says after a write, in the language for people."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hplan.render.i18n import (
    ROLLOVER_HEADER,
    STATUS_WORDS,
    TABLE_WORDS,
    format_day,
    status_word,
)

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from hplan.plan.model import Activity
    from hplan.queries.rollover import Rollover
    from hplan.store.updates import Update


def update_message(update: Update, language: str) -> str:
    """`5: ej påbörjad → genomförd — title`, a note added, or nothing changed."""
    words = TABLE_WORDS[language]
    before, after = update.before, update.after
    now, was = status_word(after.status, language), status_word(before.status, language)
    if not update.written:
        message = words["already"].format(id=after.id, status=now)
    elif before.status == after.status:
        message = words["note added"].format(id=after.id, status=now, title=after.title)
    else:
        message = words["changed"].format(id=after.id, before=was, after=now, title=after.title)
    return message + (f" ({update.path})" if update.written else "") + "\n"


def added_message(added: Activity, path: Path, language: str) -> str:
    """`20: added — title (deadline) (plan2025.yaml)`."""
    words = TABLE_WORDS[language]
    text = words["added"].format(id=added.id, title=added.title, deadline=added.deadline.text)
    return f"{text} ({path})\n"


def late_warning(added: Activity, today: date, language: str) -> str:
    """Said when an activity is added with a deadline that has passed already."""
    assert added.deadline.due is not None
    days = (today - added.deadline.due).days
    due = format_day(added.deadline.due, language)
    if language == "sv":
        return f"hplan: obs: {added.id} förföll redan {due}; den är försenad {days} dagar"
    return f"hplan: note: {added.id} was due on {due} already; it is {days} days late"


def rollover_header(result: Rollover) -> list[str]:
    """The comment lines that open next year's plan, in the plan's language."""
    language = result.plan.language
    values = {
        "title": result.plan.title,
        "year": result.plan.year,
        "old": result.from_year,
        "day": result.made.isoformat(),
        "review": TABLE_WORDS[language]["review"],
    }
    return [line.format(**values) for line in ROLLOVER_HEADER[language]]


def rollover_review(result: Rollover) -> dict[str, dict[str, str]]:
    """The review comment above each deadline that named the old year, in the plan's language."""
    words = TABLE_WORDS[result.plan.language]
    note = words["review note"].format(old=result.from_year, year=result.plan.year)
    return {a.id: {"deadline": f"{words['review']}: {note}"} for a in result.review}


def rollover_message(result: Rollover, language: str) -> str:
    """What rollover wrote and what to review."""
    words = TABLE_WORDS[language]
    return (
        words["rolled over"].format(
            path=result.target,
            carried=len(result.carried),
            left=len(result.left_behind),
            closed=words["closed one" if len(result.left_behind) == 1 else "closed"],
            review=TABLE_WORDS[result.plan.language]["review"],
            ids=", ".join(a.id for a in result.review) or words["none"],
        )
        + "\n"
    )


def wrote(path: Path, language: str) -> str:
    """`Wrote r.html`, said on stderr after an export."""
    return TABLE_WORDS[language]["wrote"].format(path=path)


def validated(path: Path, goals: int, owners: int, activities: int, language: str) -> str:
    """`plan2025.yaml: valid — 6 goals, 4 owners, 19 activities`."""
    words = TABLE_WORDS[language]
    return (
        words["valid"].format(path=path, goals=goals, owners=owners, activities=activities) + "\n"
    )


def carry_note(activity: Activity, from_year: int, language: str) -> str:
    """The note rollover writes on a carried activity, in the plan's language."""
    word = STATUS_WORDS.get(language, STATUS_WORDS["en"])[activity.status]
    deadline = activity.deadline.text
    if language == "sv":
        return f"Överförd från handlingsplanen {from_year} (status {word}, slutdatum {deadline})"
    return f"Carried over from the {from_year} plan (status {word}, deadline {deadline})"
