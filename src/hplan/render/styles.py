"""Each status's colour, declared once: for the terminal (tables, timeline) and for the report.

Terminal colours are rich styles that read on light and dark backgrounds alike (not started
is the terminal's own text colour; in progress is blue, as cyan and yellow are faint on a
white background); report colours are for a white page and for print.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from hplan.plan.assessments import Assessment
from hplan.plan.model import LANGUAGES
from hplan.plan.statuses import Status
from hplan.render.i18n import status_word


@dataclass(frozen=True)
class StatusStyle:
    terminal: str
    page: str


STATUS_STYLES = {
    Status.NOT_STARTED: StatusStyle(terminal="", page="#7b8794"),
    Status.IN_PROGRESS: StatusStyle(terminal="blue", page="#2b7bb9"),
    Status.DONE: StatusStyle(terminal="green", page="#2e8540"),
    Status.BLOCKED: StatusStyle(terminal="magenta", page="#c05621"),
    Status.CANCELLED: StatusStyle(terminal="bright_black", page="#b8c0c8"),
}

ASSESSMENT_PAGE = {
    Assessment.ON_TRACK: "#2e8540",
    Assessment.AT_RISK: "#b7791f",
    Assessment.OFF_TRACK: "#c53030",
}
"""An assessment's colour on a page (always beside its word: a printed page may be grey)."""

TERMINAL = {status: style.terminal for status, style in STATUS_STYLES.items()}
"""A status's rich style."""

PAGE = {status: style.page for status, style in STATUS_STYLES.items()}
"""A status's colour on a page."""


@cache
def by_word() -> dict[str, str]:
    """A status cell's rich style, whichever language (or the canonical form) words it."""
    return {
        status_word(status, language): TERMINAL[status]
        for language in LANGUAGES
        for status in Status
    } | {status.value: TERMINAL[status] for status in Status}
