"""Plan text in the HTML report is escaped for the context it lands in, and the page may
fetch nothing (issue 17, item 2)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ..conftest import Run

HOSTILE = [
    '"; } #overdue { display: none } @import url(http://127.0.0.1:9/x.css); a { content: "',
    "Plan </style><script>alert(1)</script>",
    "Plan \\\" \\A ' ; } { @",
]


@pytest.mark.parametrize("title", HOSTILE)
def test_plan_text_cannot_leave_its_css_string(
    run: Run, plan_file: Path, tmp_path: Path, title: str
) -> None:
    text = plan_file.read_text(encoding="utf-8")
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    plan_file.write_text(
        text.replace("title: Hälsingerådets handlingsplan 2025", f"title: {quoted}", 1)
    )
    page = tmp_path / "r.html"
    assert run("report", "-o", str(page), "--as-of", "2025-07-01").code == 0
    html = page.read_text(encoding="utf-8")
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "@import" not in style and "display: none }" not in style and "<" not in style
    top = re.search(r'@top-left \{ content: "((?:[^"\\]|\\.)*)";', style)
    assert top is not None  # the string is whole: it ends where hplan ended it
    assert html.count("<script") == 0


def test_the_report_may_fetch_nothing(run: Run, tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    assert run("report", "-o", str(page), "--as-of", "2025-07-01").code == 0
    html = page.read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None and "default-src 'none'" in policy[1]
    assert not re.search(r"(src|href)=\"https?:", html)
