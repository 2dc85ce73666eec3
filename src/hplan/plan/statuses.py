"""An activity's status: the canonical words hplan writes, and the Swedish words it reads."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from hplan.errors import Message, WordedError
from hplan.plan.words import read_word, validator, word_key, word_schema

SWEDISH_STATUS_WORDS = {
    "ej påbörjad": "not-started",
    "ej påbörjat": "not-started",
    "påbörjad": "in-progress",
    "påbörjat": "in-progress",
    "pågår": "in-progress",
    "genomförd": "done",
    "genomfört": "done",
    "klar": "done",
    "klart": "done",
    "blockerad": "blocked",
    "blockerat": "blocked",
    "avbruten": "cancelled",
    "avbrutet": "cancelled",
    "inställd": "cancelled",
    "inställt": "cancelled",
}
"""The follow-up's Swedish words, each with the canonical status it means."""


class StatusError(WordedError, ValueError):
    """The text is not a status hplan knows."""


class Status(StrEnum):
    """Where an activity stands. Written to the file in this canonical form."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    BLOCKED = "blocked"
    CANCELLED = "cancelled"

    @property
    def closed(self) -> bool:
        """Done or cancelled: never overdue, not open."""
        return self is Status.DONE or self is Status.CANCELLED

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        return word_schema(_VALIDATE)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "type": "string",
            "enum": [s.value for s in Status] + list(SWEDISH_STATUS_WORDS),
            "description": "not-started, in-progress, done, blocked or cancelled; the Swedish "
            "follow-up words are accepted too (hplan writes the canonical form).",
        }


_OPEN = frozenset(s for s in Status if not s.closed)
_CLOSED = frozenset(s for s in Status if s.closed)
STATUS_GROUPS = {"open": _OPEN, "öppna": _OPEN, "closed": _CLOSED, "avslutade": _CLOSED}
"""Words a filter takes for several statuses at once: work still open, or closed (done or
cancelled, as `Status.closed` says)."""


def parse_statuses(text: str) -> frozenset[Status]:
    """A status, or a group of them (`open`, `closed`, `öppna`, `avslutade`), as a filter
    reads it."""
    return STATUS_GROUPS.get(word_key(text)) or frozenset({parse_status(text)})


def parse_status(text: str) -> Status:
    """Read a status in canonical form or one of the Swedish follow-up words."""
    found = read_word(text, Status, SWEDISH_STATUS_WORDS)
    if found is not None:
        return found
    canonical = ", ".join(s.value for s in Status)
    swedish = ", ".join(SWEDISH_STATUS_WORDS)
    raise StatusError(
        Message(
            "unknown status '{text}'; use one of {canonical} (or {swedish})",
            text=text,
            canonical=canonical,
            swedish=swedish,
        )
    )


_VALIDATE = validator(
    Status, parse_status, Message("a status is a word such as not-started or done"), "status"
)
