"""`hplan ci`: the CI file that checks every push, publishes the report and sends the digest."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated

import typer

from hplan.cli.output import command_app
from hplan.render.ci import DEFAULT_INSTALL, Platform

if TYPE_CHECKING:
    from hplan.api.session import Session

app = command_app()

UNSAFE = re.compile(r"[\"'\\$`\r\n]")
"""Characters a value may not hold to stand in a quoted YAML string and a shell command."""


@app.command()
def ci(
    ctx: typer.Context,
    platform: Annotated[
        Platform,
        typer.Argument(
            metavar="PLATFORM", help="github or gitlab: where the plan's repository is."
        ),
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Write over a CI file that exists.")
    ] = False,
    install: Annotated[
        str,
        typer.Option(
            metavar="SPEC",
            help=f"What pip installs in CI (default: {DEFAULT_INSTALL}; a git URL works).",
        ),
    ] = DEFAULT_INSTALL,
    python: Annotated[
        str, typer.Option(metavar="VERSION", help="The Python CI runs hplan with.")
    ] = "3.12",
) -> int:
    """Write the CI file: validate every push; each Monday publish the report and send the
    digest (.github/workflows/hplan.yml or .gitlab-ci.yml at the repository's top).

    \b
    Examples:
      hplan ci github
      hplan ci gitlab --install 'hplan @ git+https://git.example/hplan@v0.1.0'
    """
    from hplan.api import create_file, repository_top, write_file
    from hplan.api.digest import SENT_LOG_NAME
    from hplan.errors import Message, UsageError, WriteRefused
    from hplan.render.ci import TARGETS, ci_file
    from hplan.render.messages import wrote

    session: Session = ctx.obj
    for field, value in (("install", install), ("python", python)):
        if not value.strip() or UNSAFE.search(value):
            raise UsageError(
                field, Message("'{value}' cannot stand in the CI file as it is", value=value)
            )
    plan = session.path.resolve()
    top = repository_top(plan) or plan.parent
    folder = plan.parent.relative_to(top).as_posix()
    target = top / TARGETS[platform]
    text = ci_file(platform, install, python, SENT_LOG_NAME, folder).encode("utf-8")
    if not force and (target.exists() or target.is_symlink()):
        raise WriteRefused(Message(
            "{path} exists already; nothing was written. Give --force to replace it with "
            "what hplan writes now", path=target))  # fmt: skip
    target.parent.mkdir(parents=True, exist_ok=True)
    (write_file if force else create_file)(target, text)
    typer.echo(wrote(target, session.language), err=True)
    return 0
