"""`hplan ci`: the CI file for the plan's repository, installing the hplan that wrote it, and
the files that hold addresses kept out of git (.gitignore)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hplan.errors import Message, UsageError, WriteRefused

if TYPE_CHECKING:
    from hplan.api.session import Session
    from hplan.render.ci import Platform

UNSAFE = re.compile(r"[\"'\\$`\r\n]")
"""Characters a value may not hold to stand in a quoted YAML string and a shell command."""

UNSAFE_FOLDER = re.compile(r"[\x00-\x1f\x7f$`\\]|\$\{\{")
"""What the plan's folder may not hold: GitHub reads `${{` as an expression in any string,
GitLab expands `$` in a cache path; the rest is quoted where it is written."""


@dataclass(frozen=True)
class CiWritten:
    """What `hplan ci` wrote: the CI file, what it installs, and .gitignore when lines were
    added to it."""

    path: Path
    install: str
    gitignore: Path | None


def write_ci(
    session: Session,
    platform: Platform,
    install: str | None = None,
    python: str = "3.12",
    force: bool = False,
) -> CiWritten:
    """Write the CI file for `platform` at the top of the plan's repository. `install`: what
    CI installs, else this hplan from where it came (refused in words when that cannot be
    known). Every check is made before either file is written."""
    from hplan.api.files import create_file, repository_top, write_file
    from hplan.mail.sent import SENT_LOG_NAME
    from hplan.origin import requirement
    from hplan.render.ci import TARGETS, ci_file
    from hplan.store.atomic import write_atomic
    from hplan.store.contacts import CONTACTS_NAME
    from hplan.store.exposure import ignore_lines

    plan = session.path.resolve()
    install = install if install is not None else requirement(plan.parent)
    for field, value in (("install", install), ("python", python)):
        if not value.strip() or UNSAFE.search(value):
            raise UsageError(
                field, Message("'{value}' cannot stand in the CI file as it is", value=value)
            )
    repository = repository_top(plan)
    top = repository or plan.parent
    folder = plan.parent.relative_to(top).as_posix()
    if UNSAFE_FOLDER.search(folder):
        raise UsageError("plan", Message(
            "the plan's folder '{folder}' holds a character a CI file cannot carry ($, `, \\ "
            "or a control character); move the plan to a folder named without it",
            folder=folder))  # fmt: skip
    target = top / TARGETS[platform]
    text = ci_file(platform, install, python, SENT_LOG_NAME, folder).encode("utf-8")
    if not force and (target.exists() or target.is_symlink()):
        raise WriteRefused(Message(
            "{path} exists already; nothing was written. Give --force to replace it with "
            "what hplan writes now", path=target))  # fmt: skip
    private = [plan.parent / SENT_LOG_NAME, plan.parent / CONTACTS_NAME]
    ignored = ignore_lines(repository, private) if repository is not None else None
    target.parent.mkdir(parents=True, exist_ok=True)
    if ignored is not None:
        write_atomic(top / ".gitignore", ignored)
    (write_file if force else create_file)(target, text)
    return CiWritten(target, install, top / ".gitignore" if ignored is not None else None)
