"""docs/api.md's examples run as written, on a copy of the plan, and print what it shows."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from ..conftest import REPO

PAGE = REPO / "docs" / "api.md"
EXAMPLE = re.compile(r"```python\n(.*?)```\n.*?```text\n(.*?)```", re.S)


def examples() -> list[tuple[str, str]]:
    return [(m[1], m[2]) for m in EXAMPLE.finditer(PAGE.read_text(encoding="utf-8"))]


def test_the_page_has_examples() -> None:
    assert len(examples()) >= 3


@pytest.mark.parametrize(("code", "printed"), examples())
def test_each_example_prints_what_the_page_says(
    code: str, printed: str, plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(plan_file.parent)
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(code, str(PAGE), "exec"), {})
    assert output.getvalue() == printed
