"""The cyclic garbage collector is off for a command's short life and on for `hplan serve`
(issue 16: about a fifth of a command's CPU time; benchmarks/RESULTS.md)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hplan.cli import main

from ..conftest import Run


@pytest.fixture
def collector() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


@pytest.mark.usefixtures("collector")
def test_a_command_runs_without_the_collector(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["hplan", "overdue", "--plan", str(plan_file)])
    with pytest.raises(SystemExit) as ended:
        main()
    assert ended.value.code == 0 and "Linda Beigler" in capsys.readouterr().out
    assert not gc.isenabled() and gc.get_freeze_count() > 0  # nothing walked at exit


@pytest.mark.usefixtures("collector")
def test_the_server_collects(run: Run, plan_file: Path) -> None:
    gc.disable()  # as main() leaves it
    run("serve", "--no-browser", "--host", "0.0.0.0")  # refused after the switch, not served
    assert gc.isenabled()
