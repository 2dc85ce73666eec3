"""The digest asks for a follow-up round's assessments (issue 30): what each owner still owes,
a reminder in the last days, nobody asked who has answered everything, nothing sent twice;
parsed back from a real SMTP server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from hplan.api import Session
from hplan.api import digest as api

from ..api.test_followups import with_rounds
from ..conftest import Run
from .servers import PASSWORD, Mailbox, starttls_server
from .test_delivery import KARIN, LINDA, send
from .test_digest import CONTACTS


@pytest.fixture(autouse=True)
def _contacts(plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_rounds(plan_file)
    plan_file.with_name("contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    monkeypatch.setenv("HPLAN_SMTP_PASSWORD", PASSWORD)


def asked(plan_file: Path, day: str) -> dict[str, list[str]]:
    built = api.build(Session(plan_file, as_of=day))
    return {d.owner.name: [a.id for a in d.asked] for d in built.digests}


def test_each_owner_is_asked_for_their_own_open_activities_while_the_round_takes_answers(
    plan_file: Path,
) -> None:
    assert asked(plan_file, "2025-04-29") == {"Linda Beigler": [], "Karin Flordal": []}
    during = asked(plan_file, "2025-05-02")
    assert "5" in during["Linda Beigler"] and "9" in during["Karin Flordal"]
    assert "17" in during["Karin Flordal"] and "17" not in during["Linda Beigler"]
    Session(plan_file, as_of="2025-05-02").assess(["5"], "risk")
    assert "5" not in asked(plan_file, "2025-05-03")["Linda Beigler"]
    assert asked(plan_file, "2025-05-19")["Karin Flordal"] != []  # a week's grace
    assert asked(plan_file, "2025-05-20").get("Karin Flordal", []) == []  # then no more


def test_an_owner_who_answered_everything_is_not_asked_again(plan_file: Path) -> None:
    mine = asked(plan_file, "2025-05-02")["Karin Flordal"]
    for activity_id in mine:
        activity = Session(plan_file, as_of="2025-05-02").plan.activity(activity_id)
        assert activity is not None
        by = "Karin Flordal" if len(activity.owners) > 1 else None
        Session(plan_file, as_of="2025-05-02").assess([activity_id], "on-track", by=by)
    assert asked(plan_file, "2025-05-05").get("Karin Flordal", []) == []


def test_the_request_and_the_reminder_as_a_mail_program_reads_them(
    run: Run, plan_file: Path, tmp_path: Path
) -> None:
    mailbox = Mailbox()
    with starttls_server(tmp_path, mailbox) as (port, cafile):
        code, _, err = send(run, port, "--smtp-cafile", str(cafile), day="2025-05-02")
        assert code == 0, err
        karins = next(m for rcpt, m in mailbox.received if rcpt == [KARIN])
        assert "10 assessments asked for Tertial 1" in karins["Subject"]
        body = karins.get_body(("plain",)).get_content()
        assert "Your assessment for Tertial 1 (10)" in body
        assert "by 12 May 2025" in body
        assert "hplan assess 9 on-track|at-risk|off-track --comment '…'" in body
        html = karins.get_body(("html",)).get_content()
        assert "Your assessment for Tertial 1 (10)" in html
        # Linda answers one; the reminder days come, and she is reminded of the rest only.
        Session(plan_file, as_of="2025-05-08").assess(["5"], "risk")
        code, _, err = send(run, port, "--smtp-cafile", str(cafile), day="2025-05-10")
        assert code == 0, err
        lindas = [m for rcpt, m in mailbox.received if rcpt == [LINDA]]
        assert lindas[-1]["Subject"] == (
            "Reminder: 13 assessments missing for Tertial 1, due 12 May 2025"
        )
        assert "  5. Planera" not in lindas[-1].get_body(("plain",)).get_content()
        # A rerun the same week sends nothing twice.
        sent = len(mailbox.received)
        code, out, _ = send(run, port, "--smtp-cafile", str(cafile), day="2025-05-11")
        assert code == 0 and len(mailbox.received) == sent
        assert "not sent again to" in out


def test_the_dry_run_says_how_many_each_is_asked_for(run: Run) -> None:
    table = run("digest", "--as-of", "2025-05-02").stdout
    assert "To assess" in table.splitlines()[0]
    assert "To assess" not in run("digest", "--as-of", "2025-07-01").stdout
