"""`hplan ci`: the CI file that checks every push, publishes the report and sends the digest."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from hplan.cli.output import command_app
from hplan.render.ci import Platform

if TYPE_CHECKING:
    from hplan.api.session import Session

app = command_app()


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
        str | None,
        typer.Option(
            metavar="SPEC",
            help="What pip installs in CI: a git URL with a tag or commit, a wheel's URL, or "
            "a wheel in the plan's repository (default: this hplan, from where it came).",
        ),
    ] = None,
    python: Annotated[
        str, typer.Option(metavar="VERSION", help="The Python CI runs hplan with.")
    ] = "3.12",
) -> int:
    """Write the CI file: validate every push; each Monday publish the report and send the
    digest (.github/workflows/hplan.yml or .gitlab-ci.yml at the repository's top).

    \b
    Examples:
      hplan ci github
      hplan ci gitlab --install 'hplan @ git+https://git.example/hplan@v0.2.0'
      hplan ci github --install ./.hplan/hplan-0.2.0-py3-none-any.whl
    """
    from hplan.api.ci import write_ci
    from hplan.errors import Message
    from hplan.render.i18n import say
    from hplan.render.messages import wrote

    session: Session = ctx.obj
    done = write_ci(session, platform, install, python, force)
    typer.echo(wrote(done.path, session.language), err=True)
    typer.echo(say(Message("CI installs: {install}", install=done.install), session.language),
               err=True)  # fmt: skip
    if done.gitignore is not None:
        said = Message("{path}: the sent log and the contacts file are now ignored by git",
                       path=done.gitignore)  # fmt: skip
        typer.echo(say(said, session.language), err=True)
    return 0
