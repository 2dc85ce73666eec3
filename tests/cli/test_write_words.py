"""What a write says at a terminal: its confirmation wrapped between words, never inside one."""

from __future__ import annotations

import pytest

from ..conftest import Run


def test_a_confirmation_wraps_between_words_at_80_columns(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hplan.cli.output
    import hplan.render

    monkeypatch.setattr(hplan.cli.output, "is_terminal", lambda: True)
    monkeypatch.setattr(hplan.render, "terminal_width", lambda: 80)
    done = run("status", "7", "pågår", "--as-of", "2025-06-04", "--lang", "sv")
    assert done.code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) >= 2 and all(len(line) <= 79 or " " not in line.strip() for line in lines)
    assert "Outdoor-mässan" in done.stdout  # whole, never "Outdo" and "or-mässan"
    monkeypatch.undo()  # a pipe: one whole line, as a program reads it
    whole = run("status", "7", "klar", "--as-of", "2025-06-06", "--lang", "sv")
    assert whole.stdout.count("\n") == 1 and "Outdoor-mässan" in whole.stdout
