"""What the layers above hand to `render/`: the results of a change, of a delivery and of an
import's review, kept here, below every layer that makes or shows them, so that no module
imports upward to name one (tests/test_structure.py reads type-only imports too). Named
tuples: a write loads this module, and they cost a tenth of a dataclass to define."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from hplan.errors import Message
from hplan.plan.model import Activity


class Update(NamedTuple):
    """What a change did to one activity: the activity before and after, whether the file was
    written, the file, and its version now."""

    before: Activity
    after: Activity
    written: bool
    path: Path
    version: str


class Outcome(NamedTuple):
    """What happened to one message."""

    address: str
    message_id: str
    state: str
    """sent, skipped (sent before), unknown (tried before, outcome unknown), unconfirmed (its
    data went out whole and the server did not confirm it: it may have gone) or missed."""
    reason: Message | None = None
    name: str = ""
    """Whose it is, as the message's To names them: what a log shows in place of the address."""


class Review(NamedTuple):
    """A place a person should check: the record (section and id or name), the key the
    comment stands above, and why."""

    section: str
    ident: str
    key: str
    message: Message


Advance = Callable[[int, "int | None"], None]
"""Told how far long work has come (issue 35): how many done, out of how many (None: not
known). A front door shows it as progress; the work never waits on it."""
