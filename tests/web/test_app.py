"""The web view through Flask's test client: who may ask, what a change writes, and what
is refused (the same guarantees in a real browser: test_browser.py)."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from hplan.plan.codec import record_version
from hplan.plan.statuses import Status
from hplan.store.reading import read_plan

from ..api.test_changes import changed_lines
from ..conftest import set_status

HOST = "127.0.0.1:8765"
ORIGIN = f"http://{HOST}"
Client = Callable[..., FlaskClient]


def get(c: FlaskClient, path: str, **headers: str) -> Any:
    return c.get(path, headers={"Host": HOST, **headers})


def form_of(c: FlaskClient, activity_id: str) -> dict[str, str]:
    """The hidden fields of the activity page's form, as the browser would send them."""
    page = get(c, f"/activity/{activity_id}").get_data(as_text=True)
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))


def post(c: FlaskClient, activity_id: str, origin: str | None = ORIGIN, **fields: str) -> Any:
    headers = {"Host": HOST} | ({"Origin": origin} if origin else {})
    return c.post(f"/activity/{activity_id}", data=fields, headers=headers)


def test_the_token_opens_the_door_once_then_a_cookie_keeps_it_open(client: Client) -> None:
    c = client(token=False)
    assert get(c, "/").status_code == 403
    assert get(c, "/?token=wrong").status_code == 403
    first = get(c, f"/?token={c.guard.token}")  # type: ignore[attr-defined]
    assert first.status_code == 303 and first.headers["Location"] == "/"  # the token leaves the URL
    cookie = first.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert c.guard.token not in cookie  # type: ignore[attr-defined]  # a secret of its own
    assert get(c, "/").status_code == 200
    # The address again in this browser: the door is open already.
    assert get(c, f"/?token={c.guard.token}").status_code == 303  # type: ignore[attr-defined]


def test_the_address_works_once_for_anyone_else(client: Client) -> None:
    """Issue 34, item 2: another local user who read the address (from `ps`, a log) cannot
    open the plan with it once its owner has."""
    owner, other = client(token=False), client(token=False)
    other.application = owner.application
    token = owner.guard.token  # type: ignore[attr-defined]
    assert get(owner, f"/?token={token}").status_code == 303
    stranger = owner.application.test_client()
    assert get(stranger, f"/?token={token}").status_code == 403
    assert get(stranger, "/").status_code == 403


def test_a_foreign_host_is_refused(client: Client) -> None:
    c = client()
    assert c.get("/", headers={"Host": "evil.example:8765"}).status_code == 403
    assert c.get("/", headers={"Host": "127.0.0.1:9999"}).status_code == 403
    fresh = client(token=False)
    token = fresh.guard.token  # type: ignore[attr-defined]
    assert fresh.get(f"/?token={token}", headers={"Host": "localhost:8765"}).status_code == 303


def test_every_answer_carries_the_security_headers(client: Client) -> None:
    answer = get(client(), "/")
    csp = answer.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in answer.get_data(as_text=True)  # no inline script anywhere


def test_marking_done_writes_exactly_the_status_lines(client: Client, plan_file: Path) -> None:
    c = client(as_of="2025-06-02")
    before = plan_file.read_text(encoding="utf-8")
    answer = post(c, "7", status="done", note="", **form_of(c, "7"))
    assert answer.status_code == 303
    assert changed_lines(before, plan_file.read_text(encoding="utf-8")) == [
        "-    status: not-started",
        "+    status: done",
        "+    status_date: 2025-06-02",
    ]
    shown = get(c, "/activity/7").get_data(as_text=True)
    assert "Status of 7 set to done, 2 June 2025" in shown  # what was written, said once


def test_a_note_alone_is_kept(client: Client, plan_file: Path) -> None:
    c = client(as_of="2025-06-02")
    fields = form_of(c, "7")
    assert post(c, "7", status="not-started", note="Bokat monter", **fields).status_code == 303
    assert "text: Bokat monter" in plan_file.read_text(encoding="utf-8")


def test_a_page_whose_activity_changed_is_refused_and_the_note_kept(
    client: Client, plan_file: Path
) -> None:
    c = client()
    fields = form_of(c, "7")
    set_status(plan_file, "7", Status.IN_PROGRESS, date(2025, 6, 1))  # a terminal, meanwhile
    changed = plan_file.read_bytes()
    answer = post(c, "7", status="done", note="Min anteckning", **fields)
    assert answer.status_code == 409
    page = answer.get_data(as_text=True)
    assert "Min anteckning</textarea>" in page  # to send again
    assert plan_file.read_bytes() == changed
    now = read_plan(plan_file).activity("7")
    assert now is not None
    assert f'name="seen" value="{record_version(now)}"' in page  # the activity as it is now
    assert post(c, "7", status="done", **form_of(c, "7")).status_code == 303  # sent again


def test_a_change_elsewhere_in_the_file_is_no_conflict(client: Client, plan_file: Path) -> None:
    """Per-activity versions: a page that saw activity 7 writes it when activity 7 is as the
    page saw it, whatever else changed meanwhile: an editor's save, another person's form."""
    c, other = client(as_of="2025-06-02"), client(as_of="2025-06-02")
    fields, others = form_of(c, "7"), form_of(other, "5")
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("# ", "#  ", 1), encoding="utf-8")  # an editor's save
    assert post(other, "5", status="done", **others).status_code == 303  # a second person
    assert post(c, "7", status="done", note="Klar", **fields).status_code == 303
    plan = read_plan(plan_file)
    assert [plan.activity(i).status for i in ("5", "7")] == [Status.DONE, Status.DONE]  # type: ignore[union-attr]
    assert plan_file.read_text(encoding="utf-8").startswith(text.replace("# ", "#  ", 1)[:40])


def test_a_whole_file_version_refuses_any_change_to_the_file(plan_file: Path) -> None:
    """The whole file's version (an editor's text) keeps its meaning: any change refuses it.
    Switched off (the per-activity rule for it too), the second write would land."""
    from hplan.api import PlanChanged, Session

    session = Session(plan_file, as_of="2025-06-02")
    version = session.version
    set_status(plan_file, "5", Status.DONE, date(2025, 6, 1))
    before = plan_file.read_bytes()
    with pytest.raises(PlanChanged):
        Session(plan_file, as_of="2025-06-02").set_status("7", "done", version=version)
    assert plan_file.read_bytes() == before


@pytest.mark.parametrize(
    ("fields", "code", "said"),
    [
        ({"status": "finished"}, 400, "unknown status"),
        ({"status": "done", "note": "a\x1b[31mb"}, 422, "nothing was written"),
        ({"status": "done", "note": "x" * 5000}, 422, "4,000"),
    ],
)
def test_a_form_that_cannot_be_kept_writes_nothing(
    client: Client, plan_file: Path, fields: dict[str, str], code: int, said: str
) -> None:
    c = client()
    before = plan_file.read_bytes()
    answer = post(c, "7", **form_of(c, "7"), **fields)
    assert answer.status_code == code and said in answer.get_data(as_text=True)
    assert plan_file.read_bytes() == before


def test_a_megabyte_of_note_is_refused_in_words(client: Client, plan_file: Path) -> None:
    c = client()
    before = plan_file.read_bytes()
    answer = post(c, "7", **form_of(c, "7"), status="done", note="x" * 1_000_000)
    assert answer.status_code == 413 and "nothing was written" in answer.get_data(as_text=True)
    assert plan_file.read_bytes() == before


@pytest.mark.parametrize("origin", [None, "http://evil.example", "null"])
def test_a_change_from_another_origin_is_refused(
    client: Client, plan_file: Path, origin: str | None
) -> None:
    c = client()
    before = plan_file.read_bytes()
    assert post(c, "7", origin=origin, status="done", **form_of(c, "7")).status_code == 403
    assert plan_file.read_bytes() == before


def test_a_change_without_the_forms_csrf_token_is_refused(client: Client, plan_file: Path) -> None:
    c = client()
    before = plan_file.read_bytes()
    fields = form_of(c, "7") | {"csrf": "guessed"}
    assert post(c, "7", status="done", **fields).status_code == 403
    assert c.get("/activity/7?status=done", headers={"Host": HOST}).status_code == 200  # GET reads
    assert plan_file.read_bytes() == before


def test_read_only_shows_no_form_and_writes_nothing(client: Client, plan_file: Path) -> None:
    c = client(read_only=True)
    before = plan_file.read_bytes()
    page = get(c, "/activity/7").get_data(as_text=True)
    assert '<form class="change"' not in page and "Read-only" in page
    fields = {"seen": "any", "csrf": c.guard.csrf}  # type: ignore[attr-defined]
    assert post(c, "7", status="done", **fields).status_code == 403
    assert plan_file.read_bytes() == before


def test_an_invalid_plan_is_shown_as_validate_shows_it(client: Client, plan_file: Path) -> None:
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("status: not-started", "status: klar-ish", 1), "utf-8")
    c = client()
    answer = get(c, "/")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422 and "does not validate" in page
    assert re.search(r"plan2025\.yaml:\d+:\d+: ", page)  # file, line and column
    assert "Traceback" not in page


def test_plan_text_is_escaped_everywhere(client: Client, plan_file: Path) -> None:
    hostile = "<script>alert(1)</script>\"'&"
    text = plan_file.read_text(encoding="utf-8")
    title = "Delta i kommunikationschefernas nätverk med regelbundenhet"
    plan_file.write_text(text.replace(title, f"'{hostile.replace(chr(39), chr(39) * 2)}'"), "utf-8")
    c = client()
    for path in ("/", "/activities", "/activity/1", "/activities?search=%3Cscript%3E"):
        page = get(c, path).get_data(as_text=True)
        assert "<script>alert" not in page, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in get(c, "/activity/1").get_data(as_text=True)


def test_static_files_stay_in_their_folder(client: Client) -> None:
    c = client()
    assert get(c, "/static/hplan.css").status_code == 200
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fguard.py"):
        assert get(c, path).status_code == 404, path


def test_filters_live_in_the_url(client: Client) -> None:
    c = client(as_of="2025-07-01")
    page = get(c, "/activities?owner=Karin+Flordal&goal=4.2.3&status=not-started").get_data(
        as_text=True
    )
    ids = re.findall(r'<a href="/activity/(\d+)">', page)
    assert ids and set(ids) <= {"4", "9", "11", "12", "13", "14", "15", "16", "17", "18", "19"}
    assert '<option value="Karin Flordal" selected>' in page
    found = get(c, "/activities?search=Vävmässan").get_data(as_text=True)
    assert re.findall(r'<a href="/activity/(\d+)">', found) == ["6"]


def test_the_version_changes_when_the_file_does(client: Client, plan_file: Path) -> None:
    c = client()
    first = get(c, "/version").get_data(as_text=True)
    assert first == hashlib.sha256(plan_file.read_bytes()).hexdigest()
    plan_file.write_text(plan_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert get(c, "/version").get_data(as_text=True) != first


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_with_commit_each_change_is_one_commit(client: Client, plan_file: Path) -> None:
    folder = plan_file.parent

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-c", "user.name=Linda Beigler", "-c", "user.email=l@example.org", *args],
            cwd=folder, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip

    git("init", "-q")
    git("add", "plan2025.yaml")
    git("commit", "-qm", "Plan")
    git("config", "user.name", "Linda Beigler")
    git("config", "user.email", "l@example.org")
    c = client(as_of="2025-06-02", commit=True)
    assert post(c, "7", status="done", **form_of(c, "7")).status_code == 303
    log = git("log", "--format=%an|%s")
    assert log.splitlines()[0] == "Linda Beigler|Status of 7 set to done, 2 June 2025"
    assert git("status", "--porcelain") == ""


def test_a_status_is_marked_from_the_list_and_the_list_shown_again(
    client: Client, plan_file: Path
) -> None:
    c = client(as_of="2025-06-02")
    listed = "/activities?owner=Karin+Flordal"
    page = get(c, listed).get_data(as_text=True)
    assert '<label for="status-17">New status for 17</label>' in page  # a visible label
    seen = re.search(
        r'action="/activity/17">\s*<input type="hidden" name="seen" value="(\w+)"', page
    )
    assert seen is not None  # row 17's form carries activity 17's own version
    fields = {"seen": seen[1], "csrf": c.guard.csrf, "back": listed}  # type: ignore[attr-defined]
    answer = post(c, "17", status="in-progress", **fields)
    assert answer.status_code == 303 and answer.headers["Location"] == listed
    assert "Status of 17 set to in progress" in get(c, listed).get_data(as_text=True)
    again = form_of(c, "4") | {"back": "//evil.example/"}  # back to this server's list only
    elsewhere = post(c, "4", status="done", **again)
    assert elsewhere.status_code == 303 and elsewhere.headers["Location"] == "/activity/4"


def test_the_timeline_page_is_the_reports_timeline(client: Client) -> None:
    page = get(client(as_of="2025-07-01"), "/timeline").get_data(as_text=True)
    assert page.count("<svg") >= 2 and 'role="img"' in page
    assert "7. Samordna och delta" in page and 'style="' not in page  # CSP: no inline style


def test_a_textareas_line_breaks_are_line_breaks(client: Client, plan_file: Path) -> None:
    """A browser sends a textarea's line breaks as CR LF (HTML's form encoding)."""
    c = client(as_of="2025-06-02")
    answer = post(c, "7", note="Första raden\r\nandra raden", **form_of(c, "7"))
    assert answer.status_code == 303, answer.get_data(as_text=True)
    seven = read_plan(plan_file).activity("7")
    assert seven is not None and seven.notes[-1].text == "Första raden\nandra raden"


@pytest.mark.parametrize(
    "back", ["/activities\r\nSet-Cookie: x=1", "/activities?q=<script>", "/activities/../x"]
)
def test_a_crafted_way_back_never_fails_after_the_write(
    client: Client, plan_file: Path, back: str
) -> None:
    c = client(as_of="2025-06-02")
    answer = post(c, "7", note="Skriven en gång", **(form_of(c, "7") | {"back": back}))
    assert answer.status_code == 303 and answer.headers["Location"] == "/activity/7"
    seven = read_plan(plan_file).activity("7")
    assert seven is not None and [n.text for n in seven.notes] == ["Skriven en gång"]


@pytest.mark.parametrize("path", ["/", "/activities"])
def test_an_activitys_title_is_its_link_in_every_table(client: Client, path: str) -> None:
    page = get(client(as_of="2025-07-01"), path).get_data(as_text=True)
    links = re.findall(r'<a href="/activity/(\d+)">([^<]*)</a>', page)
    assert links and all(not text.strip().isdigit() for _, text in links)
    assert (
        "7",
        "Samordna och delta i Hälsinglands medverkan i Outdoor-mässan i Stockholm.",
    ) in links


@pytest.mark.parametrize("day", ["foo", "31 februari 2025", "3000-01-01", "2025-13-01"])
def test_a_day_a_page_cannot_answer_as_of_is_a_400_in_words(client: Client, day: str) -> None:
    answer = get(client(), f"/activities?as_of={day}")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400 and "Traceback" not in page
    assert "unexpected error" not in page and f"&#39;{day}&#39;" in page  # said, quoted


def test_the_browser_is_handed_a_private_page_never_the_token(
    monkeypatch: pytest.MonkeyPatch, plan_file: Path
) -> None:
    """Issue 34, item 2: a browser's arguments are in `ps` for every user to read."""
    import stat
    import webbrowser

    from waitress import server as waitress_server

    from hplan.web import server as serving
    from hplan.web.app import Settings
    from hplan.web.guard import Guard

    opened: list[str] = []
    seen: list[str] = []

    class Stopped:
        def run(self) -> None:
            page = Path(opened[0].removeprefix("file://"))
            assert stat.S_IMODE(page.stat().st_mode) == 0o600
            assert stat.S_IMODE(page.parent.stat().st_mode) == 0o700
            seen.append(page.read_text(encoding="utf-8"))
            raise KeyboardInterrupt

        def close(self) -> None:
            pass

    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    monkeypatch.setattr(waitress_server, "create_server", lambda *a, **k: Stopped())
    listener, _ = serving.listen("127.0.0.1", 0)
    guard = Guard.for_address("127.0.0.1", listener.getsockname()[1])
    said: list[str] = []
    serving.serve(Settings(plan=plan_file, guard=guard), listener, open_browser=True,
                  say=said.append)  # fmt: skip
    listener.close()
    assert guard.token in said[0] and guard.token not in opened[0]
    assert f"url={said[0]}" in seen[0]  # the page sends the browser on
    assert not Path(opened[0].removeprefix("file://")).exists()  # gone with the server


def test_a_page_of_an_unchanged_plan_is_drawn_once_and_a_repeat_is_304(
    client: Client, plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 35: 50 readers drew the same list 50 times; the browser's repeat sends it again."""
    from hplan.web import answers

    drawn: list[str] = []
    real = answers.render_page
    monkeypatch.setattr(answers, "render_page", lambda name, *a, **k: drawn.append(name)
                        or real(name, *a, **k))  # fmt: skip
    c = client()
    first, second = get(c, "/activities"), get(c, "/activities")
    assert first.status_code == second.status_code == 200 and drawn == ["activities"]
    assert first.get_data() == second.get_data() and first.headers["ETag"] == second.headers["ETag"]
    assert first.headers["Cache-Control"] == "private, no-cache"
    again = c.get("/activities", headers={"Host": HOST, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
    # The plan changed: drawn anew, with another ETag.
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace(
        "status: not-started", "status: in-progress", 1), encoding="utf-8")  # fmt: skip
    changed = get(c, "/activities")
    assert changed.headers["ETag"] != first.headers["ETag"] and drawn == ["activities"] * 2
    # Another address is another page.
    assert get(c, "/activities?status=done").headers["ETag"] != changed.headers["ETag"]


def test_after_a_change_the_next_page_parses_only_what_changed(
    client: Client, plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 35: the first page after a change read the whole plan again; the server's next
    session is read from the one before, only the changed activity parsed."""
    from hplan.store import incremental, reading

    c = client()
    assert get(c, "/activities").status_code == 200
    parsed: list[int] = []
    for module in (reading, incremental):
        real = module.parse_plan
        monkeypatch.setattr(module, "parse_plan", lambda source, real=real: parsed.append(
            len(source.raw)) or real(source))  # fmt: skip
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("status: not-started", "status: done", 1), encoding="utf-8")
    changed = get(c, "/activities")
    assert changed.status_code == 200 and "done" in changed.get_data(as_text=True)
    whole = len(plan_file.read_bytes())
    assert parsed and all(size < whole for size in parsed)  # never the whole file


def test_a_late_row_is_marked_not_painted(client: Client) -> None:
    """Issue 33: the whole overview turned red; now the row's edge and its days-late cell."""
    html = get(client(as_of="2025-07-01"), "/").get_data(as_text=True)
    rows = re.findall(r'<tr class="late">(.*?)</tr>', html, re.S)
    late = [row for row in rows if 'data-label="Late"' in row]  # the overdue table's rows
    assert late and all(re.search(r'<td data-label="Late" class="days">\d+ d', r) for r in late)
    css = (Path(answers_static()) / "hplan.css").read_text(encoding="utf-8")
    assert "tr.late td {" not in css and "tr.late td.days" in css


def answers_static() -> Path:
    from hplan import web

    return Path(web.__file__).parent / "static"


def test_the_overview_says_the_plans_year_is_over_as_the_terminal_does(client: Client) -> None:
    """Issue 33: the terminal said it; the overview did not. One rule: year_is_over."""
    from hplan.api import Session
    from hplan.render.messages import past_year_warning

    c = client()  # no --as-of: today, 2026 or later, is past the plan's 2025
    today = Session(c.application.extensions["hplan"].settings.plan).today
    html = get(c, "/").get_data(as_text=True)
    said = past_year_warning(2025, today, "en").strip()  # the tests' language (HPLAN_LANG)
    assert 'class="said notice" role="note"' in html and said.split(";")[0] in html
    assert "notice" not in get(client(as_of="2025-07-01"), "/").get_data(as_text=True)


def test_the_day_field_is_the_plans_words_not_the_browsers_date_picker(
    client: Client, swedish: None
) -> None:
    """Issue 33: a date field showed mm/dd/yyyy (the browser's locale); the field is text in
    the plan's form, and reads "1 juli 2025" as the terminal's --as-of does."""
    c = client(as_of="2025-07-01")
    page = get(c, "/activities").get_data(as_text=True)
    field = re.search(r'<input id="as_of"[^>]*>', page)
    assert field is not None and 'type="text"' in field[0] and 'type="date"' not in page
    assert 'placeholder="1 juli 2025"' in field[0]
    assert "En dag som 1 juli 2025, eller 2025-07-01" in page
    chosen = get(c, "/activities?as_of=1+juni+2025").get_data(as_text=True)
    assert 'value="1 juni 2025"' in chosen and "1 juni 2025" in chosen.split("<footer>")[1]
