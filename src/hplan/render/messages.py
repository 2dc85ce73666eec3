"""What hplan says after a command, in the language for people."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hplan.render.i18n import format_day, gettext_for, status_word, translation

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from hplan.plan.model import Activity
    from hplan.queries.rollover import Rollover
    from hplan.store.updates import Update


def update_message(update: Update, language: str) -> str:
    """`5: ej påbörjad → genomförd — title`, a note added, or nothing changed."""
    _ = gettext_for(language)
    before, after = update.before, update.after
    now, was = status_word(after.status, language), status_word(before.status, language)
    if not update.written:
        message = _("{id}: already {status}; nothing changed").format(id=after.id, status=now)
    elif before.status == after.status:
        message = _("{id}: note added ({status}) — {title}").format(
            id=after.id, status=now, title=after.title
        )
    else:
        message = _("{id}: {before} → {after} — {title}").format(
            id=after.id, before=was, after=now, title=after.title
        )
    return message + (f" ({update.path})" if update.written else "") + "\n"


def added_message(added: Activity, path: Path, language: str) -> str:
    """`20: added — title (deadline) (plan2025.yaml)`."""
    _ = gettext_for(language)
    text = _("{id}: added — {title} ({deadline})").format(
        id=added.id, title=added.title, deadline=added.deadline.text
    )
    return f"{text} ({path})\n"


def late_warning(added: Activity, today: date, language: str) -> str:
    """Said when an activity is added with a deadline that has passed already."""
    assert added.deadline.due is not None
    days = (today - added.deadline.due).days
    text = translation(language).ngettext(
        "hplan: note: {id} was due on {due} already; it is {days} day late",
        "hplan: note: {id} was due on {due} already; it is {days} days late",
        days,
    )
    return str(text.format(id=added.id, due=format_day(added.deadline.due, language), days=days))


def _review_word(language: str) -> str:
    _ = gettext_for(language)
    return str(_("REVIEW"))


def rollover_header(result: Rollover) -> list[str]:
    """The comment lines that open next year's plan, in the plan's language."""
    language = result.plan.language
    _ = gettext_for(language)
    values = {
        "title": result.plan.title,
        "year": result.plan.year,
        "old": result.from_year,
        "day": result.made.isoformat(),
        "review": _review_word(language),
    }
    lines = [
        _("{title}, kept for hplan."),
        _("Made by `hplan rollover {year}` from the plan for {old} on {day}:"),
        _("open activities carried with their notes; done and cancelled ones stayed behind."),
        _("Deadlines that named a year are marked '{review}' below: restate them for {year}."),
    ]
    return [line.format(**values) for line in lines]


def rollover_review(result: Rollover) -> dict[str, dict[str, str]]:
    """The review comment above each deadline that named the old year, in the plan's language."""
    language = result.plan.language
    _ = gettext_for(language)
    note = _("the deadline was set for {old}; restate it for {year}.").format(
        old=result.from_year, year=result.plan.year
    )
    return {a.id: {"deadline": f"{_review_word(language)}: {note}"} for a in result.review}


def rollover_message(result: Rollover, language: str) -> str:
    """What rollover wrote and what to review."""
    _ = gettext_for(language)
    left = len(result.left_behind)
    text = translation(language).ngettext(
        "Wrote {path}: {carried} activities carried, {left} done or cancelled left behind.",
        "Wrote {path}: {carried} activities carried, {left} done or cancelled left behind.",
        left,
    )
    review = _("Deadlines to review (marked {review}): {ids}.")
    return (
        text.format(path=result.target, carried=len(result.carried), left=left)
        + "\n"
        + review.format(
            review=_review_word(result.plan.language),
            ids=", ".join(a.id for a in result.review) or _("none"),
        )
        + "\n"
    )


def wrote(path: Path, language: str) -> str:
    """`Wrote r.html`, said on stderr after an export."""
    _ = gettext_for(language)
    return str(_("Wrote {path}").format(path=path))


def validated(path: Path, goals: int, owners: int, activities: int, language: str) -> str:
    """`plan2025.yaml: valid — 6 goals, 4 owners, 19 activities`."""
    _ = gettext_for(language)
    text = _("{path}: valid — {goals} goals, {owners} owners, {activities} activities")
    return str(text.format(path=path, goals=goals, owners=owners, activities=activities)) + "\n"


def carry_note(activity: Activity, from_year: int, language: str) -> str:
    """The note rollover writes on a carried activity, in the plan's language."""
    _ = gettext_for(language)
    text = _("Carried over from the {year} plan (status {status}, deadline {deadline})")
    return str(
        text.format(
            year=from_year,
            status=status_word(activity.status, language),
            deadline=activity.deadline.text,
        )
    )


def no_match(language: str) -> str:
    """Said when no activity matches a list's filters."""
    _ = gettext_for(language)
    return str(_("No activities match."))


def nothing_overdue(today: date, language: str) -> str:
    """Said when nothing is overdue."""
    _ = gettext_for(language)
    text = _("Nothing is overdue as of {day}.")
    return str(text.format(day=format_day(today, language)))


def nothing_due(within: int, today: date, language: str) -> str:
    """Said when nothing falls due in the days looked at."""
    text = translation(language).ngettext(
        "Nothing is due in the next {days} day (from {day}).",
        "Nothing is due in the next {days} days (from {day}).",
        within,
    )
    return str(text.format(days=within, day=format_day(today, language)))


def nothing_changed(since: str, language: str) -> str:
    """Said when the plan's history has no change since the day or revision given."""
    _ = gettext_for(language)
    return str(_("Nothing changed since {since}.").format(since=since))


def outside_warning(path: Path, activity: Activity, year: int, language: str) -> str:
    """`validate`'s warning for a deadline outside the plan's year."""
    _ = gettext_for(language)
    text = _(
        "{path}: warning: activity {id}: the deadline '{deadline}' lies outside the plan's "
        "year {year}"
    )
    return text.format(path=path, id=activity.id, deadline=activity.deadline.text, year=year)


def history_cut(start: str, language: str) -> str:
    """The warning that a shallow clone's history does not reach back to the plan's start."""
    _ = gettext_for(language)
    text = _(
        "hplan: warning: this clone's history starts on {start} (a shallow clone); changes "
        "before it are not shown. `git fetch --unshallow` brings the rest."
    )
    return text.format(start=start)
