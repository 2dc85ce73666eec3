"""The words hplan's reports use, in the plan's language (Swedish or English).

Dates and month names come from Babel's CLDR data, never from hand-written lists.
"""

from __future__ import annotations

from datetime import date

from hplan.errors import HplanError
from hplan.plan.model import LANGUAGES
from hplan.plan.statuses import Status

STATUS_WORDS = {
    "sv": {
        Status.NOT_STARTED: "ej påbörjad",
        Status.IN_PROGRESS: "pågår",
        Status.DONE: "genomförd",
        Status.BLOCKED: "blockerad",
        Status.CANCELLED: "avbruten",
    },
    "en": {
        Status.NOT_STARTED: "not started",
        Status.IN_PROGRESS: "in progress",
        Status.DONE: "done",
        Status.BLOCKED: "blocked",
        Status.CANCELLED: "cancelled",
    },
}

TABLE_WORDS = {
    "sv": {
        "ID": "Nr", "Activity": "Aktivitet", "Goals": "Mål", "Owners": "Ansvarig",
        "Deadline": "Slutdatum", "Due": "Förfaller", "Status": "Status", "Late": "Försenad",
        "Goal": "Mål", "Title": "Titel", "Activities": "Aktiviteter", "By status": "Per status",
        "Overdue": "Försenade", "Owner": "Ansvarig", "Kind": "Typ", "Open": "Öppna",
        "Done": "Genomförda", "When": "När", "Commit": "Commit", "Author": "Av",
        "Change": "Ändring", "ongoing": "löpande", "no activity": "inga aktiviteter",
        "with": "tillsammans med", "person": "person", "role": "roll",
        "With": "Tillsammans med", "Status date": "Statusdatum", "Note": "Anteckning",
        "never overdue": "aldrig försenad", "days": "dagar",
        "no match": "Inga aktiviteter matchar.",
        "nothing overdue": "Inget är försenat per {day}.",
        "nothing due": "Inget förfaller under de kommande {days} dagarna (från {day}).",
        "nothing changed": "Inget har ändrats sedan {since}.",
        "already": "{id}: redan {status}; inget ändrat",
        "note added": "{id}: anteckning tillagd ({status}) — {title}",
        "changed": "{id}: {before} → {after} — {title}",
        "added": "{id}: tillagd — {title} ({deadline})",
        "wrote": "Skrev {path}",
        "valid": "{path}: giltig — {goals} mål, {owners} ansvariga, {activities} aktiviteter",
        "review": "GRANSKA",
        "review note": "slutdatumet sattes för {old}; skriv om det för {year}.",
        "rolled over": "Skrev {path}: {carried} aktiviteter överförda, {left} {closed} stannade "
        "kvar.\nSlutdatum att granska (märkta {review}): {ids}.",
        "closed": "genomförda eller avbrutna",
        "closed one": "genomförd eller avbruten",
        "none": "inga",
    },
    "en": {
        "ID": "ID", "Activity": "Activity", "Goals": "Goals", "Owners": "Owners",
        "Deadline": "Deadline", "Due": "Due", "Status": "Status", "Late": "Late",
        "Goal": "Goal", "Title": "Title", "Activities": "Activities", "By status": "By status",
        "Overdue": "Overdue", "Owner": "Owner", "Kind": "Kind", "Open": "Open", "Done": "Done",
        "When": "When", "Commit": "Commit", "Author": "Author", "Change": "Change",
        "ongoing": "ongoing", "no activity": "no activity", "with": "with",
        "person": "person", "role": "role", "With": "With", "Status date": "Status date",
        "Note": "Note", "never overdue": "never overdue", "days": "days",
        "no match": "No activities match.",
        "nothing overdue": "Nothing is overdue as of {day}.",
        "nothing due": "Nothing is due in the next {days} days (from {day}).",
        "nothing changed": "Nothing changed since {since}.",
        "already": "{id}: already {status}; nothing changed",
        "note added": "{id}: note added ({status}) — {title}",
        "changed": "{id}: {before} → {after} — {title}",
        "added": "{id}: added — {title} ({deadline})",
        "wrote": "Wrote {path}",
        "valid": "{path}: valid — {goals} goals, {owners} owners, {activities} activities",
        "review": "REVIEW",
        "review note": "the deadline was set for {old}; restate it for {year}.",
        "rolled over": "Wrote {path}: {carried} activities carried, {left} {closed} left "
        "behind.\nDeadlines to review (marked {review}): {ids}.",
        "closed": "done or cancelled",
        "closed one": "done or cancelled",
        "none": "none",
    },
}  # fmt: skip
"""The words of hplan's tables and messages for people; JSON and CSV keys stay English."""


def status_word(status: Status, language: str) -> str:
    """A status as people of the language say it (JSON and CSV keep the canonical form)."""
    return STATUS_WORDS[language][status]


STATUS_PLURALS = {
    "sv": {
        Status.NOT_STARTED: "ej påbörjade",
        Status.IN_PROGRESS: "pågår",
        Status.DONE: "genomförda",
        Status.BLOCKED: "blockerade",
        Status.CANCELLED: "avbrutna",
    },
    "en": STATUS_WORDS["en"],
}
"""The status words after a count of more than one: `15 ej påbörjade, 2 genomförda`."""


def status_count(count: int, status: Status, language: str) -> str:
    """`1 genomförd`, `2 genomförda`: a count with the status word agreeing with it."""
    words = STATUS_WORDS if count == 1 else STATUS_PLURALS
    return f"{count} {words[language][status]}"


CHANGE_WORDS = {
    "sv": {"added": "tillagd", "first seen": "först med", "removed": "borttagen",
           "deadline": "slutdatum", "note": "anteckning", "overdue": "blev försenad",
           "due": "förföll"},
    "en": {"added": "added", "first seen": "first seen", "removed": "removed",
           "deadline": "deadline", "note": "note", "overdue": "became overdue", "due": "due"},
}  # fmt: skip

LABELS = {
    "sv": {
        "report": "Uppföljning",
        "as_of": "Läge per",
        "summary": "Sammanfattning",
        "activities": "aktiviteter",
        "overdue": "Försenade",
        "overdue_heading": "Försenade aktiviteter",
        "upcoming_heading": "Förfaller inom 30 dagar",
        "none_overdue": "Inga aktiviteter är försenade.",
        "none_upcoming": "Inga aktiviteter förfaller de närmaste 30 dagarna.",
        "done_share": "Andel genomförda",
        "by_goal": "Per mål",
        "by_owner": "Per ansvarig",
        "all": "Hela aktivitetslistan",
        "timeline": "Tidslinje",
        "ongoing": "Löpande",
        "no_activity": "Inga aktiviteter är kopplade till det här målet.",
        "rolled_up": "Inklusive delmål",
        "id": "Nr",
        "activity": "Aktivitet",
        "goal": "Mål",
        "owner": "Ansvarig",
        "deadline": "Slutdatum",
        "status": "Status",
        "due": "Förfaller",
        "days_late": "Försenad",
        "open": "Öppna",
        "done": "Genomförda",
        "total": "Totalt",
        "with": "tillsammans med",
        "notes": "Anteckningar",
        "today": "idag",
        "outside_year": "utanför planens år",
        "role": "roll",
        "days": "dagar",
        "day_one": "dag",
        "late": "försenad",
        "since": "Sedan förra mötet",
        "since_intro": "Ändringar sedan",
        "none_changed": "Inget har ändrats.",
        "when": "När",
        "change": "Ändring",
        "by": "Av",
    },
    "en": {
        "report": "Follow-up",
        "as_of": "As of",
        "summary": "Summary",
        "activities": "activities",
        "overdue": "Overdue",
        "overdue_heading": "Overdue activities",
        "upcoming_heading": "Due in the next 30 days",
        "none_overdue": "No activity is overdue.",
        "none_upcoming": "No activity is due in the next 30 days.",
        "done_share": "Share done",
        "by_goal": "By goal",
        "by_owner": "By owner",
        "all": "The whole activity list",
        "timeline": "Timeline",
        "ongoing": "Ongoing",
        "no_activity": "No activity serves this goal.",
        "rolled_up": "Including sub-goals",
        "id": "ID",
        "activity": "Activity",
        "goal": "Goals",
        "owner": "Owners",
        "deadline": "Deadline",
        "status": "Status",
        "due": "Due",
        "days_late": "Days late",
        "open": "Open",
        "done": "Done",
        "total": "Total",
        "with": "with",
        "notes": "Notes",
        "today": "today",
        "outside_year": "outside the plan's year",
        "role": "role",
        "days": "days",
        "day_one": "day",
        "late": "overdue",
        "since": "Since the last meeting",
        "since_intro": "Changes since",
        "none_changed": "Nothing has changed.",
        "when": "When",
        "change": "Change",
        "by": "By",
    },
}


ROLLOVER_HEADER = {
    "sv": [
        "{title}, förd av hplan.",
        "Gjord med `hplan rollover {year}` från planen för {old} den {day}:",
        "öppna aktiviteter fördes över med sina anteckningar; genomförda och avbrutna "
        "stannade kvar.",
        "Slutdatum som angav ett år är märkta '{review}' nedan: skriv om dem för {year}.",
    ],
    "en": [
        "{title}, kept for hplan.",
        "Made by `hplan rollover {year}` from the plan for {old} on {day}:",
        "open activities carried with their notes; done and cancelled ones stayed behind.",
        "Deadlines that named a year are marked '{review}' below: restate them for {year}.",
    ],
}
"""The comment lines that open next year's plan, in the plan's language."""


def user_language() -> str:
    """The language of the user's locale (LANG, LC_ALL, LC_MESSAGES) where hplan speaks it,
    else English: for output when no plan is read."""
    import os

    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            code = value[:2].lower()
            return code if code in LANGUAGES else "en"
    return "en"


def check_language(language: str) -> str:
    """The language if hplan speaks it; an error naming those it does otherwise."""
    if language not in LANGUAGES:
        raise HplanError(f"hplan speaks {' and '.join(LANGUAGES)}, not '{language}'")
    return language


def format_day(day: date, language: str) -> str:
    """A day as people write it, Babel's 'd MMMM y': '25 maj 2025', '25 May 2025'."""
    return f"{day.day} {_months(language)[day.month - 1]} {day.year}"


_MONTHS: dict[str, list[str]] = {}


def _months(language: str) -> list[str]:
    """CLDR's month names (from Babel), kept in hplan's cache folder after the first use.

    Babel takes a tenth of a second to load; a table of dates should not wait for that.
    """
    if language in _MONTHS:
        return _MONTHS[language]
    import contextlib
    import os

    from hplan.folders import read_regular, user_cache

    kept = user_cache() / "locale" / f"months-{language}.txt"
    use_cache = not os.environ.get("HPLAN_NO_CACHE")
    names: list[str] = []
    if use_cache:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            names = read_regular(kept, 4096).decode("utf-8").split("\n")
    # Exactly twelve different names and a final newline, as written below; else a miss.
    if len(names) != 13 or names[12] or len(set(names[:12])) != 12 or not all(names[:12]):
        from babel import Locale

        wide = Locale.parse(language).months["format"]["wide"]
        names = [str(wide[m]) for m in range(1, 13)] + [""]
        if use_cache:
            with contextlib.suppress(OSError):
                kept.parent.mkdir(parents=True, exist_ok=True)
                kept.write_text("\n".join(names), encoding="utf-8")
    _MONTHS[language] = names[:12]
    return names[:12]


def month_names(language: str, width: str = "abbreviated") -> list[str]:
    """The twelve months' standalone names, January first ('jan.', 'feb.' … in Swedish)."""
    from babel import Locale

    names = Locale.parse(language).months["stand-alone"][width]
    return [str(names[m]) for m in range(1, 13)]
