"""What `report -o FILE.pdf` says when it cannot write a PDF: hplan's prefix once."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pytest

from ..conftest import Run


def test_a_missing_weasyprint_is_said_once_with_hplans_prefix(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = builtins.__import__

    def without_weasyprint(name: str, *args: Any, **kw: Any) -> Any:
        if name == "weasyprint":
            raise ImportError("No module named 'weasyprint'")
        return real(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", without_weasyprint)
    done = run("report", "-o", str(tmp_path / "r.pdf"), "--as-of", "2025-07-01")
    assert done.code == 2  # an extra missing (ExtraMissing)
    assert done.stderr.startswith("hplan: ") and "hplan: hplan:" not in done.stderr
    assert "WeasyPrint" in done.stderr and not (tmp_path / "r.pdf").exists()
