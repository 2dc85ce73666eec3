"""Owners' answers by e-mail: replies as real mail programs write them, read from a Maildir, an
mbox, .eml files; each checked, each line recorded or refused on its own, each reply once."""

from __future__ import annotations

import mailbox
import subprocess
from pathlib import Path

import pytest

from hplan.api import Session, UsageError
from hplan.api.inbox import Inbox, Listen, ReplyState, read_inbox
from hplan.queries.replies import recorded_replies
from hplan.store.reading import read_plan

from ..conftest import Run
from .replies import (
    CONTACTS,
    KARIN,
    SECRET,
    automatic_reply,
    digest,
    environ,
    forwarded,
    reply,
)

DAY = "2025-06-04"


@pytest.fixture(autouse=True)
def contacts(plan_file: Path) -> Path:
    path = plan_file.with_name("contacts.yaml")
    path.write_text(CONTACTS, encoding="utf-8")
    return path


def maildir(folder: Path, *raws: bytes) -> Path:
    box = mailbox.Maildir(folder, create=True)
    for raw in raws:
        box.add(raw)
    box.close()
    return folder


def read(plan_file: Path, source: Path | str, day: str = DAY, **asked: object) -> Inbox:
    session = Session(plan_file, as_of=day, environ=environ())
    return read_inbox(session, Listen(str(source), **asked))  # type: ignore[arg-type]


def lines_of(inbox: Inbox) -> list[tuple[str | None, str | None]]:
    """Each line's activity and why it was refused (None: recorded)."""
    return [
        (line.activity_id, str(line.reason) if line.reason else None)
        for r in inbox.replies
        for line in r.lines
    ]


CLIENTS = ["outlook-sv", "outlook-html", "outlook-en", "gmail", "apple", "thunderbird"]


@pytest.mark.parametrize("client", CLIENTS)
def test_a_reply_from_each_mail_program_is_read_without_what_it_quotes(
    plan_file: Path, tmp_path: Path, client: str
) -> None:
    sent = digest(plan_file)
    raw = reply(sent, "7 genomförd Montern bemannad båda dagarna\n5 pågår Lokalen bokas", client)
    done = read(plan_file, maildir(tmp_path / "svar", raw), apply=True)
    [answered] = done.replies
    assert answered.state is ReplyState.RECORDED and answered.owner == "Linda Beigler"
    # Only the two new lines: the quoted digest (which lists 7, 5, 2 and 8 with their
    # titles), the signature and Outlook's Från: block are not read.
    assert [(line.activity_id, line.comment) for line in answered.lines] == [
        ("7", "Montern bemannad båda dagarna"),
        ("5", "Lokalen bokas"),
    ]
    plan = read_plan(plan_file)
    seven = plan.activity("7")
    assert seven is not None and seven.status.value == "done"
    assert seven.notes[-1].text == "Montern bemannad båda dagarna"
    assert seven.notes[-1].by == "Linda Beigler" and seven.notes[-1].via == answered.mail.message_id


def test_the_written_plan_is_the_minimal_edit(plan_file: Path, tmp_path: Path) -> None:
    before = plan_file.read_text(encoding="utf-8")
    sent = digest(plan_file)
    read(
        plan_file,
        maildir(
            tmp_path / "svar", reply(sent, "7 klar Montern bemannad", message_id="<r1@example.org>")
        ),
        apply=True,
    )
    after = plan_file.read_text(encoding="utf-8")
    assert after == before.replace(
        "    deadline: 17–18 maj\n    status: not-started\n",
        "    deadline: 17–18 maj\n    status: done\n    status_date: 2025-06-04\n"
        "    notes:\n      - date: 2025-06-04\n        text: Montern bemannad\n"
        "        by: Linda Beigler\n        via: <r1@example.org>\n",
    )


def test_a_dry_run_writes_nothing(plan_file: Path, tmp_path: Path) -> None:
    before = plan_file.read_bytes()
    done = read(plan_file, maildir(tmp_path / "svar", reply(digest(plan_file), "7 klar")))
    assert done.replies[0].state is ReplyState.RECORDED and not done.written
    assert plan_file.read_bytes() == before


def test_a_status_and_an_assessment_in_one_reply(plan_file: Path, tmp_path: Path) -> None:
    Session(plan_file, as_of="2025-05-01").open_round("T1", "2025-04-30", "2025-06-30")
    text = "7 genomförd Montern bemannad\n5 risk Lokalen är inte bokad än\n2 Enligt plan"
    done = read(plan_file, maildir(tmp_path / "svar", reply(digest(plan_file), text)), apply=True)
    assert lines_of(done) == [("7", None), ("5", None), ("2", None)]
    plan = read_plan(plan_file)
    five = plan.activity("5")
    assert five is not None
    answer = five.answer("T1")
    assert answer is not None and answer.assessment.value == "at-risk"
    assert answer.comment == "Lokalen är inte bokad än" and answer.by == "Linda Beigler"
    assert answer.via == done.replies[0].mail.message_id


def test_each_line_stands_on_its_own(plan_file: Path, tmp_path: Path) -> None:
    text = "7 klar Montern bemannad\n17 klar\n99 klar\nHej!\n8 kanske\n5 risk Lokalen"
    done = read(plan_file, maildir(tmp_path / "svar", reply(digest(plan_file), text)), apply=True)
    said = lines_of(done)
    assert said[0] == ("7", None)
    assert said[1][0] == "17" and "not yours" in str(said[1][1])
    assert said[2][0] == "99" and "no activity has id 99" in str(said[2][1])
    assert said[3][0] is None and "does not begin with an activity id" in str(said[3][1])
    assert said[4][0] is None and "'kanske'" in str(said[4][1])
    assert said[5][0] == "5" and "no follow-up round is open" in str(said[5][1])
    assert done.refused and done.written
    plan = read_plan(plan_file)
    assert [a.id for a in plan.activities if a.notes] == ["7"]


def test_the_same_reply_twice_is_recorded_once(plan_file: Path, tmp_path: Path) -> None:
    raw = reply(digest(plan_file), "7 pågår Montern bokad", message_id="<twice@example.org>")
    source = maildir(tmp_path / "svar", raw, raw)  # delivered twice
    done = read(plan_file, source, apply=True)
    assert [r.state for r in done.replies] == [ReplyState.RECORDED, ReplyState.EARLIER]
    again = read(plan_file, source, apply=True)
    assert [r.state for r in again.replies] == [ReplyState.EARLIER, ReplyState.EARLIER]
    assert not again.written and not again.refused
    seven = read_plan(plan_file).activity("7")
    assert seven is not None and [n.text for n in seven.notes] == ["Montern bokad"]


def test_without_the_record_of_replies_a_rerun_would_write_again(
    plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guarantee above rests on the Message-ID kept in the plan: switched off, it fails."""
    import hplan.queries.replies

    source = maildir(tmp_path / "svar", reply(digest(plan_file), "7 pågår Montern bokad"))
    read(plan_file, source, apply=True)
    monkeypatch.setattr(hplan.queries.replies, "recorded_replies", lambda plan: set())
    read(plan_file, source, apply=True)
    seven = read_plan(plan_file).activity("7")
    assert seven is not None and len(seven.notes) == 2


def refusal(done: Inbox) -> str:
    [answered] = done.replies
    assert answered.state is ReplyState.REFUSED and answered.lines == []
    return str(answered.reason)


def test_a_forged_sender_is_refused(plan_file: Path, tmp_path: Path) -> None:
    raw = reply(digest(plan_file), "7 klar", sender="Linda <linda.beigler@evil.example>")
    done = read(plan_file, maildir(tmp_path / "svar", raw), apply=True)
    assert "the address linda.beigler@evil.example" in refusal(done)
    assert not done.written and done.refused


def test_a_reply_the_receiving_server_found_forged_is_refused(
    plan_file: Path, tmp_path: Path
) -> None:
    raw = reply(digest(plan_file), "7 klar")
    top = b"Authentication-Results: mx.halsingerad.example; dmarc=fail header.from=example.org\r\n"
    inner = b"Authentication-Results: evil.example; dmarc=pass\r\n"
    done = read(plan_file, maildir(tmp_path / "a", top + inner + raw))
    assert "DMARC failed" in refusal(done)
    passed = (
        b"Authentication-Results: mx.halsingerad.example; dmarc=pass header.from=example.org\r\n"
    )
    done = read(plan_file, maildir(tmp_path / "b", passed + top + raw))  # the top one counts
    assert done.replies[0].state is ReplyState.RECORDED


def test_another_owners_address_with_lindas_digest_is_refused(
    plan_file: Path, tmp_path: Path
) -> None:
    raw = reply(digest(plan_file), "17 klar", sender=KARIN)  # Karin owns 17; the digest was Linda's
    done = read(plan_file, maildir(tmp_path / "svar", raw), apply=True)
    assert "answers no digest hplan sent to karin.flordal@example.org" in refusal(done)


def test_a_reply_to_no_digest_is_refused(plan_file: Path, tmp_path: Path) -> None:
    sent = digest(plan_file)
    made_up = "<hplan.2025W23.abcdefghijklmnopqrstuvwx@halsingerad.example>"
    for n, answers in enumerate(["", "<someone-else@example.org>", made_up]):
        raw = reply(sent, "7 klar", answers=answers)
        assert "answers no digest" in refusal(read(plan_file, maildir(tmp_path / f"{n}", raw)))


def test_a_digest_signed_with_another_secret_or_for_another_plan_is_refused(
    plan_file: Path, tmp_path: Path
) -> None:
    other = digest(plan_file, secret="en-helt-annan-hemlighet")
    done = read(plan_file, maildir(tmp_path / "a", reply(other, "7 klar")))
    assert "answers no digest" in refusal(done)
    text = plan_file.read_text(encoding="utf-8")
    second = plan_file.with_name("plan-gästrikland.yaml")
    second.write_text(text.replace("Hälsingerådets handlingsplan 2025", "Gästriklands plan 2025"))
    theirs = digest(second)
    done = read(plan_file, maildir(tmp_path / "b", reply(theirs, "7 klar")))
    assert "answers no digest" in refusal(done)


def test_a_reply_to_an_old_digest_is_refused(plan_file: Path, tmp_path: Path) -> None:
    source = maildir(tmp_path / "svar", reply(digest(plan_file, day="2025-04-28"), "7 klar"))
    assert read(plan_file, source, day="2025-06-02").replies[0].state is ReplyState.RECORDED
    assert "more than 35 days" in refusal(read(plan_file, source, day="2025-06-03"))
    assert "a week after" in refusal(read(plan_file, source, day="2025-04-27"))


def test_an_automatic_answer_is_ignored_and_never_answered(plan_file: Path, tmp_path: Path) -> None:
    done = read(
        plan_file, maildir(tmp_path / "svar", automatic_reply(digest(plan_file))), apply=True
    )
    assert [r.state for r in done.replies] == [ReplyState.IGNORED]
    assert not done.written and not done.refused


def test_a_forwarded_digest_is_no_answer(plan_file: Path, tmp_path: Path) -> None:
    done = read(plan_file, maildir(tmp_path / "svar", forwarded(digest(plan_file))), apply=True)
    assert "answers no digest" in refusal(done) and not done.written


def test_a_reply_with_no_line_to_read_says_so(plan_file: Path, tmp_path: Path) -> None:
    done = read(plan_file, maildir(tmp_path / "svar", reply(digest(plan_file), "")))
    assert done.replies[0].state is ReplyState.REFUSED
    assert "no line to read" in str(done.replies[0].reason)


def test_a_member_of_an_owning_role_may_answer(plan_file: Path, tmp_path: Path) -> None:
    # Make 7 the role's (Näringslivschefer); Karin is a member of the role.
    text = plan_file.read_text(encoding="utf-8")
    at = text.index("      - Linda Beigler\n", text.index("  - id: 7\n"))
    plan_file.write_text(text[:at] + "      - Näringslivschefer\n" + text[at + 22 :])
    seven = read_plan(plan_file).activity("7")
    assert seven is not None and seven.owners == ["Näringslivschefer"]
    owned = ["7"]
    sent = digest(plan_file, to="karin.flordal@example.org", day="2025-06-02")
    done = read(
        plan_file,
        maildir(tmp_path / "svar", reply(sent, f"{owned[0]} pågår", sender=KARIN)),
        apply=True,
    )
    assert lines_of(done) == [(owned[0], None)]
    changed = read_plan(plan_file).activity(owned[0])
    assert changed is not None and changed.notes[-1].by == "Karin Flordal"


@pytest.mark.parametrize("kind", ["maildir", "mbox", "eml"])
def test_each_kind_of_local_mailbox(plan_file: Path, tmp_path: Path, kind: str) -> None:
    raws = [reply(digest(plan_file), "7 pågår Bokat"), automatic_reply(digest(plan_file))]
    if kind == "maildir":
        source = maildir(tmp_path / "svar", *raws)
    elif kind == "mbox":
        source = tmp_path / "svar.mbox"
        box = mailbox.mbox(source)
        for raw in raws:
            box.add(raw)
        box.close()
    else:
        source = tmp_path / "svar"
        source.mkdir()
        for n, raw in enumerate(raws):
            (source / f"{n}.eml").write_bytes(raw)
    done = read(plan_file, source, apply=True)
    assert sorted(r.state.value for r in done.replies) == ["ignored", "recorded"]


def test_one_write_for_many_replies(
    plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hplan.store.document

    saves: list[int] = []
    real = hplan.store.document.PlanDocument.save

    def counted(self: object, *args: object, **kw: object) -> object:
        saves.append(1)
        return real(self, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(hplan.store.document.PlanDocument, "save", counted)
    sent = digest(plan_file)
    raws = [reply(sent, f"{i} pågår Svar {n}") for n, i in enumerate(["7", "5", "2", "8"] * 5)]
    done = read(plan_file, maildir(tmp_path / "svar", *raws), apply=True)
    assert len(done.replies) == 20 and saves == [1]
    assert len(recorded_replies(read_plan(plan_file))) == 20


def test_without_the_secret_nothing_is_read(plan_file: Path, tmp_path: Path) -> None:
    source = maildir(tmp_path / "svar", reply(digest(plan_file), "7 klar"))
    for secret in ({}, {"HPLAN_SECRET": "kort"}):
        with pytest.raises(UsageError) as raised:
            read_inbox(Session(plan_file, as_of=DAY, environ=secret), Listen(str(source)))
        assert raised.value.field == "HPLAN_SECRET"


def test_a_digest_with_the_secret_says_how_to_answer(plan_file: Path) -> None:
    sent = digest(plan_file)
    text = str(sent.get_body(("plain",)).get_content())  # type: ignore[union-attr]
    assert "Svara på det här mejlet med en rad per aktivitet" in text
    assert "\n7 genomförd " in text
    assert str(sent["Message-ID"]).startswith("<hplan.2025W23.")  # one line, unfolded
    unsigned = Session(plan_file, as_of="2025-06-02", environ={})
    from hplan.api import digest as api

    [first, *_] = api.messages(unsigned, api.build(unsigned), "plan@halsingerad.example")
    assert "Svara på det här mejlet" not in str(first.message)


def test_the_command_line_dry_run_and_json(run: Run, plan_file: Path, tmp_path: Path) -> None:
    import json

    source = maildir(tmp_path / "svar", reply(digest(plan_file), "7 klar Bemannad\n17 klar"))
    shown = run("--as-of", DAY, "inbox", str(source), env=environ())
    assert shown.code == 9, shown.stderr
    assert "Linda Beigler" in shown.stdout and "would be recorded" in shown.stdout
    listed = json.loads(
        run("--as-of", DAY, "inbox", str(source), "--format", "json", env=environ()).stdout
    )
    assert listed[0]["state"] == "recorded" and listed[0]["lines"][1]["recorded"] is False
    refused = run("--as-of", DAY, "inbox", str(source), "--commit", env=environ())
    assert refused.code == 2 and "--apply" in refused.stderr


def test_one_commit_per_reply_by_its_sender(plan_file: Path, tmp_path: Path) -> None:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=plan_file.parent, check=True, capture_output=True, text=True
        ).stdout

    git("init", "-q")
    git("-c", "user.name=Planen", "-c", "user.email=plan@x", "add", plan_file.name)
    git("-c", "user.name=Planen", "-c", "user.email=plan@x", "commit", "-qm", "start")
    git("config", "user.name", "hplan CI")
    git("config", "user.email", "ci@halsingerad.example")
    sent = digest(plan_file)
    karins = digest(plan_file, to="karin.flordal@example.org")
    source = maildir(
        tmp_path / "svar",
        reply(sent, "7 klar Bemannad"),
        reply(
            karins, "17 pågår Arbetet börjat", sender=KARIN, date="Tue, 03 Jun 2025 11:00:00 +0200"
        ),
    )
    read(plan_file, source, apply=True, commit=True)
    log = git("log", "--format=%an <%ae>|%cn|%s").splitlines()
    assert log[0].startswith("Karin Flordal <karin.flordal@example.org>|hplan CI|")
    assert log[1].startswith("Linda Beigler <linda.beigler@example.org>|hplan CI|")
    assert git("status", "--porcelain", plan_file.name) == ""
    assert SECRET not in plan_file.read_text(encoding="utf-8")


def test_a_person_and_a_role_sharing_a_mailbox_each_get_their_digest(
    plan_file: Path, tmp_path: Path
) -> None:
    from hplan.api import digest as api

    shared = (
        CONTACTS.replace(
            "  - name: Näringslivschefer\n    members: [Karin Flordal]\n",
            "  - name: Näringslivschefer\n    email: karin.flordal@example.org\n",
        )
        + "  - name: Sammankallande kommunikationschef\n    email: a+b@example.org\n"
    )
    plan_file.with_name("contacts.yaml").write_text(shared + "", encoding="utf-8")
    text = plan_file.read_text(encoding="utf-8")
    at = text.index("      - Linda Beigler\n", text.index("  - id: 7\n"))
    plan_file.write_text(text[:at] + "      - Näringslivschefer\n" + text[at + 22 :])
    session = Session(plan_file, as_of="2025-06-02", environ=environ())
    built = api.build(session, always=True)
    sent = api.messages(session, built, "plan@halsingerad.example")
    to_karin = [o for o in sent if o.digest.address == "karin.flordal@example.org"]
    assert sorted(o.digest.owner.name for o in to_karin) == ["Karin Flordal", "Näringslivschefer"]
    assert len({str(o.message["Message-ID"]) for o in to_karin}) == 2  # both go out
    files = api.write_files(sent, tmp_path / "ut")
    assert len(files) == len(sent) == len(set(files))  # none written over another
    roles = next(o for o in to_karin if o.digest.owner.name == "Näringslivschefer")
    from email import message_from_bytes, policy

    parsed = message_from_bytes(bytes(roles.message), policy=policy.default)
    raw = reply(parsed, "7 pågår Rollens svar", sender=KARIN)  # type: ignore[arg-type]
    done = read(plan_file, maildir(tmp_path / "svar", raw), day="2025-06-04", apply=True)
    assert done.replies[0].owner == "Näringslivschefer" and lines_of(done) == [("7", None)]
