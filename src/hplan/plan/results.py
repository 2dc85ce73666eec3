"""What the layers above hand to `render/`: the results of a change, of a delivery and of an
import's review, kept here, below every layer that makes or shows them, so that no module
imports upward to name one (tests/test_structure.py reads type-only imports too)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hplan.errors import Message
from hplan.plan.model import Activity


@dataclass(frozen=True)
class Update:
    """What a change did to one activity: the activity before and after, whether the file was
    written, the file, and its version now."""

    before: Activity
    after: Activity
    written: bool
    path: Path
    version: str


@dataclass(frozen=True)
class Outcome:
    """What happened to one message."""

    address: str
    message_id: str
    state: str
    """sent, skipped (sent before), unknown (tried before, outcome unknown) or missed."""
    reason: Message | None = None


@dataclass(frozen=True, slots=True)
class Review:
    """A place a person should check: the record (section and id or name), the key the
    comment stands above, and why."""

    section: str
    ident: str
    key: str
    message: Message
