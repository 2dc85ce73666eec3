"""`hplan serve`: the plan in a browser (hplan.web), over the same file and the same writes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from hplan.cli.output import command_app
from hplan.web.guard import LOOPBACK

if TYPE_CHECKING:
    from hplan.api.session import Session

app = command_app()


PortOpt = Annotated[
    int,
    typer.Option(
        min=0, max=65535, metavar="N", show_default=False, help="The port (default: a free one)."
    ),
]
HostOpt = Annotated[
    str,
    typer.Option(
        metavar="ADDRESS",
        help="The address to listen on. Any but loopback is read-only unless --allow-edit.",
    ),
]
BrowserOpt = Annotated[
    bool, typer.Option("--browser/--no-browser", help="Open the page in the browser.")
]
ReadOnlyOpt = Annotated[bool, typer.Option("--read-only", help="Show the plan; change nothing.")]
AllowEditOpt = Annotated[
    bool, typer.Option("--allow-edit", help="Allow changes on an address other than loopback.")
]
CommitOpt = Annotated[
    bool, typer.Option("--commit", help="Make each change from the browser one git commit.")
]


@app.command()
def serve(
    ctx: typer.Context,
    port: PortOpt = 0,
    host: HostOpt = LOOPBACK,
    browser: BrowserOpt = True,
    read_only: ReadOnlyOpt = False,
    allow_edit: AllowEditOpt = False,
    commit: CommitOpt = False,
) -> int:
    """Open the plan in the browser: look, filter, and mark status or add a note.

    A local web page over the same file: a change made there is the same minimal, atomic,
    locked edit as `hplan status`, refused when the file changed since the page was drawn.
    The address printed carries a one-time token; Ctrl-C stops the server.

    \b
    Examples:
      hplan serve
      hplan serve --port 8765 --no-browser
      hplan serve --read-only
      hplan serve --commit
    """
    import gc

    from hplan.origin import needs

    needs("web", ("flask", "waitress"), "hplan serve")
    from hplan.errors import Message
    from hplan.render.i18n import say
    from hplan.web.app import Settings
    from hplan.web.guard import Guard
    from hplan.web.server import listen
    from hplan.web.server import serve as run

    gc.enable()  # a server lives long: collect cycles (main() turns it off for commands)
    session: Session = ctx.obj
    session.read()  # a plan that cannot be found is said here; an invalid one is shown
    listener, loopback = listen(host, port)
    edits = not read_only and (loopback or allow_edit)
    root = ctx.find_root().params
    guard = Guard.for_address(listener.getsockname()[0], listener.getsockname()[1])
    settings = Settings(
        plan=session.path, guard=guard, as_of=root.get("as_of"), language=root.get("lang"),
        read_only=not edits, commit=commit,
    )  # fmt: skip
    lang = session.language
    if not edits and not read_only:
        typer.echo(say(Message("{host} is not loopback: read-only (--allow-edit to allow "
                               "changes)", host=host), lang), err=True)  # fmt: skip
    typer.echo(say(Message("Serving {plan}; stop with Ctrl-C.", plan=session.path), lang), err=True)
    run(settings, listener, open_browser=browser, say=lambda address: typer.echo(address))
    return 0
