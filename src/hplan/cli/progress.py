"""Progress on standard error for long work (issue 35): importing a PDF by page, history by
version, the digest by person, a report's PDF by stage. At a terminal only, never in a pipe
or a file, never with --format json; and only once the work has taken a second, so that
quick work never flickers. rich's progress bar, cleared when the work ends."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from hplan.cli.output import stderr_is_terminal
from hplan.errors import Message
from hplan.plan.results import Advance

AFTER_SECONDS = 1.0
"""Work shorter than this shows no progress at all."""


def saying(
    words: Message, language: str, wanted: bool = True
) -> AbstractContextManager[Advance | None]:
    """`shown` with its label said in `language`."""
    from hplan.render.i18n import say

    return shown(say(words, language), wanted)


@contextmanager
def shown(label: str, wanted: bool = True) -> Iterator[Advance | None]:
    """`with shown("Läser sidor") as advance:` pass `advance` to the work; None when no
    progress is to be shown (not `wanted`, or standard error is no terminal)."""
    if not (wanted and stderr_is_terminal()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    if not console.is_terminal:  # rich's own view of it: a bar only where it can be redrawn
        yield None
        return
    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console,
        transient=True,
    )  # fmt: skip
    task = bar.add_task(label, total=None)
    began, started = time.monotonic(), False

    def advance(done: int, total: int | None) -> None:
        nonlocal started
        if not started and time.monotonic() - began >= AFTER_SECONDS:
            bar.start()
            started = True
        bar.update(task, completed=done, total=total)

    try:
        yield advance
    finally:
        if started:
            bar.stop()
