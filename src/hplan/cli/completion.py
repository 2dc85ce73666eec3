"""Shell completion from the plan in use: activity ids (with titles), owners, goals, statuses.

Typer calls these while the user presses Tab; any problem (no plan, an invalid one) simply
completes nothing. No `from __future__ import annotations` here: Typer reads the parameter
types of these functions to know what to pass.
"""

import os
import re

import typer


def _plan(ctx: typer.Context):  # type: ignore[no-untyped-def]
    from hplan.api import Session

    root = ctx.find_root().params
    try:
        return Session(root.get("plan"), as_of=root.get("as_of"), settle=0).plan
    except Exception:  # completing must never fail loudly
        return None


def complete_activity(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Activity ids starting with what is typed, each with its title. After the first id of
    `hplan status` (which takes several), the status words too: the shell cannot tell which
    argument a word will be."""
    plan = _plan(ctx)
    ids = [] if plan is None else [
        (a.id, _help(a.title)) for a in plan.activities if a.id.startswith(incomplete)
    ]  # fmt: skip
    params = ctx.params  # Click puts the first id in `status` while the rest are typed
    if ctx.command.name == "status" and (params.get("activity_ids") or params.get("status")):
        ids += [(word, "") for word in complete_status(incomplete)]
    return ids


UNSAFE = re.compile(r"[\\\[\]]")
"""What never reaches a shell's completion from a plan: a backslash (zsh's `_arguments`
reads `\"` in Typer's list as the end of a value, and what follows as code) and brackets
(rich markup, which Typer renders help text with, and a crash on `[/]`)."""


def _help(text: str) -> str:
    """Plan text as a completion's description: without what a shell could obey, and short
    (Typer's completion scripts wrap longer help text across lines)."""
    text = " ".join(UNSAFE.sub(" ", text).split())
    return text if len(text) <= 60 else text[:59].rstrip() + "…"


def _completable(value: str) -> bool:
    """A value a shell can be handed as it is (an owner named with a backslash or a bracket
    is typed, never completed)."""
    return UNSAFE.search(value) is None


def complete_owner(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Owner names starting with what is typed (Typer keeps those that match its case)."""
    plan = _plan(ctx)
    if plan is None:
        return []
    return [
        (_for_the_shell(o.name, incomplete), o.kind.value)
        for o in plan.owners
        if o.name.startswith(incomplete) and _completable(o.name)
    ]


SPECIAL = re.compile(r"""([\s'"\\$`!*?&;|<>(){}\[\]#~])""")
"""What bash would read as more than a letter of a word."""


def _for_the_shell(value: str, typed: str) -> str:
    """A completed value as the shell must get it. bash inserts completions as they are, so
    the untyped rest of a name is escaped for it (`Lin` becomes `Linda\\ Beigler`); Typer keeps
    only values that start with what was typed, so that part stays as typed. zsh and fish
    quote by themselves."""
    if os.environ.get("_HPLAN_COMPLETE") != "complete_bash" or SPECIAL.search(typed):
        return value
    return typed + SPECIAL.sub(r"\\\1", value[len(typed) :])


def complete_goal(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Goal ids starting with what is typed, each with its title."""
    plan = _plan(ctx)
    if plan is None:
        return []
    return [(g.id, _help(g.title)) for g in plan.goals if g.id.startswith(incomplete)]


def complete_status(incomplete: str) -> list[str]:
    """Statuses, canonical and Swedish, starting with what is typed."""
    from hplan.plan.statuses import SWEDISH_STATUS_WORDS, Status

    words = [s.value for s in Status] + list(SWEDISH_STATUS_WORDS)
    return [w for w in words if w.startswith(incomplete.casefold())]


def install_completion(ctx: typer.Context, param: typer.CallbackParam, value: object) -> object:
    """`--install-completion`: Typer's install, said in the plan's language (Typer says it
    in English only)."""
    if not value or ctx.resilient_parsing:
        return value
    from typer._completion_shared import install

    from hplan.cli.help_text import help_language
    from hplan.errors import Message
    from hplan.render.i18n import say

    shell, path = install(shell=value if isinstance(value, str) else None)
    said = Message(
        "{shell} completion is installed in {path}; it works in terminals opened from now on",
        shell=shell,
        path=path,
    )
    typer.echo(say(said, help_language(ctx)))
    raise typer.Exit(0)
