"""The follow-up rounds for people and programs: the rounds, and how far a round's answers
are, per owner (`hplan followup`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hplan.errors import Message
from hplan.render.i18n import N_, format_day, say
from hplan.render.records import Table

if TYPE_CHECKING:
    from hplan.plan.model import Followup
    from hplan.queries.followups import RoundProgress

ROUND_COLUMNS = [N_("Round"), N_("Title"), N_("State at"), N_("Answers due")]
PROGRESS_COLUMNS = [N_("Owner"), N_("Answered"), N_("Open"), N_("Not yet answered")]


def round_name(followup: Followup) -> str:
    """`T1 Tertial 1`, or `T1` where the round's title is its id."""
    return followup.id if followup.title == followup.id else f"{followup.id} {followup.title}"


def rounds_table(rounds: list[Followup], language: str) -> Table:
    """Each round: its id, title, the day it reports and the day its answers are due."""
    rows = [
        [f.id, f.title, format_day(f.as_of, language), format_day(f.answers_due, language)]
        for f in rounds
    ]
    return Table(ROUND_COLUMNS, rows, [], say(Message("Follow-up rounds"), language), language)


def progress_table(progress: RoundProgress, language: str) -> Table:
    """Per owner: answered of the open activities they own, and those still unanswered."""
    rows = [
        [o.owner, str(len(o.answered)), str(len(o.asked)), ", ".join(a.id for a in o.missing)]
        for o in progress.owners
    ]
    late = [bool(o.missing) for o in progress.owners]
    title = say(Message("{round}: answers per owner", round=round_name(progress.followup)),
                language)  # fmt: skip
    return Table(PROGRESS_COLUMNS, rows, late, title, language, drop=("Open",))


def progress_text(progress: RoundProgress, language: str) -> str:
    """How far the round is, in a line, and who has answered nothing."""
    f = progress.followup
    lines = [
        say(
            Message.counted(
                "{round}: {answered} of {count} open activity assessed; answers due {due}.",
                "{round}: {answered} of {count} open activities assessed; answers due {due}.",
                progress.asked,
                round=round_name(f),
                answered=progress.answered,
                due=format_day(f.answers_due, language),
            ),
            language,
        )
    ]
    if progress.silent:
        lines.append(say(Message("No answer yet from: {names}.",
                                 names=", ".join(progress.silent)), language))  # fmt: skip
    return "\n".join(lines) + "\n"


def progress_records(
    rounds: list[Followup], progress: RoundProgress | None
) -> list[dict[str, Any]]:
    """The rounds, and the current (or asked) round's answers per owner, for programs."""
    records: list[dict[str, Any]] = [
        {"round": f.id, "title": f.title, "as_of": f.as_of.isoformat(),
         "answers_due": f.answers_due.isoformat(),
         "current": progress is not None and f.id == progress.followup.id}
        for f in rounds
    ]  # fmt: skip
    if progress is None:
        return records
    for record in records:
        if record["current"]:
            record["asked"], record["answered"] = progress.asked, progress.answered
            record["owners"] = [
                {"owner": o.owner, "asked": [a.id for a in o.asked],
                 "answered": [a.id for a in o.answered], "missing": [a.id for a in o.missing]}
                for o in progress.owners
            ]  # fmt: skip
    return records


def progress_rows(progress: RoundProgress | None) -> list[dict[str, Any]]:
    """The round's answers as flat rows, one per owner (CSV)."""
    if progress is None:
        return []
    f = progress.followup
    return [
        {"round": f.id, "owner": o.owner, "asked": len(o.asked), "answered": len(o.answered),
         "missing": [a.id for a in o.missing]}
        for o in progress.owners
    ]  # fmt: skip
