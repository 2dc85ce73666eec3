"""The installed script ends the process once the command's output is flushed, without
freeing every object first (issue 16: 20 ms of a 10,000-activity status write), unless
something waits for the exit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

WATCHED = """
import os

def ended(code, end=os._exit):
    sys.stdout.write(f"ended at once with {code}\\n")
    sys.stdout.flush()
    end(code)

os._exit = ended
"""
"""The process's end watched: says so when it ends without Python's teardown."""


def run_script(setup: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`hplan ARGS` as the installed script runs it, in a fresh interpreter, after `setup`."""
    code = "\n".join(
        [
            "import atexit, sys",
            "atexit._clear()  # the interpreter's own, if any: a site .pth may register one",
            setup,
            f"sys.argv = ['hplan', *{list(args)!r}]",
            "from hplan.cli import script",
            "script()",
        ]
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )


def test_the_script_ends_at_once_with_all_its_output_and_its_code(plan_file: Path) -> None:
    # From the cache, as commands mostly read: a parse imports pydantic, and with it logging,
    # whose exit callback makes the exit the usual one.
    assert run_script("", "validate", "--plan", str(plan_file)).returncode == 0
    listed = run_script(WATCHED, "list", "--format", "json", "--plan", str(plan_file))
    assert listed.returncode == 0
    output, _, end = listed.stdout.rpartition("]\n")
    assert len(json.loads(output + "]")) == 19  # every byte of the output, flushed first
    assert end == "ended at once with 0\n"
    missing = run_script(WATCHED, "show", "999", "--plan", str(plan_file))
    assert missing.returncode == 4 and "999" in missing.stderr
    assert missing.stdout == "ended at once with 4\n"


def test_a_callback_waiting_for_the_exit_still_runs(plan_file: Path) -> None:
    ran = run_script(WATCHED + "atexit.register(print, 'callback ran')", "--version")
    assert ran.returncode == 0
    assert ran.stdout.startswith("hplan ") and ran.stdout.endswith("callback ran\n")


def test_a_thread_still_running_is_waited_for(plan_file: Path) -> None:
    setup = (
        "import threading, time\n"
        "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done'))).start()"
    )
    waited = run_script(WATCHED + setup, "--version")
    assert waited.returncode == 0 and waited.stdout.endswith("thread done\n")
