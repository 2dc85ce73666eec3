"""The owners' replies in words: the dry run's table (a row per line), the same for programs
(JSON, CSV), and the receipt each sender gets, in the plan's language."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from hplan.errors import Message
from hplan.render.i18n import (
    N_,
    assessment_word,
    format_day,
    gettext_for,
    say,
    status_word,
)
from hplan.render.records import Table

if TYPE_CHECKING:
    from hplan.plan.model import Plan
    from hplan.queries.replies import ReplyLine, ReplyRead

INBOX_COLUMNS = [N_("Line"), N_("Result")]
"""The table's columns, named in English (`Table.headings` translates them)."""


def _state_word(read: ReplyRead, applied: bool, language: str) -> str:
    _ = gettext_for(language)
    words = {
        "recorded": _("recorded") if applied else _("would be recorded"),
        "earlier": _("recorded earlier"),
        "ignored": _("ignored"),
        "refused": _("refused"),
    }
    return words[read.state.value]


def what(line: ReplyLine, language: str) -> str:
    """What a line records: `7: genomförd — Montern bemannad` or `5: risk — …`."""
    if line.status is not None:
        word = status_word(line.status, language)
    elif line.assessment is not None:
        word = assessment_word(line.assessment, language)
    else:
        return line.text
    comment = f" — {line.comment}" if line.comment else ""
    return f"{line.activity_id}: {word}{comment}"


def inbox_tables(
    replies: list[ReplyRead], applied: bool, language: str, addresses: bool = True
) -> list[Table]:
    """A table for each reply, titled with its sender and day: a row for each line (one for a
    reply refused or ignored whole); without `addresses`, the sender by name only."""
    refused = gettext_for(language)("refused")
    tables = []
    for read in replies:
        sender = read.owner or read.mail.name or ("–" if not addresses else read.mail.address)
        sender += f" <{read.mail.address}>" if addresses else ""
        when = format_day(read.mail.date.date(), language) if read.mail.date else "–"
        rows, late = [], []
        if read.reason is not None or not read.lines:
            reason = f": {say(read.reason, language)}" if read.reason is not None else ""
            rows.append(["–", _state_word(read, applied, language) + reason])
            late.append(read.state.value == "refused")
        for line in read.lines if read.reason is None else []:
            result = (
                _state_word(read, applied, language)
                if line.reason is None
                else f"{refused}: {say(line.reason, language)}"
            )
            rows.append([what(line, language), result])
            late.append(line.reason is not None)
        tables.append(Table(INBOX_COLUMNS, rows, late, f"{sender} · {when}", language))
    return tables


def inbox_records(replies: list[ReplyRead], language: str) -> list[dict[str, Any]]:
    """Each reply for programs: who, when, what became of it, and each line."""
    return [
        {
            "key": r.key,
            "message_id": r.mail.message_id,
            "from": r.mail.address,
            "name": r.mail.name,
            "owner": r.owner,
            "date": r.mail.date.isoformat() if r.mail.date else None,
            "subject": r.mail.subject,
            "state": r.state.value,
            "reason": say(r.reason, language) if r.reason is not None else None,
            "receipt": r.receipt,
            "lines": [
                {
                    "line": line.number,
                    "text": line.text,
                    "activity": line.activity_id,
                    "status": line.status.value if line.status else None,
                    "assessment": line.assessment.value if line.assessment else None,
                    "comment": line.comment,
                    "recorded": line.reason is None,
                    "reason": say(line.reason, language) if line.reason is not None else None,
                }
                for line in r.lines
            ],
        }
        for r in replies
    ]


def receipt_subject(subject: str) -> str:
    """The receipt's subject: the reply's, as an answer to it."""
    if re.match(r"^\s*(re|sv|aw|vs)\s*:", subject, re.I):
        return subject
    return f"Re: {subject}" if subject else "Re:"


def receipt_text(read: ReplyRead, plan: Plan, language: str) -> str:
    """What a sender is told: what was recorded from their reply, and each line that was not,
    and why."""
    _ = gettext_for(language)
    when = format_day(read.mail.date.date(), language) if read.mail.date else ""
    out = [_("Hello {name},").format(name=read.owner or read.mail.name), ""]
    out.append(
        _("hplan has read your reply of {day} about {plan}.").format(day=when, plan=plan.title)
    )
    if read.state.value == "earlier":
        out += ["", _("It was recorded in the plan earlier; nothing more was written.")]
    if read.reason is not None:
        out += [
            "",
            _("Nothing of it was recorded: {reason}").format(reason=say(read.reason, language)),
        ]
    recorded = read.recorded_lines if read.state.value == "recorded" else []
    if recorded:
        out += ["", _("Recorded:")]
        for line in recorded:  # each with its title: the sender sees which activity it was
            out += [f"  {line.activity_id}. {line.title}", f"     {what(line, language)}"]
    if read.refused_lines:
        out += ["", _("Not recorded:")]
        for line in read.refused_lines:
            numbered = _("Line {number}").format(number=line.number)
            why = say(line.reason, language) if line.reason is not None else ""
            out += [f"  {numbered}: «{line.text}»", f"    {why}"]
        out += [
            "",
            _(
                "Answer again with a line per activity: the id, a status or an "
                "assessment, and a comment."
            ),
        ]
    out += ["", "-- ", _("Sent by hplan, which keeps {plan}.").format(plan=plan.title)]
    return "\n".join(out) + "\n"


def nothing(language: str) -> str:
    """Said when the mailbox holds no reply to read."""
    return say(Message("No replies to read."), language)


def _who(read: ReplyRead, addresses: bool) -> str:
    return read.mail.address if addresses else (read.owner or read.mail.name or "–")


def receipts_text(replies: list[ReplyRead], language: str, addresses: bool = True) -> str:
    """What happened to each receipt, a line each (none when none was to be sent); without
    `addresses`, each names the person."""
    words = {
        "sent": Message("receipt sent to {address}"),
        "earlier": Message("receipt to {address} went out earlier; not sent again"),
        "missed": Message("receipt NOT sent to {address}; the next run sends it"),
        "unconfirmed": Message(
            "receipt may have gone to {address} (the server did not confirm it); not sent again"
        ),
    }
    lines = [
        say(Message(words[r.receipt].text, address=_who(r, addresses)), language)
        for r in replies
        if r.receipt in words
    ]
    return "".join(f"hplan: {line}\n" for line in lines)
