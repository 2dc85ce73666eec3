"""`hplan inbox` against a real IMAP server (Dovecot on 127.0.0.1, TLS from a test CA), and the
whole loop: a digest sent over SMTP, a reply delivered to the mailbox, the plan written and
committed, a receipt sent, and a second run that changes nothing."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hplan.api import HplanError, Session, UsageError
from hplan.api.inbox import Inbox, Listen, ReplyState, read_inbox
from hplan.store.reading import read_plan

from .imap import PASSWORD as IMAP_PASSWORD
from .imap import TOKEN, Imap, dovecot, needs_dovecot
from .replies import CONTACTS, SECRET, SENDER, digest, reply
from .servers import PASSWORD as SMTP_PASSWORD
from .servers import USER as SMTP_USER
from .servers import Mailbox, starttls_server

pytestmark = needs_dovecot
DAY = "2025-06-04"


@pytest.fixture
def imap(tmp_path: Path) -> Iterator[Imap]:
    with dovecot(tmp_path) as server:
        yield server


@pytest.fixture(autouse=True)
def contacts(plan_file: Path) -> None:
    plan_file.with_name("contacts.yaml").write_text(CONTACTS, encoding="utf-8")


def read(plan_file: Path, imap: Imap, **asked: object) -> Inbox:
    env = {"HPLAN_SECRET": SECRET, "HPLAN_IMAP_PASSWORD": IMAP_PASSWORD}
    session = Session(plan_file, as_of=DAY, environ=env)
    asked.setdefault("imap_cafile", imap.cafile)
    return read_inbox(session, Listen(imap.url(), **asked))  # type: ignore[arg-type]


def test_a_dry_run_leaves_the_mailbox_as_it_was_and_apply_marks_it(
    plan_file: Path, imap: Imap
) -> None:
    imap.deliver(reply(digest(plan_file), "7 klar Montern bemannad"))
    done = read(plan_file, imap)
    assert [r.state for r in done.replies] == [ReplyState.RECORDED]
    assert imap.flags() == [set()]  # not even \Seen: read with BODY.PEEK, read-only
    done = read(plan_file, imap, apply=True)
    assert done.written and imap.flags() == [{b"\\Seen", b"hplan-done"}]
    assert read(plan_file, imap, apply=True).replies == []  # marked: not read again
    seven = read_plan(plan_file).activity("7")
    assert seven is not None and [n.text for n in seven.notes] == ["Montern bemannad"]


def test_replies_read_can_be_moved_to_a_folder(plan_file: Path, imap: Imap) -> None:
    imap.deliver(reply(digest(plan_file), "7 pågår Bokat"), reply(digest(plan_file), "5 pågår"))
    before = plan_file.read_bytes()
    with pytest.raises(UsageError, match="no folder 'Lästa svar'"):
        read(plan_file, imap, apply=True, imap_move="Lästa svar")
    assert plan_file.read_bytes() == before  # checked before anything was written
    imap.deliver(folder="Lästa svar")
    done = read(plan_file, imap, apply=True, imap_move="Lästa svar")
    assert len(done.replies) == 2
    assert imap.flags() == [] and len(imap.flags("Lästa svar")) == 2


def test_a_crash_between_the_write_and_the_mark_records_nothing_twice(
    plan_file: Path, imap: Imap, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hplan.mail.mailbox

    imap.deliver(reply(digest(plan_file), "7 pågår Bokat"))

    def lost(self: object, uids: list[int]) -> None:
        raise OSError("connection reset")

    with monkeypatch.context() as patched:
        patched.setattr(hplan.mail.mailbox._Imap, "_done", lost)
        with pytest.raises(HplanError, match="the plan is written"):
            read(plan_file, imap, apply=True)
    assert imap.flags() == [set()]
    again = read(plan_file, imap, apply=True)
    assert [r.state for r in again.replies] == [ReplyState.EARLIER] and not again.written
    assert imap.flags() == [{b"\\Seen", b"hplan-done"}]
    seven = read_plan(plan_file).activity("7")
    assert seven is not None and [n.text for n in seven.notes] == ["Bokat"]


def test_starttls_works_and_an_unknown_ca_is_refused(plan_file: Path, imap: Imap) -> None:
    imap.deliver(reply(digest(plan_file), "7 pågår Bokat"))
    env = {"HPLAN_SECRET": SECRET, "HPLAN_IMAP_PASSWORD": IMAP_PASSWORD}
    session = Session(plan_file, as_of=DAY, environ=env)
    url = f"imap://plan%40halsingerad.example@127.0.0.1:{imap.starttls_port}/INBOX"
    done = read_inbox(session, Listen(url, imap_cafile=imap.cafile))
    assert len(done.replies) == 1
    with pytest.raises(HplanError, match="CERTIFICATE_VERIFY_FAILED"):
        read_inbox(session, Listen(imap.url()))
    wrong = Session(plan_file, as_of=DAY, environ={**env, "HPLAN_IMAP_PASSWORD": "fel"})
    with pytest.raises(HplanError, match="cannot read the IMAP mailbox"):
        read_inbox(wrong, Listen(imap.url(), imap_cafile=imap.cafile))


def test_the_whole_loop_with_the_installed_hplan(
    plan_file: Path, imap: Imap, tmp_path: Path,
    script: Callable[..., subprocess.CompletedProcess[str]],
) -> None:  # fmt: skip
    folder = plan_file.parent

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                              text=True)  # fmt: skip
        return done.stdout

    git("init", "-q")
    git("config", "user.name", "hplan CI")
    git("config", "user.email", "ci@halsingerad.example")
    git("add", plan_file.name)
    git("commit", "-qm", "Planen 2025")
    before = plan_file.read_text(encoding="utf-8")
    received = Mailbox()
    with starttls_server(tmp_path, received) as (port, cafile):
        smtp = ["--from", SENDER, "--smtp-host", "127.0.0.1", "--smtp-port", str(port),
                "--smtp-user", SMTP_USER, "--smtp-cafile", str(cafile)]  # fmt: skip
        env = {"HPLAN_SECRET": SECRET, "HPLAN_SMTP_PASSWORD": SMTP_PASSWORD,
               "HPLAN_IMAP_PASSWORD": IMAP_PASSWORD, "HPLAN_LANG": ""}  # fmt: skip
        sent = script("--as-of", "2025-06-02", "digest", "--send", *smtp, cwd=folder, env=env)
        assert sent.returncode == 0, sent.stderr
        lindas = next(m for to, m in received.received if to == ["linda.beigler@example.org"])
        answer = reply(lindas, "7 genomförd Montern bemannad båda dagarna\n17 klar",
                       message_id="<svar-1@example.org>")  # fmt: skip
        imap.deliver(answer)
        inbox = ["--as-of", DAY, "inbox", imap.url(), "--imap-cafile", str(imap.cafile)]
        done = script(*inbox, "--apply", "--commit", "--receipts", *smtp, cwd=folder, env=env)
        assert done.returncode == 9, done.stderr  # line 2 was refused: 17 is Karin's
        assert "kvittens skickad till linda.beigler@example.org" in done.stderr
        # The plan's diff is the minimal edit, committed by Linda, hplan the committer.
        assert git("log", "-1", "--format=%an <%ae>|%cn") == (
            "Linda Beigler <linda.beigler@example.org>|hplan CI\n")  # fmt: skip
        assert plan_file.read_text(encoding="utf-8") == before.replace(
            "    deadline: 17–18 maj\n    status: not-started\n",
            "    deadline: 17–18 maj\n    status: done\n    status_date: 2025-06-04\n"
            "    notes:\n      - date: 2025-06-04\n        text: Montern bemannad båda dagarna\n"
            "        by: Linda Beigler\n        via: <svar-1@example.org>\n",
        )
        # The receipt, as Linda's mail program reads it.
        receipt = received.received[-1][1]
        assert received.received[-1][0] == ["linda.beigler@example.org"]
        assert str(receipt["In-Reply-To"]) == "<svar-1@example.org>"
        assert str(receipt["Auto-Submitted"]) == "auto-replied"
        text = str(receipt.get_body(("plain",)).get_content()).replace("\r\n", "\n")  # type: ignore[union-attr]
        assert "Infört:\n  7. Samordna och delta i Hälsinglands medverkan" in text
        assert "\n     7: genomförd — Montern bemannad båda dagarna\n" in text
        assert "Rad 2: «17 klar»" in text and "inte din att svara för" in text
        count = len(received.received)
        # A second run (and a run after the same reply is delivered again) changes nothing.
        imap.deliver(answer)
        again = script(*inbox, "--apply", "--commit", "--receipts", *smtp, cwd=folder, env=env)
        assert again.returncode == 0, again.stderr
        assert len(received.received) == count
        assert len(git("log", "--format=%H").splitlines()) == 2
        assert git("status", "--porcelain", plan_file.name) == ""


def test_an_oauth_access_token_instead_of_a_password(plan_file: Path, imap: Imap) -> None:
    """Microsoft 365 takes no password over IMAP: an access token (XOAUTH2) does."""
    imap.deliver(reply(digest(plan_file), "7 pågår Bokat"))
    for token, works in ((TOKEN, True), ("ett-gammalt-token", False)):
        session = Session(plan_file, as_of=DAY,
                          environ={"HPLAN_SECRET": SECRET, "HPLAN_IMAP_TOKEN": token})  # fmt: skip
        if works:
            done = read_inbox(session, Listen(imap.url(), imap_cafile=imap.cafile))
            assert [r.state for r in done.replies] == [ReplyState.RECORDED]
        else:
            with pytest.raises(HplanError, match=r"AUTHENTICATIONFAILED|Authentication failed"):
                read_inbox(session, Listen(imap.url(), imap_cafile=imap.cafile))
