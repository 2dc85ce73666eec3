"""The board's follow-up: Markdown and HTML reports, the terminal timeline, the calendar."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from hplan.store.reading import read_plan

from ..conftest import REAL_PLAN, REPO, Result
from ..synthetic import make_plan

Run = Callable[..., Result]
# The report speaks the plan's language (Swedish here) unless a test says --lang.
pytestmark = pytest.mark.usefixtures("swedish")
TITLES_BY_ID: dict[str, str] = {}


def titles() -> dict[str, str]:
    from hplan.store.reading import read_plan

    if not TITLES_BY_ID:
        TITLES_BY_ID.update({a.id: a.title for a in read_plan(REAL_PLAN).activities})
    return TITLES_BY_ID


def progress(run: Run) -> None:
    """A plan in mid-year: some done, some started, one blocked, with notes."""
    assert (
        run(
            "status", "5", "klar", "--note", "Genomförd | 300 besökare", "--as-of", "2025-05-26"
        ).code
        == 0
    )
    assert run("status", "6", "pågår", "--as-of", "2025-06-10").code == 0
    assert (
        run(
            "status", "17", "blockerad", "--note", "Väntar på regionen", "--as-of", "2025-06-20"
        ).code
        == 0
    )


# --- Markdown -------------------------------------------------------------------------------


def markdown_tables(text: str) -> list[list[str]]:
    tables, current = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def cells(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line)) - 1


def test_markdown_report_in_swedish(run: Run) -> None:
    progress(run)
    result = run("report", "--as-of", "2025-07-01")
    assert result.code == 0
    text = result.stdout
    assert text.startswith(
        "# Hälsingerådets handlingsplan 2025 — uppföljning\n\n"
        "Hälsingerådet · Läge per 1 juli 2025\n"
    )
    for heading in (
        "## Sammanfattning",
        "## Försenade aktiviteter",
        "## Förfaller inom 30 dagar",
        "## Per mål",
        "## Per ansvarig",
        "## Hela aktivitetslistan",
    ):
        assert f"\n{heading}\n" in text
    assert "| genomförd | 1 |" in text and "| blockerad | 1 |" in text
    assert "Försenade: **4** · Andel genomförda: **5 %**" in text
    assert "### 4.1 Effektiv samverkan" in text
    section_41 = text.split("### 4.1 Effektiv samverkan")[1].split("### 4.2 ")[0]
    assert section_41.count("Inga aktiviteter är kopplade till det här målet.") == 2
    assert (  # one full table; the goal sections name their activities compactly
        "| 7. Samordna och delta i Hälsinglands medverkan i Outdoor-mässan i Stockholm. | 4.2.1 | "
        "Linda Beigler | 17–18 maj | ej påbörjad (försenad 44 dagar) |  |" in text
    )
    goal_421 = text.split("### 4.2.1 ")[1].split("### 4.2.2 ")[0]
    assert "14 aktiviteter, 12 ej påbörjade, 1 pågående, 1 genomförd, 3 försenade." in goal_421
    assert (  # each goal's own activities, compact: title, owner, deadline, status
        "| 7 | Samordna och delta i Hälsinglands medverkan i Outdoor-mässan i Stockholm. | "
        "Linda Beigler | 17–18 maj | ej påbörjad, **försenad 44 dagar** |" in goal_421
    )
    assert "26 maj 2025: Genomförd \\| 300 besökare" in text


def test_markdown_tables_are_valid_github_tables(run: Run) -> None:
    progress(run)
    text = run("report", "--as-of", "2025-07-01").stdout
    tables = markdown_tables(text)
    assert len(tables) >= 4
    for table in tables:
        assert re.fullmatch(r"\|(---\|)+", table[1]), table[1]
        width = cells(table[0])
        assert all(cells(row) == width for row in table), table
    whole = tables[-1]
    assert whole[0] == "| Aktivitet | Mål | Ansvarig | Slutdatum | Status | Anteckningar |"
    assert len(whole) == 2 + 19
    assert whole[10] == (
        "| 9. Kartlägga och välja ut de evenemang, mässor och liknande som "
        "Hälsingerådet ska samordna ett gemensamt deltagande i. | 4.2.1, 4.2.2 | "
        "Karin Flordal, Linda Beigler (tillsammans med Näringslivschefer) | "
        "Senast oktober 2025 | ej påbörjad |  |"
    )


def test_markdown_report_in_english(run: Run) -> None:
    text = run("report", "--as-of", "2025-07-01", "--lang", "en").stdout
    assert text.startswith(
        "# Hälsingerådets handlingsplan 2025 — follow-up\n\nHälsingerådet · As of 1 July 2025\n"
    )
    assert "| not started | 19 |" in text
    assert "## Due in the next 30 days" in text
    assert run("report", "--lang", "fi").code == 2


def test_report_follows_the_output_extension(run: Run, tmp_path: Path) -> None:
    html = tmp_path / "uppfoljning.html"
    result = run("report", "-o", str(html), "--as-of", "2025-07-01")
    assert result.code == 0 and result.stdout == ""
    assert result.stderr == f"Skrev {html}\n"  # in the plan's language
    english = run("report", "-o", str(html), "--as-of", "2025-07-01", "--lang", "en")
    assert english.stderr == f"Wrote {html}\n"
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    markdown = tmp_path / "uppfoljning.md"
    run("report", "-o", str(markdown), "--as-of", "2025-07-01")
    assert markdown.read_text(encoding="utf-8").startswith("# Hälsingerådets")
    forced = tmp_path / "x.txt"
    run("report", "-o", str(forced), "--format", "html", "--as-of", "2025-07-01")
    assert forced.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# --- HTML -----------------------------------------------------------------------------------


def html_report(run: Run, tmp_path: Path, *extra: str) -> Path:
    progress(run)
    path = tmp_path / "uppfoljning.html"
    assert run("report", "-o", str(path), "--as-of", "2025-07-01", *extra).code == 0
    return path


def test_html_is_self_contained_and_escapes_plan_text(
    run: Run, plan_file: Path, tmp_path: Path
) -> None:
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(
        text.replace(
            "title: Hälsingerådets handlingsplan 2025",
            'title: "Plan <script>alert(1)</script> & co"',
            1,
        ),
        encoding="utf-8",
    )
    page = html_report(run, tmp_path).read_text(encoding="utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert not re.search(r"src=|href=\"(?!#)|<link|@import|url\(", page)  # only in-page links
    assert "<svg" in page and "@media print" in page and "size: A4" in page
    assert 'content: counter(page) " / " counter(pages)' in page  # page numbers when printed


def test_html_timeline_draws_every_dated_activity(run: Run, tmp_path: Path) -> None:
    page = html_report(run, tmp_path).read_text(encoding="utf-8")
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    shown = re.findall(r"<title>(\d+)\. ", svg)
    assert shown == [
        "7",
        "5",
        "2",
        "8",
        "17",
        "6",
        "9",
        "10",
        "19",
        "1",
        "3",
        "4",
        "11",
        "12",
        "13",
        "14",
        "15",
        "16",
        "18",
    ]
    assert svg.count('stroke="#c53030" stroke-width="2"/>') == 4  # overdue: 7, 2, 8, 17
    assert svg.count("<path") == 2  # single days and "Senast": 5, 9
    assert 'stroke-dasharray="4 3"' in svg  # the as-of line


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium here (apt-get install chromium); .ci/run installs it")


def headless(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--hide-scrollbars",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def png_pixels(path: Path) -> bytes:
    """The decompressed image data of a PNG (enough to tell a blank page from a report)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = b"", 8
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if kind == b"IDAT":
            chunks += data[offset + 8 : offset + 8 + length]
        offset += 12 + length
    return zlib.decompress(chunks)


def test_chromium_shows_the_report(run: Run, tmp_path: Path) -> None:
    page = html_report(run, tmp_path)
    shot = tmp_path / "shot.png"
    result = headless(
        "--window-size=1100,1400",
        f"--screenshot={shot}",
        page.as_uri(),
        profile=tmp_path / "profile",
    )
    assert shot.exists(), result.stderr
    pixels = png_pixels(shot)
    assert len(set(pixels)) > 20  # many colours: not a blank page
    dom = headless("--dump-dom", page.as_uri(), profile=tmp_path / "profile2").stdout
    text = " ".join(re.sub(r"<[^>]+>", " ", dom).split())
    assert "Hälsingerådets handlingsplan 2025" in text
    for activity_id, title in titles().items():
        assert f"{activity_id}. {title}" in text


@pytest.mark.parametrize("size", [0, 80])
def test_printing_to_a4_cuts_no_activity_row(
    run: Run, plan_file: Path, tmp_path: Path, size: int
) -> None:
    """The real plan, and a long synthetic one with many page breaks."""
    if not shutil.which("pdftotext"):
        pytest.skip("no pdftotext here (apt-get install poppler-utils); .ci/run installs it")
    if size:
        plan_file.write_text(make_plan(size), encoding="utf-8")
    path = tmp_path / "uppfoljning.html"
    assert run("report", "-o", str(path), "--as-of", "2025-07-01").code == 0
    pdf = tmp_path / "report.pdf"
    headless(
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        path.as_uri(),
        profile=tmp_path / "profile",
    )
    assert pdf.exists()
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # In the order the page drew it (-raw), without white space: lines break where it did.
    pages = ["".join(p.split()) for p in text.split("\f") if p.strip()]
    assert len(pages) >= 3
    whole_list = next(i for i, p in enumerate(pages) if "Helaaktivitetslistan" in p)
    for activity in read_plan(plan_file).activities:
        row = "".join(f"{activity.id}. {activity.title}".split())
        # Every row of the whole list stands whole on one page.
        assert any(row in page for page in pages[whole_list:]), activity.id


# --- timeline -------------------------------------------------------------------------------


def test_terminal_timeline_for_the_real_plan(run: Run) -> None:
    progress(run)
    result = run("timeline", "--as-of", "2025-07-01")
    assert result.code == 0
    expected = (REPO / "tests" / "expected" / "timeline-2025-07-01.txt").read_text(encoding="utf-8")
    assert result.stdout == expected
    assert max(len(line) for line in result.stdout.splitlines()) <= 100


def test_terminal_timeline_filters_and_language(run: Run) -> None:
    lines = run(
        "timeline", "--owner", "karin", "--lang", "en", "--as-of", "2025-07-01"
    ).stdout.splitlines()
    assert lines[0].split() == [
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ]
    assert lines[1].strip() == "▼ today 2025-07-01"
    assert [line.split()[0] for line in lines[2:5]] == ["!", "9", "19"]
    goal = run("timeline", "--goal", "4.2.2", "--as-of", "2026-01-01").stdout
    assert "▼" not in goal  # as of a day outside the plan year: no today column, and it says so
    assert "idag 2026-01-01: utanför planens år 2025" in goal
    assert [line.split()[0] for line in goal.splitlines()[2:5]] == ["!", "!", "!"]


# --- calendar -------------------------------------------------------------------------------


def events(data: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(data)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_calendar_events_match_the_plan(run: Run, tmp_path: Path) -> None:
    progress(run)
    out = tmp_path / "plan2025.ics"
    assert run("calendar", "-o", str(out), "--as-of", "2025-07-01").code == 0
    found = events(out.read_bytes())
    assert len(found) == 9  # the dated activities
    by_id = {
        str(e["uid"]).split("-activity-")[1].split("@")[0]: e  # type: ignore[index]
        for e in found.values()
    }
    expected = {
        "7": (date(2025, 5, 17), date(2025, 5, 19)),
        "5": (date(2025, 5, 25), date(2025, 5, 26)),
        "2": (date(2025, 6, 30), date(2025, 7, 1)),
        "8": (date(2025, 6, 30), date(2025, 7, 1)),
        "17": (date(2025, 6, 30), date(2025, 7, 1)),
        "6": (date(2025, 9, 25), date(2025, 9, 28)),  # Vävmässan: one three-day event
        "9": (date(2025, 10, 31), date(2025, 11, 1)),
        "10": (date(2025, 12, 31), date(2026, 1, 1)),
        "19": (date(2025, 12, 31), date(2026, 1, 1)),
    }
    for activity_id, (start, end) in expected.items():
        event = by_id[activity_id]
        assert event["dtstart"].dt == start, activity_id  # type: ignore[index]
        assert event["dtend"].dt == end, activity_id  # type: ignore[index]
        assert str(event["summary"]).startswith(f"{activity_id}. ")  # type: ignore[index]
    five = by_id["5"]
    assert "Ansvarig: Linda Beigler" in str(five["description"])  # type: ignore[index]
    assert "Mål: 4.2.1 Varumärket Hälsingland" in str(five["description"])  # type: ignore[index]
    assert "Status: genomförd" in str(five["description"])  # type: ignore[index]
    assert int(five["sequence"]) > 0  # type: ignore[index]
    assert str(by_id["7"]["status"]) == "CONFIRMED"  # type: ignore[index]


def test_calendar_uids_are_stable_and_reexports_update(run: Run, tmp_path: Path) -> None:
    first = run("calendar", "--as-of", "2025-07-01")
    second = run("calendar", "--as-of", "2025-07-01")
    assert first.stdout == second.stdout
    before = events(first.stdout.encode("utf-8"))
    run("status", "9", "avbruten", "--note", "Ersatt av ny lista", "--as-of", "2025-08-01")
    after = events(run("calendar", "--as-of", "2025-08-02").stdout.encode("utf-8"))
    assert set(before) == set(after)
    changed = next(uid for uid in after if "activity-9@" in uid)
    assert int(after[changed]["sequence"]) > int(before[changed]["sequence"])  # type: ignore[index]
    assert str(after[changed]["status"]) == "CANCELLED"  # type: ignore[index]


def test_calendar_ongoing_and_owner_filter(run: Run) -> None:
    everything = events(
        run("calendar", "--include-ongoing", "--as-of", "2025-07-01").stdout.encode("utf-8")
    )
    assert len(everything) == 19
    karin = events(
        run("calendar", "--owner", "karin", "--as-of", "2025-07-01").stdout.encode("utf-8")
    )
    assert len(karin) == 3


def test_at_phone_width_nothing_runs_off_the_page(run: Run, tmp_path: Path) -> None:
    """Tables and the timeline scroll inside their own box; the page itself never does."""
    page = html_report(run, tmp_path)
    probe = tmp_path / "probe.html"
    probe.write_text(
        f'<iframe id="r" src="{page.name}" style="width:400px;height:800px;border:0"></iframe>'
        "<pre id=out></pre><script>"
        "document.getElementById('r').onload = function () {"
        "  var d = this.contentDocument.documentElement;"
        "  var boxes = this.contentDocument.querySelectorAll('.table, .timeline-box');"
        "  document.getElementById('out').textContent ="
        "    'page ' + d.scrollWidth + ' of ' + d.clientWidth + ' boxes ' + boxes.length;"
        "};</script>",
        encoding="utf-8",
    )
    dom = headless(
        "--allow-file-access-from-files",
        "--virtual-time-budget=5000",
        "--dump-dom",
        probe.as_uri(),
        profile=tmp_path / "profile",
    ).stdout
    found = re.search(r"page (\d+) of (\d+) boxes (\d+)", dom)
    assert found, dom[-500:]
    scroll, client, boxes = map(int, found.groups())
    assert scroll <= client  # no horizontal scrolling of the page at 400 px
    assert boxes >= 4


def test_printed_pages_carry_title_day_and_page_numbers(run: Run, tmp_path: Path) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("no pdftotext here (apt-get install poppler-utils); .ci/run installs it")
    page = html_report(run, tmp_path)
    pdf = tmp_path / "report.pdf"
    headless(
        "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri(), profile=tmp_path / "p"
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 2
    for n, shown in enumerate(pages, start=1):
        assert "Hälsingerådets handlingsplan 2025" in shown
        assert re.search(rf"\b{n}\s*/\s*{len(pages)}\s*$", shown.rstrip()), shown[-200:]
    first = pages[0]
    assert "Tidslinje" in first  # page 1 is not half empty: the chart and its numbered titles
    assert "7. Samordna och delta i Hälsinglands" in first
    assert "Försenade aktiviteter" in pages[0] + pages[1]
