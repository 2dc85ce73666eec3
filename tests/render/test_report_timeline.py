"""The report's timeline and goal sections as the board reads them (issue 18): labels that
print at a readable size with every title whole in a numbered list under the chart, a list
by month on a phone, cancelled activities that cannot be mistaken for the ongoing band, and
each goal's activities in a compact table with its counts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ..conftest import Run
from .test_report import progress, titles

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def report(run: Run, tmp_path: Path) -> Path:
    progress(run)
    assert run("status", "3", "avbruten", "--as-of", "2025-06-01").code == 0  # ongoing
    assert run("status", "10", "avbruten", "--as-of", "2025-06-01").code == 0  # dated
    path = tmp_path / "uppfoljning.html"
    assert run("report", "-o", str(path), "--as-of", "2025-07-01").code == 0
    return path


def section(html: str, name: str) -> str:
    return html.split(f'<section id="{name}">')[1].split("</section>")[0]


def test_every_dated_and_ongoing_title_is_whole_under_the_chart(
    run: Run, tmp_path: Path, swedish: None
) -> None:
    timeline = section(report(run, tmp_path).read_text(encoding="utf-8"), "timeline")
    listed = timeline.split('<ul class="timeline-titles">')[1].split("</ul>")[0]
    for activity_id, title in titles().items():
        assert f'<span class="n">{activity_id}.</span> {title}' in listed.replace("&#34;", '"')
    labels = re.findall(r'font-size="14"[^>]*>(?:! )?([^<]+)</text>', timeline)
    assert labels and all(len(label) <= 26 for label in labels)  # 14 px: about 8 pt on A4


def test_a_cancelled_activity_is_drawn_apart_from_the_ongoing_band(
    run: Run, tmp_path: Path, swedish: None
) -> None:
    svg = section(report(run, tmp_path).read_text(encoding="utf-8"), "timeline")
    rows = svg.split("<g>")[1:]
    cancelled_dated = next(r for r in rows if "<title>10. " in r)
    assert 'fill="none"' in cancelled_dated and "stroke-dasharray" in cancelled_dated
    cancelled_ongoing = next(r for r in rows if "<title>3. " in r)
    assert "stroke-dasharray" in cancelled_ongoing and 'opacity="0.55"' not in cancelled_ongoing
    ongoing = next(r for r in rows if "<title>4. " in r)
    assert 'opacity="0.55"' in ongoing and "stroke-dasharray" not in ongoing


def test_each_goal_shows_its_activities_compactly_with_its_counts(
    run: Run, tmp_path: Path, swedish: None
) -> None:
    goals = section(report(run, tmp_path).read_text(encoding="utf-8"), "goals")
    goal_421 = goals.split("4.2.1 Varumärket Hälsingland")[1].split("4.2.2 ")[0]
    assert "14 aktiviteter, 10 ej påbörjade, 1 pågående, 1 genomförd, 2 avbrutna" in goal_421
    row_7 = goal_421.split('<a href="#a7">7</a>')[1].split("</tr>")[0]
    for shown in ("Outdoor-mässan i Stockholm", "Linda Beigler", "17–18 maj", "ej påbörjad",
                  "försenad 44 dagar"):  # fmt: skip
        assert shown in row_7
    goal_42 = goals.split("4.2 Hållbar tillväxt")[1].split("4.2.1 ")[0]
    assert "Inklusive delmål: 19 aktiviteter" in goal_42 and "<table" not in goal_42


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_on_a_phone_the_timeline_is_a_list_by_month(
    run: Run, tmp_path: Path, swedish: None
) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    page_file = report(run, tmp_path)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for width, chart, months in ((1280, True, False), (400, False, True)):
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(page_file.as_uri())
                assert page.locator(".timeline-box svg").is_visible() is chart
                assert page.locator(".timeline-months").is_visible() is months
                if months:
                    headings = page.locator(".timeline-months h3").all_inner_texts()
                    assert headings[:2] == ["Maj", "Juni"] and headings[-1] == "Löpande"
                    wide = page.evaluate("document.documentElement.scrollWidth")
                    assert wide <= width  # nothing to scroll sideways
                    inner = (
                        "Array.from(document.querySelectorAll('.table'))"
                        ".filter(t => t.scrollWidth > t.clientWidth + 1).length"
                    )
                    assert page.evaluate(inner) == 0  # tables of activities: a line each
                page.close()
        finally:
            browser.close()


def test_terminal_status_colours_read_on_light_and_dark_backgrounds() -> None:
    from hplan.render.styles import TERMINAL

    faint_on_white = {"cyan", "yellow", "bright_white", "white", "bright_yellow", "bright_cyan"}
    assert not faint_on_white & {TERMINAL[s].split()[-1] for s in TERMINAL if TERMINAL[s]}


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_on_a_phone_no_section_of_the_report_is_wider_than_the_screen(tmp_path: Path) -> None:
    """Issue 33: "Sedan förra mötet" was 507 px wide in a 352 px box at 400 px; every section,
    the changes since the last meeting among them, at 360 and 400 px."""
    from typer.testing import CliRunner

    from hplan.cli import app

    from ..history_repo import make_history

    playwright = pytest.importorskip("playwright.sync_api")
    folder = tmp_path / "plan"
    folder.mkdir()
    make_history(folder)
    page_file = tmp_path / "rapport.html"
    result = CliRunner().invoke(app, ["report", "--since", "styrelsemote-maj", "--as-of",
                                      "2025-07-01", "-o", str(page_file), "--plan",
                                      str(folder / "plan2025.yaml")])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    wider = (
        "Array.from(document.querySelectorAll('section, section *'))"
        ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 || "
        "e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')"
        ".map(e => (e.closest('section') || e).id + ' ' + e.tagName)"
    )
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for width in (360, 400):
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(page_file.as_uri())
                assert page.locator("#since tbody tr").count() > 3
                assert page.evaluate(wider) == [], width
                page.close()
        finally:
            browser.close()
