"""`hplan report -o FILE.pdf` (issue 18): the report's own HTML and print CSS laid out on A4 by
WeasyPrint, with the title and day at the top of each page and "page / pages" at the bottom;
what is missing to make one is named, and nothing is written then."""

from __future__ import annotations

import builtins
import re
import sys
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from ..conftest import Run


def pages_of(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_a_pdf_report_is_the_printed_report_with_headers_and_page_numbers(
    run: Run, tmp_path: Path, plan_file: Path
) -> None:
    target = tmp_path / "uppfoljning.pdf"
    result = run("report", "-o", str(target), "--as-of", "2025-09-01")
    assert result.code == 0, result.stderr
    assert result.stderr == f"Wrote {target}\n"
    assert target.read_bytes().startswith(b"%PDF-")
    pages = pages_of(target)
    assert len(pages) >= 3
    assert "Summary" in pages[0] and "Timeline" in pages[0]
    assert "Overdue activities" in pages[0] + pages[1]
    for number, text in enumerate(pages, start=1):
        assert text.splitlines()[0].startswith("Hälsingerådets handlingsplan 2025")
        assert "As of 1 September 2025" in text.splitlines()[0]
        assert text.splitlines()[-1].strip() == f"{number} / {len(pages)}"
    whole = "\n".join(pages)
    assert "The whole activity list" in whole and "19. Migrera" in whole
    # Issue 33: a heading never stands at a page's foot, away from what it heads.
    headings = ("Summary", "Since the last meeting", "Timeline", "Overdue activities", "By goal",
                "By owner", "The whole activity list", "Due in the next")  # fmt: skip
    for text in pages:
        last = [line for line in text.splitlines() if line.strip()][-2]  # above "n / m"
        assert not last.startswith(headings), last
        # A goal heading: its id has a dot (4.1, 4.2.1), an activity row's (18) has none.
        assert not re.fullmatch(r"\d+(\.\d+)+ \S.*", last) or "%" in last, last
    # A table of five rows or fewer is never split: the overdue list on its heading's page.
    from hplan.api import Session

    late = [r.activity.title[:30] for r in Session(plan_file, as_of="2025-09-01").overdue()]
    page = next(text for text in pages if "Overdue activities" in text)
    if len(late) <= 5:
        section = " ".join(page.split("Overdue activities")[1].split())
        assert all(" ".join(title.split()) in section for title in late), late


def test_a_pdf_report_speaks_the_plans_language_and_replaces_its_own(
    run: Run, tmp_path: Path, swedish: None
) -> None:
    target = tmp_path / "uppfoljning.pdf"
    assert run("report", "-o", str(target), "--as-of", "2025-09-01").code == 0
    first = target.read_bytes()
    assert "Sammanfattning" in pages_of(target)[0]
    again = run("report", "-o", str(target), "--as-of", "2025-09-02")  # hplan made it
    assert again.code == 0, again.stderr
    assert target.read_bytes() != first
    foreign = tmp_path / "protokoll.pdf"
    foreign.write_bytes(b"%PDF-1.7\n% the minutes of the board\n%%EOF\n")
    refused = run("report", "-o", str(foreign), "--as-of", "2025-09-01")
    assert refused.code == 7
    assert foreign.read_bytes().startswith(b"%PDF-1.7\n% the minutes")


def _refuse_import(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    real = builtins.__import__

    def fake(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            raise error
        return real(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", fake)


def test_without_weasyprint_the_message_says_what_to_install(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse_import(monkeypatch, ImportError("No module named 'weasyprint'"))
    target = tmp_path / "uppfoljning.pdf"
    result = run("report", "-o", str(target))
    assert result.code == 2
    assert "WeasyPrint" in result.stderr and "[pdf]" in result.stderr
    # From where this hplan came (an editable clone: its remote and commit), or in words.
    assert (
        "pip install 'hplan[pdf] @ git+" in result.stderr or "from where it came" in result.stderr
    )
    assert not target.exists()


def test_a_missing_system_library_is_named(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = OSError(
        "cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file"
    )
    _refuse_import(monkeypatch, missing)
    target = tmp_path / "uppfoljning.pdf"
    result = run("report", "-o", str(target))
    assert result.code == 1
    assert "libpango-1.0-0" in result.stderr and "apt install" in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.exists()


def test_a_pdf_is_not_printed_on_a_terminal(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from hplan.cli import files

    monkeypatch.setattr(files, "is_terminal", lambda: True)
    result = run("report", "--format", "pdf")
    assert result.code == 2
    assert result.stderr.startswith("hplan: --format: a PDF is not for the terminal")
    assert "-o FILE" in result.stderr and result.stdout == ""


def test_a_file_without_an_ending_gets_markdown_and_other_endings_are_refused(
    run: Run, tmp_path: Path
) -> None:
    plain = tmp_path / "rapport"
    assert run("report", "-o", str(plain)).code == 0
    assert plain.read_text(encoding="utf-8").startswith("# Hälsingerådets")
    refused = run("report", "-o", str(tmp_path / "rapport.txt"))
    assert refused.code == 2
    assert "Markdown (.md), HTML (.html) or PDF (.pdf), not .txt" in refused.stderr
    assert not (tmp_path / "rapport.txt").exists()


def test_a_pdf_of_a_plan_past_what_weasyprint_lays_out_is_refused_before_any_work(
    run: Run, tmp_path: Path
) -> None:
    """Issue 34, item 15: 10,000 activities ran out of 6 GB after five minutes."""
    from hplan.render.pdf import MOST_ACTIVITIES

    from ..synthetic import make_plan

    plan = tmp_path / "plan2025.yaml"
    plan.write_text(make_plan(MOST_ACTIVITIES + 1), encoding="utf-8")
    target = tmp_path / "r.pdf"
    result = run("report", "-o", str(target), "--as-of", "2025-07-01", plan=plan)
    assert result.code == 1 and "-o report.html" in result.stderr and not target.exists()
    assert f"{MOST_ACTIVITIES + 1} activities" in result.stderr
