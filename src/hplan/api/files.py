"""Files a front door writes or checks besides the plan: exports, new files, other plans."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hplan.plan.model import Plan


def create_file(path: Path, data: bytes) -> None:
    """Write a new file whole or not at all; never over one that exists."""
    from hplan.store.atomic import write_new

    write_new(path, data)


def repository_top(path: Path) -> Path | None:
    """The top of the git repository a file is in, or None."""
    from hplan.store.history import repository_top as top

    return top(path)


def read_plan_file(path: Path) -> Plan:
    """The plan in any file (validated, through the cache): `hplan validate FILE`."""
    from hplan.store.reading import read_plan

    return read_plan(path)


def write_file(path: Path, data: bytes, plan: Path | None = None, force: bool = False) -> None:
    """Write an export (a report, a calendar, a schema) whole or not at all, never through a
    link, never over a plan, a special file or (without `force`) a file hplan did not make;
    `plan`: the plan in use."""
    from hplan.store.atomic import check_export_target, write_atomic

    check_export_target(path, plan, force)
    write_atomic(path, data, follow=False)
