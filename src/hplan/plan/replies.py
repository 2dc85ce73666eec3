"""The lines of an owner's reply to the digest: `7 genomförd Montern bemannad båda dagarna`,
`5 risk Lokalen är inte bokad än`. An activity id, a status or an assessment word (the words
`hplan status` and `hplan assess` read, either language, any case), then an optional comment.

A line is read or it is not: nothing is guessed. A line that is not read says why, so that
the sender can be told which line and what to write instead.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from hplan.errors import Message
from hplan.plan.assessments import SWEDISH_ASSESSMENT_WORDS, Assessment
from hplan.plan.statuses import SWEDISH_STATUS_WORDS, Status
from hplan.plan.words import read_word

MOST_WORDS = max(len(w.split()) for w in [*SWEDISH_STATUS_WORDS, *SWEDISH_ASSESSMENT_WORDS])
"""The most words a status or an assessment has (risk för avvikelse)."""

_ID = re.compile(r"^\s*(?:#\s*)?([0-9]{1,9})\s*[.:)]?(?=\s|$)\s*(.*)$", re.S)
"""An id at the start of a line: `7`, `7.`, `7:`, `#7`, then the rest."""
_LEAD = " \t-–—:;,"
"""What may stand between the word and the comment (`7 klar - Montern bemannad`)."""


class AnswerLine(NamedTuple):
    """A line read: the activity, a status or an assessment (one of them), the comment."""

    number: int
    text: str
    activity_id: str
    status: Status | None
    assessment: Assessment | None
    comment: str
    said: str
    """The status or assessment as written (klar, enligt plan)."""


class UnreadLine(NamedTuple):
    """A line not read, and why."""

    number: int
    text: str
    reason: Message


def read_lines(text: str) -> list[AnswerLine | UnreadLine]:
    """Every non-empty line of a reply's new text, read or not (numbered from 1 among the
    lines of the text as given)."""
    found: list[AnswerLine | UnreadLine] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = " ".join(raw.split())
        if line:
            found.append(read_line(number, line))
    return found


def read_line(number: int, line: str) -> AnswerLine | UnreadLine:
    """One line, read or not."""
    matched = _ID.match(line)
    if matched is None:
        return UnreadLine(
            number,
            line,
            Message(
                "it does not begin with an activity id; write the id, a status or an assessment, "
                "then a comment (7 done Staffed both days)"
            ),
        )
    activity_id, rest = matched.group(1).lstrip("0") or "0", matched.group(2)
    words = rest.split()
    for count in range(min(MOST_WORDS, len(words)), 0, -1):
        said = " ".join(words[:count]).rstrip(_LEAD + ".!")
        status = read_word(said, Status, SWEDISH_STATUS_WORDS)
        assessment = None if status else read_word(said, Assessment, SWEDISH_ASSESSMENT_WORDS)
        if status or assessment:
            comment = " ".join(words[count:]).lstrip(_LEAD).strip()
            return AnswerLine(number, line, activity_id, status, assessment, comment, said)
    return UnreadLine(
        number,
        line,
        Message(
            "'{word}' after the id is no status ({statuses}) and no assessment ({assessments})",
            word=words[0] if words else "-",
            statuses=_words(Status, SWEDISH_STATUS_WORDS),
            assessments=_words(Assessment, SWEDISH_ASSESSMENT_WORDS),
        ),
    )


def _words(kind: type[Status] | type[Assessment], swedish: dict[str, str]) -> str:
    """Each member's first Swedish word and its English one: klar/done, pågår/in progress."""
    first = {value: word for word, value in reversed(swedish.items())}
    return ", ".join(f"{first[m.value]}/{m.value.replace('-', ' ')}" for m in kind)
