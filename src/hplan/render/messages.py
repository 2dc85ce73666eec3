"""What hplan says after a command, in the language for people."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hplan.errors import Message
from hplan.render.i18n import assessment_word, format_day, say, status_word

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from hplan.plan.model import Activity, Answer, Followup
    from hplan.plan.results import Update
    from hplan.queries.rollover import Rollover

REVIEW = Message("REVIEW")
"""The word that marks a deadline rollover asks people to restate."""


def update_message(update: Update, language: str) -> str:
    """`5: ej påbörjad → genomförd — title`, a note added, or nothing changed."""
    before, after = update.before, update.after
    now, was = status_word(after.status, language), status_word(before.status, language)
    if not update.written:
        already = Message("{id}: already {status}; nothing changed", id=after.id, status=now)
        return say(already, language) + "\n"
    if (answer := new_answer(update)) is not None:
        message = Message(
            "{id}: assessment {round} {assessment} — {by}", id=after.id, round=answer.round,
            assessment=assessment_word(answer.assessment, language), by=answer.by,
        )  # fmt: skip
    elif before.status == after.status:
        message = Message(
            "{id}: note added ({status}) — {title}", id=after.id, status=now, title=after.title
        )
    else:
        message = Message(
            "{id}: {before} → {after} — {title}",
            id=after.id,
            before=was,
            after=now,
            title=after.title,
        )
    return f"{say(message, language)} ({update.path})\n"


def new_answer(update: Update) -> Answer | None:
    """The answer an update recorded (at a follow-up round), or None."""
    if update.before.assessments == update.after.assessments:
        return None
    return next((a for a in update.after.assessments if a not in update.before.assessments), None)


def round_text(followup: Followup, language: str) -> str:
    """`Follow-up round T1 (Tertial 1) opened: the state at 30 April 2025, answers due 12 May
    2025`: also the message of its commit."""
    message = Message(
        "Follow-up round {id} ({title}) opened: the state at {day}, answers due {due}",
        id=followup.id, title=followup.title, day=format_day(followup.as_of, language),
        due=format_day(followup.answers_due, language),
    )  # fmt: skip
    return say(message, language)


def added_message(added: Activity, path: Path, language: str) -> str:
    """`20: added — title (deadline) (plan2025.yaml)`."""
    return f"{added_text(added, language)} ({path})\n"


def added_text(added: Activity, language: str) -> str:
    """`20: added — title (deadline)`: also the message of its commit."""
    message = Message(
        "{id}: added — {title} ({deadline})",
        id=added.id,
        title=added.title,
        deadline=added.deadline.text,
    )
    return say(message, language)


def late_warning(added: Activity, today: date, language: str) -> str:
    """Said when an activity is added with a deadline that has passed already."""
    assert added.deadline.due is not None
    days = (today - added.deadline.due).days
    message = Message.counted(
        "hplan: note: {id} was due on {due} already; it is {days} day late",
        "hplan: note: {id} was due on {due} already; it is {days} days late",
        days,
        id=added.id,
        due=format_day(added.deadline.due, language),
        days=days,
    )
    return say(message, language)


def rollover_header(result: Rollover) -> list[str]:
    """The comment lines that open next year's plan, in the plan's language."""
    values = {
        "title": result.plan.title,
        "year": result.plan.year,
        "old": result.from_year,
        "day": result.made.isoformat(),
        "review": REVIEW,
    }
    lines = [
        Message("{title}, kept for hplan.", **values),
        Message("Made by `hplan rollover {year}` from the plan for {old} on {day}:", **values),
        Message("open activities carried with their notes; done and cancelled ones stayed behind."),
        Message(
            "Deadlines that named a year are marked '{review}' below: restate them for {year}.",
            **values,
        ),
    ]
    return [say(line, result.plan.language) for line in lines]


def rollover_review(result: Rollover) -> dict[tuple[str, str], dict[str, str]]:
    """The review comment above each deadline that named the old year, in the plan's language."""
    note = Message(
        "the deadline was set for {old}; restate it for {year}.",
        old=result.from_year,
        year=result.plan.year,
    )
    comment = f"{say(REVIEW, result.plan.language)}: {say(note, result.plan.language)}"
    return {("activities", a.id): {"deadline": comment} for a in result.review}


def rollover_message(result: Rollover, language: str) -> str:
    """What rollover wrote and what to review."""
    left = len(result.left_behind)
    wrote = Message.counted(
        "Wrote {path}: {carried} activities carried, {left} done or cancelled left behind.",
        "Wrote {path}: {carried} activities carried, {left} done or cancelled left behind.",
        left,
        path=result.target,
        carried=len(result.carried),
        left=left,
    )
    review = Message(
        "Deadlines to review (marked {review}): {ids}.",
        # The mark is written in the plan, so it is in the plan's language.
        review=say(REVIEW, result.plan.language),
        ids=", ".join(a.id for a in result.review) or Message("none"),
    )
    return f"{say(wrote, language)}\n{say(review, language)}\n"


def wrote(path: Path, language: str) -> str:
    """`Wrote r.html`, said on stderr after an export."""
    return say(Message("Wrote {path}", path=path), language)


def validated(path: Path, goals: int, owners: int, activities: int, language: str) -> str:
    """`plan2025.yaml: valid — 6 goals, 4 owners, 19 activities`."""
    message = Message(
        "{path}: valid — {goals} goals, {owners} owners, {activities} activities",
        path=path,
        goals=goals,
        owners=owners,
        activities=activities,
    )
    return say(message, language) + "\n"


def carry_note(activity: Activity, from_year: int, language: str) -> str:
    """The note rollover writes on a carried activity, in the plan's language."""
    message = Message(
        "Carried over from the {year} plan (status {status}, deadline {deadline})",
        year=from_year,
        status=status_word(activity.status, language),
        deadline=activity.deadline.text,
    )
    return say(message, language)


def no_match(language: str) -> str:
    """Said when no activity matches a list's filters."""
    return say(Message("No activities match."), language)


def nothing_overdue(today: date, language: str) -> str:
    """Said when nothing is overdue."""
    message = Message("Nothing is overdue as of {day}.", day=format_day(today, language))
    return say(message, language)


def nothing_due(within: int, today: date, language: str) -> str:
    """Said when nothing falls due in the days looked at."""
    message = Message.counted(
        "Nothing is due in the next {days} day (from {day}).",
        "Nothing is due in the next {days} days (from {day}).",
        within,
        days=within,
        day=format_day(today, language),
    )
    return say(message, language)


def changes_period(since: str, day: date | None, days: int | None, language: str) -> str:
    """The heading of `hplan changes`: the period it covers, as a revision and its day, a
    day, or the last `days` days when no tag gave one."""
    from hplan.render.i18n import format_day

    if day is None:
        message = Message("Changes since {since}:", since=since)
    elif days is not None:
        message = Message.counted(
            "Changes in the last {count} day (since {day}):",
            "Changes in the last {count} days (since {day}):",
            days,
            day=format_day(day, language),
        )
    else:
        message = Message("Changes since {since}:", since=since_text(since, day, language))
    return say(message, language)


def since_text(since: str, day: date | None, language: str) -> str:
    """Where a period of changes starts, in the one form every output uses (issue 32): a day
    as people write it ("24 juni 2025"), a revision with its day ("v1.0 (24 juni 2025)")."""
    from datetime import date

    if day is None:
        try:
            day = date.fromisoformat(since)
        except ValueError:
            return since
    if since == day.isoformat():
        return format_day(day, language)
    return f"{since} ({format_day(day, language)})"


def nothing_changed(since: str, language: str) -> str:
    """Said when the plan's history has no change since the day or revision given."""
    return say(Message("Nothing changed since {since}.", since=since_text(since, None, language)),
               language)  # fmt: skip


def outside_warning(path: Path, activity: Activity, year: int, language: str) -> str:
    """`validate`'s warning for a deadline outside the plan's year."""
    message = Message(
        "{path}: warning: activity {id}: the deadline '{deadline}' lies outside the plan's "
        "year {year}",
        path=path,
        id=activity.id,
        deadline=activity.deadline.text,
        year=year,
    )
    return say(message, language)


def history_cut(start: str, language: str) -> str:
    """The warning that a shallow clone's history does not reach back to the plan's start."""
    message = Message(
        "hplan: warning: this clone's history starts on {start} (a shallow clone); changes "
        "before it are not shown. `git fetch --unshallow` brings the rest.",
        start=start,
    )
    return say(message, language)


def saved_message(update: Update, day: date, language: str) -> str:
    """What a change from the browser wrote, in a sentence: "Status för 7 satt till
    genomförd, 2 december 2026"."""
    before, after = update.before, update.after
    if not update.written:
        return update_message(update, language).strip()
    if (answer := new_answer(update)) is not None:
        message = Message(
            "Assessment of {id} for {round} set to {assessment}, {day}", id=after.id,
            round=answer.round, assessment=assessment_word(answer.assessment, language),
            day=format_day(day, language),
        )  # fmt: skip
    elif before.status != after.status:
        message = Message(
            "Status of {id} set to {status}, {day}",
            id=after.id,
            status=status_word(after.status, language),
            day=format_day(day, language),
        )
    else:
        message = Message("Note added to {id}, {day}", id=after.id, day=format_day(day, language))
    return say(message, language)


def past_year_warning(year: int, today: date, language: str) -> str:
    """Said once when the day is past the plan's year: which plan this is, and what to do."""
    return say(
        Message(
            "The plan is for {year}; today is {day}. Start next year's plan with "
            "`hplan rollover {next}`, or look back with --as-of.",
            year=year,
            day=format_day(today, language),
            next=today.year,
        ),
        language,
    )


def edit_unchanged(path: Path, language: str) -> str:
    """`hplan edit` when the editor closed without a change."""
    return say(Message("{path}: no change.", path=path.name), language)


def edit_saved(path: Path, language: str) -> str:
    """`hplan edit` when what was saved validates."""
    return say(Message("{path} saved; the plan is valid.", path=path.name), language)


def edit_again(language: str) -> str:
    """`hplan edit`'s question when what was saved does not validate."""
    return say(Message("Open the editor again to fix it?"), language)


def edit_kept(path: Path, copy: Path, language: str) -> str:
    """`hplan edit` when the person leaves a text that does not validate: the plan is as it
    was, and their text is kept."""
    message = Message(
        "{path} is as it was: nothing was written. Your text is kept in {copy}; fix it there "
        "and run `hplan edit` again, or copy it over the plan yourself.",
        path=path.name, copy=copy,
    )  # fmt: skip
    return say(message, language)


def edit_overtaken(path: Path, copy: Path, language: str) -> str:
    """`hplan edit` when the plan changed while the editor was open."""
    message = Message(
        "{path} changed while the editor was open (a status from a terminal, the web view, git); "
        "nothing was written, so that change is not lost. Your text is kept in {copy}: run "
        "`hplan edit` again and make your change on the plan as it is now.",
        path=path.name, copy=copy,
    )  # fmt: skip
    return say(message, language)
