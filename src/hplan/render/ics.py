"""The plan's dated activities as an iCalendar (RFC 5545) file, made with `icalendar`.

All-day events, kept to what Outlook and Google Calendar honour: UID, DTSTAMP, DTSTART/DTEND
as dates, SUMMARY, DESCRIPTION, STATUS, CATEGORIES, SEQUENCE and LAST-MODIFIED.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta

from hplan.plan.model import Activity, Plan
from hplan.plan.statuses import Status
from hplan.queries.filters import ActivityRow
from hplan.render.i18n import gettext_for, status_word
from hplan.render.records import goals_text, owners_text

EPOCH = date(2000, 1, 1)


def slug(text: str) -> str:
    """Text as a stable ASCII name: 'Hälsingerådets plan' → 'halsingeradets-plan'."""
    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", bare.lower()).strip("-")


def plan_slug(plan: Plan) -> str:
    """A stable, ASCII name for the plan: 'halsingeradets-handlingsplan-2025'."""
    return slug(plan.title) or f"plan-{plan.year}"


def event_uid(plan: Plan, activity: Activity) -> str:
    """The event's UID: the same for the same plan and activity in every export, and
    different for two organisations' plans of the same title (a calendar that subscribes to
    both would merge their events). A title that already names the organisation keeps the
    UID it has always had."""
    name = plan_slug(plan)
    if str(plan.year) not in name:
        name = f"{name}-{plan.year}"
    organisation = slug(plan.organisation)
    if organisation and organisation not in name:
        name = f"{organisation}-{name}"
    return f"{name}-activity-{activity.id}@hplan"


def last_change(activity: Activity) -> date | None:
    """The day the activity last changed, as far as the plan records it."""
    days = [n.date for n in activity.notes]
    if activity.status_date:
        days.append(activity.status_date)
    return max(days, default=None)


def to_ics(
    plan: Plan, rows: list[ActivityRow], today: date, language: str, include_ongoing: bool
) -> bytes:
    """The calendar: one all-day event per dated activity (ongoing ones on request)."""
    from icalendar import Calendar, Event, vText

    # Every text of the plan becomes a property as vText, which escapes a line break (RFC
    # 5545 3.3.11) whatever type icalendar gives the property: an X- property (the calendar's
    # name) otherwise takes it raw, and a folded YAML title ends with one.
    calendar = Calendar()
    calendar.add("prodid", "-//hplan//Hälsingerådet action plan//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(plan.title))
    _ = gettext_for(language)
    for row in rows:
        activity = row.activity
        deadline = activity.deadline
        if deadline.due is None:
            if not include_ongoing:
                continue
            first, last = date(plan.year, 1, 1), date(plan.year, 12, 31)
        elif deadline.kind == "range" and deadline.start is not None:
            first, last = deadline.start, deadline.due
        else:
            first = last = deadline.due
        event = Event()
        event.add("uid", event_uid(plan, activity))
        event.add("dtstamp", datetime.combine(today, time(0, 0), tzinfo=UTC))
        event.add("dtstart", first)
        event.add("dtend", last + timedelta(days=1))  # all-day DTEND is exclusive
        event.add("summary", vText(f"{activity.id}. {activity.title}"))
        status = status_word(activity.status, language)
        lines = [
            _("Owners") + ": " + owners_text(activity, language),
            _("Goals") + ": " + goals_text(plan, activity),
            _("Deadline") + ": " + deadline.text,
            _("Status") + ": " + status,
        ]
        lines += [f"{n.date.isoformat()}: {n.text}" for n in activity.notes]
        event.add("description", vText("\n".join(lines)))
        event.add("status", "CANCELLED" if activity.status is Status.CANCELLED else "CONFIRMED")
        event.add("categories", [vText(status)])
        event.add("transp", "TRANSPARENT")
        changed = last_change(activity)
        # SEQUENCE is a non-negative integer (RFC 5545): a note dated before 2000 counts as 0.
        event.add("sequence", max((changed - EPOCH).days, 0) if changed else 0)
        if changed:
            event.add("last-modified", datetime.combine(changed, time(0, 0), tzinfo=UTC))
        calendar.add_component(event)
    # icalendar's own to_ical folds each line character by character (a third of the time
    # at 10,000 activities); the same folding on the line's bytes gives the same file.
    return b"".join(
        fold(line.encode("utf-8")) + b"\r\n" for line in calendar.content_lines() if line
    )


FOLD_AT = 75
"""RFC 5545: a content line is at most 75 octets; icalendar folds before the 75th."""


def fold(line: bytes) -> bytes:
    """A content line folded as icalendar folds it: pieces of at most 74 octets, cut
    between characters, never right after an escape's backslash or caret."""
    if len(line) < FOLD_AT:
        return line
    pieces, start = [], 0
    while len(line) - start >= FOLD_AT:
        end = start + FOLD_AT - 1
        while line[end] & 0xC0 == 0x80:  # inside a UTF-8 character: cut before it
            end -= 1
        if end - 1 > start and line[end - 1] in b"\\^":
            end -= 1  # the escape goes to the next piece with what it escapes
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return b"\r\n ".join(pieces)
