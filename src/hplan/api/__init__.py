"""hplan as a library: the one front door that the command line, a web page, a mail job and
a Python program all use. docs/api.md shows it in ten lines.

    from hplan.api import Session

    session = Session("plan2025.yaml", as_of="2025-07-01")
    late = session.overdue(owners=["linda"])
    session.set_status("7", "done", note="Mässan hölls", version=session.version)
"""

from typing import TYPE_CHECKING, Any

from hplan.api.files import (
    activity_line,
    create_file,
    edited_bytes,
    read_plan_file,
    repository_top,
    revision_day,
    write_file,
)
from hplan.api.session import Session, Snapshot, user_language
from hplan.errors import (
    ERROR_KINDS,
    HplanError,
    LockTimeout,
    NotFound,
    PlanChanged,
    PlanInvalid,
    PlanNotFound,
    UsageError,
    WriteRefused,
)

if TYPE_CHECKING:
    from hplan.plan.results import Update
    from hplan.queries.filters import UPCOMING_DAYS, Filter, GroupBy, SortKey, outside_the_year

_LATER = {
    "Update": "hplan.plan.results",
    "UPCOMING_DAYS": "hplan.queries.filters",
    "Filter": "hplan.queries.filters",
    "GroupBy": "hplan.queries.filters",
    "SortKey": "hplan.queries.filters",
    "outside_the_year": "hplan.queries.filters",
}
"""Names imported when first asked for: a command that only writes a status needs none."""


def __getattr__(name: str) -> Any:
    if name in _LATER:
        import importlib

        return getattr(importlib.import_module(_LATER[name]), name)
    raise AttributeError(f"module 'hplan.api' has no attribute {name!r}")


__all__ = [
    "ERROR_KINDS",
    "UPCOMING_DAYS",
    "Filter",
    "GroupBy",
    "HplanError",
    "LockTimeout",
    "NotFound",
    "PlanChanged",
    "PlanInvalid",
    "PlanNotFound",
    "Session",
    "Snapshot",
    "SortKey",
    "Update",
    "UsageError",
    "WriteRefused",
    "activity_line",
    "create_file",
    "edited_bytes",
    "outside_the_year",
    "read_plan_file",
    "repository_top",
    "revision_day",
    "user_language",
    "write_file",
]
