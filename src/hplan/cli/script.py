"""The installed `hplan` script: the command (`main`), then the process ends at once."""

from __future__ import annotations

import sys

from hplan.cli.app import main


def script() -> None:
    """Run the command; end the process as soon as its exit code is known (`leave`)."""
    try:
        main()
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            leave(done.code or 0)
        raise
    leave(0)


def leave(code: int) -> None:
    """End the process now, its output flushed, when nothing waits for the exit: no atexit
    callback registered and no other thread. Python would first free every object one by one
    (a 10,000-activity plan's, the modules'): 20 ms of a status write there, which the
    operating system does at once. Otherwise this returns and Python exits as usual."""
    import atexit
    import os

    callbacks = getattr(atexit, "_ncallbacks", None)  # CPython's; elsewhere: the usual exit
    threading = sys.modules.get("threading")
    if callbacks is None or callbacks() or (threading and threading.active_count() > 1):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return  # a closed pipe: the usual exit says so as it always has
    os._exit(code)
