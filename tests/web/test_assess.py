"""The web view's part of the follow-up (issue 30): the round on the overview, the list
filtered by assessment, and the assessment form on an activity's page, with the same token,
CSRF, per-activity version and 409 as the status form; in Flask's client and in Chromium."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from hplan.api import Session
from hplan.store.reading import read_plan

from ..api.test_changes import changed_lines
from ..api.test_followups import with_rounds
from ..conftest import set_status
from .conftest import Client
from .test_app import HOST, ORIGIN, form_of, get


@pytest.fixture
def rounds(plan_file: Path) -> Path:
    return with_rounds(plan_file)


def assess(c: Any, activity_id: str, origin: str | None = ORIGIN, **fields: str) -> Any:
    headers = {"Host": HOST} | ({"Origin": origin} if origin else {})
    return c.post(f"/activity/{activity_id}/assess", data=fields, headers=headers)


@pytest.mark.usefixtures("rounds")
def test_the_overview_shows_the_round_and_the_answers_in(client: Client) -> None:
    c = client(as_of="2025-05-08")
    page = get(c, "/").get_data(as_text=True)
    assert "Follow-up round: Tertial 1" in page
    assert "0 of 19 open activities assessed; answers due 12 May 2025." in page
    assert 'href="/activities?assessment=at-risk"' in page


def test_without_a_round_there_is_no_assessment_anywhere(client: Client) -> None:
    c = client(as_of="2025-05-08")
    assert "Follow-up round" not in get(c, "/").get_data(as_text=True)
    assert 'name="assessment"' not in get(c, "/activity/5").get_data(as_text=True)
    assert 'id="assessment"' not in get(c, "/activities").get_data(as_text=True)


@pytest.mark.usefixtures("rounds")
def test_the_form_writes_the_answer_minimally(client: Client, plan_file: Path) -> None:
    c = client(as_of="2025-05-08")
    before = plan_file.read_text(encoding="utf-8")
    fields = form_of(c, "5")
    answer = assess(c, "5", assessment="at-risk", comment="Ingen lokal", **fields)
    assert answer.status_code == 303 and answer.headers["Location"] == "/activity/5"
    assert changed_lines(before, plan_file.read_text(encoding="utf-8")) == [
        "+    assessments:",
        "+      - round: T1",
        "+        assessment: at-risk",
        "+        comment: Ingen lokal",
        "+        by: Linda Beigler",
        "+        date: 2025-05-08",
    ]
    shown = get(c, "/activity/5").get_data(as_text=True)
    assert "Assessment of 5 for T1 set to at risk, 8 May 2025" in shown
    listed = get(c, "/activities?assessment=at-risk").get_data(as_text=True)
    assert re.findall(r'<a href="/activity/(\d+)">', listed) == ["5"]


@pytest.mark.usefixtures("rounds")
def test_who_answers_is_chosen_among_those_who_may(client: Client, plan_file: Path) -> None:
    c = client(as_of="2025-05-08")
    page = get(c, "/activity/9").get_data(as_text=True)
    assert '<option value="Karin Flordal">' in page and '<option value="Linda Beigler">' in page
    fields = form_of(c, "9")
    before = plan_file.read_bytes()
    refused = assess(c, "9", assessment="risk", by="Sammankallande kommunikationschef", **fields)
    assert refused.status_code == 422 and "does not own activity 9" in refused.get_data(True)
    assert plan_file.read_bytes() == before
    assert assess(c, "9", assessment="risk", by="Karin Flordal", **fields).status_code == 303
    answer = read_plan(plan_file).activity("9").answer("T1")  # type: ignore[union-attr]
    assert answer is not None and answer.by == "Karin Flordal"


@pytest.mark.usefixtures("rounds")
def test_a_change_to_the_activity_meanwhile_is_409_and_the_comment_kept(
    client: Client, plan_file: Path
) -> None:
    c = client(as_of="2025-05-08")
    fields = form_of(c, "5")
    set_status(plan_file, "5", None, date(2025, 5, 8), note="Någon annan skrev")
    changed = plan_file.read_bytes()
    answer = assess(c, "5", assessment="at-risk", comment="Min kommentar", **fields)
    assert answer.status_code == 409
    page = answer.get_data(as_text=True)
    assert "Min kommentar</textarea>" in page
    assert plan_file.read_bytes() == changed
    other = form_of(c, "7")  # another activity's form from the same moment writes
    Session(plan_file, as_of="2025-05-08").assess(["5"], "on-track")
    assert assess(c, "7", assessment="off-track", **other).status_code == 303


@pytest.mark.usefixtures("rounds")
@pytest.mark.parametrize(
    ("extra", "code"), [({"csrf": "guessed"}, 403), ({"seen": ""}, 400), ({"assessment": "x"}, 400)]
)
def test_a_form_that_cannot_be_taken_writes_nothing(
    client: Client, plan_file: Path, extra: dict[str, str], code: int
) -> None:
    c = client(as_of="2025-05-08")
    before = plan_file.read_bytes()
    fields = {**form_of(c, "5"), "assessment": "at-risk", **extra}
    assert assess(c, "5", **fields).status_code == code
    assert plan_file.read_bytes() == before
    read_only = client(as_of="2025-05-08", read_only=True)
    assert assess(read_only, "5", **{**form_of(c, "5"), "assessment": "risk"}).status_code == 403
    assert plan_file.read_bytes() == before
