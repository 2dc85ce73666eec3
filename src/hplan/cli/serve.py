"""`hplan serve`: the plan in a browser (hplan.web), over the same file and the same writes."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Annotated

import typer

from hplan.cli.output import command_app

if TYPE_CHECKING:
    from hplan.api.session import Session

app = command_app()

LOOPBACK = "127.0.0.1"


@app.command()
def serve(
    ctx: typer.Context,
    port: Annotated[
        int,
        typer.Option(
            min=0,
            max=65535,
            metavar="N",
            show_default=False,
            help="The port (default: a free one).",
        ),
    ] = 0,
    host: Annotated[
        str,
        typer.Option(
            metavar="ADDRESS",
            help="The address to listen on. Any but loopback is read-only unless --allow-edit.",
        ),
    ] = LOOPBACK,
    browser: Annotated[
        bool, typer.Option("--browser/--no-browser", help="Open the page in the browser.")
    ] = True,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Show the plan; change nothing.")
    ] = False,
    allow_edit: Annotated[
        bool,
        typer.Option("--allow-edit", help="Allow changes on an address other than loopback."),
    ] = False,
    commit: Annotated[
        bool,
        typer.Option("--commit", help="Make each change from the browser one git commit."),
    ] = False,
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

    from hplan.errors import HplanError, Message, UsageError
    from hplan.render.i18n import say
    from hplan.web.app import Settings
    from hplan.web.guard import Guard
    from hplan.web.server import bind
    from hplan.web.server import serve as run

    gc.enable()  # a server lives long: collect cycles (main() turns it off for commands)
    session: Session = ctx.obj
    session.read()  # a plan that cannot be found is said here; an invalid one is shown
    host = LOOPBACK if host == "localhost" else host
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise UsageError(
            "host", Message("give an IP address to listen on, such as 127.0.0.1")
        ) from None
    if address.is_unspecified:  # the Host check needs the one name people will use
        raise UsageError(
            "host",
            Message(
                "{host} listens on every address; give the one people will open, such as "
                "this machine's address on the local network",
                host=host,
            ),
        )
    loopback = address.is_loopback
    edits = not read_only and (loopback or allow_edit)
    try:
        listener = bind(host, port)
    except OSError as error:
        raise HplanError(
            Message("cannot listen on {host}:{port}: {why}", host=host, port=port,
                    why=error.strerror)
        ) from None  # fmt: skip
    bound = listener.getsockname()[1]
    settings = Settings(
        plan=session.path,
        guard=Guard.for_address(host, bound),
        as_of=ctx.find_root().params.get("as_of"),
        language=ctx.find_root().params.get("lang"),
        read_only=not edits,
        commit=commit,
    )
    lang = session.language
    if not edits and not read_only:
        typer.echo(say(Message("{host} is not loopback: read-only (--allow-edit to allow "
                               "changes)", host=host), lang), err=True)  # fmt: skip
    typer.echo(say(Message("Serving {plan}; stop with Ctrl-C.", plan=session.path), lang), err=True)
    run(settings, listener, open_browser=browser, say=lambda address: typer.echo(address))
    return 0
