"""`hplan serve` in a real browser: the installed hplan serving a copy of the plan, driven by
Playwright through Debian's Chromium (no browser download; .ci/run installs chromium)."""

from __future__ import annotations

import shutil
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..api.test_changes import changed_lines
from ..conftest import hplan_script
from .running import Server, exchanged, start

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="needs playwright (test extras)")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)"
)


@pytest.fixture
def server(plan_file: Path) -> Iterator[Server]:
    running = start(plan_file)
    yield running
    if running.process.poll() is None:
        running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.goto(server.address)
    yield opened
    context.close()


def test_filter_open_and_mark_done_writes_only_the_status_lines(
    page: Any, server: Server, plan_file: Path
) -> None:
    before = plan_file.read_text(encoding="utf-8")
    page.get_by_role("link", name="Aktiviteter").click()
    page.get_by_label("Ansvarig").select_option("Linda Beigler")
    page.get_by_label("Status", exact=True).select_option("not-started")
    page.get_by_role("button", name="Visa").click()
    assert "owner=Linda+Beigler" in page.url  # the filters live in the URL
    page.get_by_role(
        "link", name="Samordna och delta i Hälsinglands medverkan", exact=False
    ).first.click()
    page.get_by_label("Status").select_option("done")
    page.get_by_label("Anteckning").fill("Mässan hölls")
    page.get_by_role("button", name="Spara").click()
    assert (
        page.locator(".said")
        .inner_text()
        .startswith("Status för 7 satt till genomförd, 2 juni 2025")
    )
    assert changed_lines(before, plan_file.read_text(encoding="utf-8")) == [
        "-    status: not-started",
        "+    status: done",
        "+    status_date: 2025-06-02",
        "+    notes:",
        "+      - date: 2025-06-02",
        "+        text: Mässan hölls",
    ]


def test_a_change_from_a_stale_page_is_refused_and_the_note_kept(
    page: Any, server: Server, plan_file: Path
) -> None:
    page.goto(server.base + "/activity/7")
    subprocess.run(  # someone else, in a terminal
        [hplan_script(), "status", "7", "pågår", "--plan", str(plan_file), "--as-of", "2025-06-02"],
        check=True, capture_output=True,
    )  # fmt: skip
    after_terminal = plan_file.read_bytes()
    page.get_by_label("Status").select_option("done")
    page.get_by_label("Anteckning").fill("Skrivet i webbläsaren")
    page.get_by_role("button", name="Spara").click()
    assert "Planen har ändrats sedan sidan gjordes" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Anteckning").input_value() == "Skrivet i webbläsaren"
    assert page.get_by_label("Status").input_value() == "in-progress"  # as it is now
    assert plan_file.read_bytes() == after_terminal
    page.get_by_role("button", name="Spara").click()  # sent again, on the new version
    assert "Skrivet i webbläsaren" in plan_file.read_text(encoding="utf-8")


def test_everything_can_be_done_with_the_keyboard(
    page: Any, server: Server, plan_file: Path
) -> None:
    page.goto(server.base + "/activity/5")
    page.get_by_label("Status").focus()
    page.keyboard.press("ArrowDown")  # ej påbörjad → pågår
    page.keyboard.press("Tab")
    page.keyboard.type("Med tangentbordet")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.locator(".said").wait_for()
    text = plan_file.read_text(encoding="utf-8")
    assert "text: Med tangentbordet" in text


def test_the_page_offers_a_reload_when_the_file_changes(
    page: Any, server: Server, plan_file: Path
) -> None:
    page.goto(server.base + "/activity/7")
    assert page.locator("#changed").is_hidden()
    plan_file.write_text(plan_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    page.locator("#changed").wait_for(state="visible", timeout=15_000)


@pytest.mark.parametrize("path", ["/", "/activities", "/activity/9", "/timeline"])
def test_pages_have_no_serious_accessibility_violations_and_read_at_400_px(
    browser: Any, server: Server, path: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    opened = context.new_page()
    opened.goto(server.address)  # its token works once: one browser, two widths
    for width in (1280, 400):
        opened.set_viewport_size({"width": width, "height": 900})
        opened.goto(server.base + path)
        found = Axe().run(opened).response["violations"]
        serious = [v["id"] for v in found if v["impact"] in ("serious", "critical")]
        assert serious == [], (width, serious)
        wide = opened.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, (path, width, wide)  # wide tables scroll inside their box
    context.close()


def request(server: Server, path: str, **headers: str) -> int:
    data = headers.pop("data", None)
    asked = urllib.request.Request(
        server.base + path, headers=headers, data=data.encode() if data else None
    )
    try:
        with urllib.request.urlopen(asked, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_no_token_a_foreign_host_or_another_origin_is_refused(
    server: Server, plan_file: Path
) -> None:
    token = server.address.split("token=")[1]
    before = plan_file.read_bytes()
    assert request(server, "/") == 403
    assert request(server, "/", Cookie=f"hplan_token={token}") == 403  # the token is no cookie
    cookie = exchanged(server)
    assert request(server, "/", Cookie=cookie) == 200
    assert exchanged(server) == ""  # the address works once
    port = server.base.rsplit(":", 1)[1]
    assert request(server, "/", Cookie=cookie, Host=f"evil.example:{port}") == 403
    cross = request(
        server, "/activity/7", Cookie=cookie, Origin="http://evil.example", data="status=done",
    )  # fmt: skip
    assert cross == 403
    assert plan_file.read_bytes() == before


def test_read_only_offers_no_change_and_ctrl_c_stops_cleanly(browser: Any, plan_file: Path) -> None:
    running = start(plan_file, "--read-only")
    try:
        context = browser.new_context()
        opened = context.new_page()
        opened.goto(running.address)
        opened.goto(running.base + "/activity/7")
        assert opened.get_by_role("button", name="Spara").count() == 0
        assert "Endast läsning" in opened.content()
        context.close()
    finally:
        code, err = running.stop()
    assert code == 0 and "Traceback" not in err


def test_an_owner_assesses_from_the_activity_page_on_a_phone(browser: Any, plan_file: Path) -> None:
    """Issue 30: the assessment form on an activity's page, as an owner uses it at 400 px."""
    from hplan.store.reading import read_plan

    from ..api.test_followups import with_rounds

    with_rounds(plan_file)
    running = start(plan_file)
    context = browser.new_context(viewport={"width": 400, "height": 900})
    try:
        page = context.new_page()
        page.goto(running.address)
        page.goto(running.base + "/activity/5")
        form = page.locator("form.assess")
        form.get_by_label("Bedömning").select_option(label="risk")
        form.get_by_label("Kommentar").fill("Lokalen är inte bokad")
        form.get_by_role("button", name="Spara").click()
        said = page.locator(".said").inner_text()
        assert said.startswith("Bedömning av 5 för T1 satt till risk, 2 juni 2025"), said
        assert page.evaluate("document.documentElement.scrollWidth") <= 400  # holds on a phone
    finally:
        context.close()
        running.stop()
    answer = read_plan(plan_file).activity("5").answer("T1")  # type: ignore[union-attr]
    assert answer is not None and answer.comment == "Lokalen är inte bokad"


def test_the_timeline_is_a_list_by_month_on_a_phone_and_full_titles_under_the_chart(
    browser: Any, server: Server
) -> None:
    """Issue 33: at 400 px a 900 px chart scrolled sideways showing January to March, and its
    labels were cut ("7. Samordna och delta i H…")."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.goto(server.address)
    opened.goto(server.base + "/timeline")
    titles = opened.locator(".timeline-titles").inner_text()
    assert "Samordna och delta i Hälsinglands medverkan i Outdoor-mässan i Stockholm." in titles
    assert opened.locator(".timeline-months").is_visible() is False
    opened.set_viewport_size({"width": 400, "height": 900})
    opened.goto(server.base + "/timeline")
    assert opened.locator(".timeline-box").is_visible() is False
    assert opened.locator(".timeline-months h3").first.inner_text() == "Maj"
    assert opened.evaluate("document.documentElement.scrollWidth") <= 400
    context.close()
