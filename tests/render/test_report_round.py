"""The board's report shows the follow-up round (issue 30): each open activity's assessment
(colour and word), its comment, who answered and when, how it moved since the round before,
the activities not yet assessed, and the answers per goal and per owner; in Markdown, HTML,
on a phone and on A4."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from hplan.api import Session

from ..api.test_followups import with_rounds
from ..conftest import Run
from .test_report import headless, markdown_tables
from .test_report_pdf import pages_of


@pytest.fixture
def answered(plan_file: Path) -> Path:
    """Two rounds; 5 on track then at risk, 7 off track at T2, 9 answered at T1 only."""
    with_rounds(plan_file)
    Session(plan_file, as_of="2025-05-08").assess(["5"], "on-track", "Lokalen bokad")
    Session(plan_file, as_of="2025-05-08").assess(["9"], "risk", by="Karin Flordal")
    Session(plan_file, as_of="2025-09-03").assess(["5"], "risk", "Lokalen inte längre ledig")
    Session(plan_file, as_of="2025-09-04").assess(["7"], "avvikelse", "Mässan ställdes in")
    return plan_file


@pytest.mark.usefixtures("answered")
def test_the_markdown_report_has_the_rounds_section(run: Run) -> None:
    text = run("report", "--as-of", "2025-09-10").stdout
    section = text.split("## Follow-up round: Tertial 2", 1)[1].split("\n## ", 1)[0]
    assert "The state at 31 August 2025; answers due 15 September 2025." in section
    [answers, missing, goals, owners] = markdown_tables(section)[:4]
    assert answers[0].startswith("| ID | Activity | Assessment | Since Tertial 1 | Comment | By |")
    five = next(line for line in answers if line.startswith("| 5 |"))
    assert "| **at risk** | at risk ← on track | Lokalen inte längre ledig |" in five
    assert "Linda Beigler, 3 September 2025" in five
    seven = next(line for line in answers if line.startswith("| 7 |"))
    assert "| **off track** |  | Mässan ställdes in |" in seven  # no answer at T1
    assert "### Not yet assessed (17)" in section
    assert any(line.startswith("| 9 |") for line in missing)  # answered at T1, not at T2
    assert "| 4.2.1 Varumärket Hälsingland | 0 | 1 | 1 | 12 |" in goals
    assert "| Karin Flordal | 0 | 10 |" in owners


@pytest.mark.usefixtures("answered")
def test_an_earlier_round_and_a_report_as_of_a_day_before_an_answer(run: Run) -> None:
    earlier = run("report", "--round", "T1", "--as-of", "2025-09-10").stdout
    assert "## Follow-up round: Tertial 1" in earlier
    assert "| 5 | Planera och genomföra Hälsingegårdarnas dag | **on track** |" in earlier
    before = run("report", "--as-of", "2025-09-03").stdout  # 7's answer is dated the 4th
    assert "Mässan ställdes in" not in before and "Lokalen inte längre ledig" in before
    assert run("report", "--round", "T9").code == 2


def test_a_plan_without_rounds_has_no_such_section(run: Run) -> None:
    assert "Follow-up round" not in run("report", "--as-of", "2025-09-10").stdout


@pytest.mark.usefixtures("answered")
def test_the_html_section_shows_colour_and_word(run: Run, tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    assert run("report", "-o", str(page), "--as-of", "2025-09-10").code == 0
    html = page.read_text(encoding="utf-8")
    section = html.split('<section id="followup">', 1)[1].split("</section>", 1)[0]
    assert re.search(r'class="status assessment" style="--dot: #b7791f">at risk</span>', section)
    assert re.search(r'style="--dot: #c53030">off track</span>', section)  # word and colour
    assert "at risk ← on track" in section and "Not yet assessed (17)" in section


@pytest.mark.usefixtures("answered")
def test_at_phone_width_the_round_section_runs_off_nowhere(run: Run, tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    assert run("report", "-o", str(page), "--as-of", "2025-09-10").code == 0
    probe = tmp_path / "probe.html"
    probe.write_text(
        f'<iframe id="r" src="{page.name}" style="width:400px;height:800px;border:0"></iframe>'
        "<pre id=out></pre><script>"
        "document.getElementById('r').onload = function () {"
        "  var doc = this.contentDocument, wide = [];"
        "  doc.querySelectorAll('#followup *').forEach(function (e) {"
        "    var r = e.getBoundingClientRect();"
        "    if (r.right > doc.documentElement.clientWidth + 1) wide.push(e.tagName);"
        "  });"
        "  document.getElementById('out').textContent = 'wide [' + wide.join(',') + '] of '"
        "    + doc.querySelectorAll('#followup td').length;"
        "};</script>",
        encoding="utf-8",
    )
    dom = headless(
        "--allow-file-access-from-files", "--virtual-time-budget=5000", "--dump-dom",
        probe.as_uri(), profile=tmp_path / "profile",
    ).stdout  # fmt: skip
    found = re.search(r"wide \[(.*?)\] of (\d+)", dom)
    assert found, dom[-500:]
    assert found[1] == "" and int(found[2]) > 40


@pytest.mark.usefixtures("answered")
def test_the_pdf_carries_the_round_section(run: Run, tmp_path: Path) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("no pdftotext here (apt-get install poppler-utils); .ci/run installs it")
    target = tmp_path / "r.pdf"
    assert run("report", "-o", str(target), "--as-of", "2025-09-10").code == 0
    whole = "\n".join(pages_of(target))
    assert "Follow-up round: Tertial 2" in whole
    assert "Since" in whole and "←" in whole  # a narrow column's words wrap
    assert "Mässan" in whole and "Not yet assessed (17)" in whole
