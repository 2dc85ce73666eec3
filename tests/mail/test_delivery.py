"""Delivery over SMTP to real servers on 127.0.0.1: STARTTLS with a test CA and AUTH, a
refused address, a dropped connection, a wrong password, a server that never answers, and
reruns that send nothing twice."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ..conftest import Run
from .servers import PASSWORD, USER, Mailbox, raw_server, starttls_server
from .test_digest import CONTACTS, SENDER

LINDA, KARIN = "linda.beigler@example.org", "karin.flordal@example.org"


@pytest.fixture(autouse=True)
def _contacts(plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan_file.with_name("contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    monkeypatch.setenv("HPLAN_SMTP_PASSWORD", PASSWORD)
    for name in ("HPLAN_SMTP_HOST", "HPLAN_SMTP_PORT", "HPLAN_SMTP_SECURITY", "HPLAN_SMTP_USER"):
        monkeypatch.delenv(name, raising=False)


def send(run: Run, port: int, *extra: str, day: str = "2025-07-01") -> tuple[int, str, str]:
    result = run(
        "digest", "--send", "--as-of", day, "--from", SENDER, "--smtp-host", "127.0.0.1",
        "--smtp-port", str(port), "--smtp-user", USER, *extra,
    )  # fmt: skip
    return result.code, result.stdout, result.stderr


def test_each_person_gets_one_message_over_starttls(
    run: Run, tmp_path: Path, plan_file: Path
) -> None:
    mailbox = Mailbox()
    with starttls_server(tmp_path, mailbox) as (port, cafile):
        code, out, err = send(run, port, "--smtp-cafile", str(cafile))
        assert code == 0, err
        assert out.splitlines() == [f"sent to {LINDA}", f"sent to {KARIN}"]
        assert "no address for Sammankallande kommunikationschef" in err
        assert sorted(mailbox.to()) == sorted([LINDA, KARIN])  # nobody else is written to
        karins = next(m for rcpt, m in mailbox.received if rcpt == [KARIN])
        assert karins["Subject"].startswith("Hälsingerådets handlingsplan 2025: 1 overdue")
        assert karins["To"].addresses[0].display_name == "Karin Flordal"
        body = karins.get_body(("plain",)).get_content()
        assert "17. Etablera Projektutvecklarnätverk i Hälsingland" in body
        assert "9. Kartlägga" in body  # through her role, Näringslivschefer
        assert "Hälsingegårdarnas" not in body  # Linda's, not hers
        assert karins.get_body(("html",)) is not None
        # A second run the same week sends nothing twice.
        code, out, _ = send(run, port, "--smtp-cafile", str(cafile), day="2025-07-03")
        assert code == 0 and len(mailbox.received) == 2
        assert "not sent again to" in out
        # --resend does; the next week is a new digest.
        assert send(run, port, "--smtp-cafile", str(cafile), "--resend")[0] == 0
        assert send(run, port, "--smtp-cafile", str(cafile), day="2025-07-08")[0] == 0
        assert len(mailbox.received) == 6
    log = [
        json.loads(line)
        for line in plan_file.with_name(".hplan-sent.jsonl").read_text().splitlines()
    ]
    assert {entry["state"] for entry in log} == {"sending", "sent"}


def test_a_certificate_from_an_unknown_ca_sends_nothing(run: Run, tmp_path: Path) -> None:
    mailbox = Mailbox()
    with starttls_server(tmp_path, mailbox) as (port, _cafile):
        code, out, _ = send(run, port)
    assert code == 1 and mailbox.received == []
    assert f"NOT sent to {LINDA}: the certificate of 127.0.0.1:{port} cannot be trusted" in out


def test_a_refused_address_does_not_stop_the_others(run: Run, tmp_path: Path) -> None:
    mailbox = Mailbox(refuse={LINDA})
    with starttls_server(tmp_path, mailbox) as (port, cafile):
        code, out, _ = send(run, port, "--smtp-cafile", str(cafile))
        assert code == 1
        assert f"NOT sent to {LINDA}: the server refused the address {LINDA} (550" in out
        assert f"sent to {KARIN}" in out.splitlines()
        assert mailbox.to() == [KARIN]
        # The rerun tries only the one that was missed.
        mailbox.refuse.clear()
        code, out, _ = send(run, port, "--smtp-cafile", str(cafile))
        assert code == 0 and sorted(mailbox.to()) == [KARIN, LINDA]


def test_a_wrong_password_is_said_and_nobody_is_sent_to(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HPLAN_SMTP_PASSWORD", "fel")
    mailbox = Mailbox()
    with starttls_server(tmp_path, mailbox) as (port, cafile):
        code, out, _ = send(run, port, "--smtp-cafile", str(cafile))
    assert code == 1 and mailbox.received == []
    assert out.count(f"wrong password for the SMTP user {USER}") == 2


def test_a_dropped_connection_loses_one_message_and_the_rest_go(run: Run) -> None:
    with raw_server("drop-first") as (port, taken):
        code, out, _ = send(run, port, "--smtp-security", "none", "--smtp-user", "")
    assert code == 1 and len(taken) == 1
    lines = out.splitlines()
    # The message's data was written whole before the server closed: hplan cannot know that
    # it did not go, so it says it may have, and never sends it twice (issue 34, item 9).
    assert lines[0].startswith(f"may have gone to {LINDA}: the server took the message")
    assert f"127.0.0.1:{port} closed the connection" in lines[0]
    assert lines[1] == f"sent to {KARIN}"


def test_a_server_that_never_answers_times_out(run: Run) -> None:
    with raw_server("silent") as (port, taken):
        code, out, _ = send(
            run, port, "--smtp-security", "none", "--smtp-user", "", "--smtp-timeout", "1"
        )
    assert code == 1 and taken == []
    assert f"127.0.0.1:{port} did not answer within 1 s" in out


def test_without_send_nothing_goes_out(run: Run, tmp_path: Path) -> None:
    mailbox = Mailbox()
    with starttls_server(tmp_path, mailbox) as (_port, _cafile):
        result = run("digest", "--as-of", "2025-07-01", "--smtp-host", "127.0.0.1")
    assert result.code == 0 and mailbox.received == []
    assert LINDA in result.stdout and KARIN in result.stdout
    assert "no address for Sammankallande kommunikationschef" in result.stderr


def test_out_writes_files_a_mail_program_opens(run: Run, tmp_path: Path) -> None:
    import email
    from email import policy

    folder = tmp_path / "utskick"
    result = run("digest", "--as-of", "2025-07-01", "--out", str(folder), "--from", SENDER)
    assert result.code == 0, result.stderr
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["karin.flordal_example.org.eml", "linda.beigler_example.org.eml"]
    with (folder / files[1]).open("rb") as handle:
        parsed = email.message_from_binary_file(handle, policy=policy.default)
    assert parsed["To"].addresses[0].addr_spec == LINDA
    assert run("digest", "--out", str(folder)).code == 2  # no sender: said, nothing written


def test_a_password_with_a_ring_works_with_cram_md5_and_is_never_printed(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .servers import cram_md5_server

    with cram_md5_server(PASSWORD) as (port, taken):
        code, out, err = send(run, port, "--smtp-security", "none")
        assert code == 0, err
        assert len(taken) == 2
    monkeypatch.setenv("HPLAN_SMTP_PASSWORD", "fel-lösenord-åäö")
    with cram_md5_server(PASSWORD) as (port, taken):
        code, out, err = send(run, port, "--smtp-security", "none", day="2025-07-08")
        assert code == 1 and taken == []
        assert "wrong password for the SMTP user" in out + err
        assert "fel-lösenord" not in out + err and "\\xf6" not in out + err


def test_an_unexpected_errors_words_never_carry_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    from hplan.cli.output import SECRETS, redacted

    monkeypatch.setenv("HPLAN_IMAP_PASSWORD", "hemligt-lösen")
    SECRETS.add("från-stdin-åäö")
    try:
        said = repr(UnicodeEncodeError("ascii", "hemligt-lösen", 9, 10, "ordinal not in range"))
        said += repr("från-stdin-åäö".encode().decode("latin-1")) + repr("från-stdin-åäö")
        shown = redacted(said)
        assert "hemligt" not in shown and "från-stdin" not in shown and "***" in shown
    finally:
        SECRETS.discard("från-stdin-åäö")


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--smtp-host", "smtp.kommun.se", "--smtp-security", "none", "--smtp-user", USER],
         "unencrypted to smtp.kommun.se"),
        (["--smtp-host", "127.0.0.1", "--base-url", "javascript:alert(1)//"], "no web address"),
        (["--smtp-host", "127.0.0.1", "--base-url", "data:text/html,<b>"], "no web address"),
    ],
)  # fmt: skip
def test_a_password_in_clear_to_another_machine_or_a_link_that_runs_is_refused(
    run: Run, extra: list[str], said: str
) -> None:
    result = run("digest", "--send", "--as-of", "2025-07-01", "--from", SENDER, *extra)
    assert result.code == 2 and said in result.stderr, result.stderr


def test_two_send_runs_at_once_send_each_message_once(tmp_path: Path, plan_file: Path) -> None:
    """The sent log is held for a whole run: the second waits, then sends nothing again."""
    import subprocess
    import time as clock

    from ..conftest import hplan_script

    slow = Mailbox()
    original = slow.handle_DATA

    async def handle_data(server: Any, session: Any, envelope: Any) -> str:
        import asyncio

        await asyncio.sleep(0.4)  # both runs are inside their send at once
        return await original(server, session, envelope)

    slow.handle_DATA = handle_data  # type: ignore[method-assign]
    with starttls_server(tmp_path, slow) as (port, cafile):
        argv = [hplan_script(), "digest", "--send", "--as-of", "2025-07-01", "--from", SENDER,
                "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-user", USER,
                "--smtp-cafile", str(cafile), "--plan", str(plan_file)]  # fmt: skip
        runs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
        clock.sleep(0.1)
        runs.append(
            subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        )
        said = [run.communicate(timeout=60) for run in runs]
        assert all(run.returncode == 0 for run in runs), said
        assert sorted(slow.to()) == sorted([LINDA, KARIN])  # once each, not twice


@pytest.mark.parametrize("kind", ["fifo", "folder", "link"])
def test_a_sent_log_that_is_no_file_is_refused_never_waited_on(
    run: Run, tmp_path: Path, kind: str
) -> None:
    import os

    target = tmp_path / "sent.jsonl"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        target.symlink_to(tmp_path / "elsewhere.jsonl")
    with starttls_server(tmp_path, Mailbox()) as (port, cafile):
        code, _, err = send(run, port, "--smtp-cafile", str(cafile), "--sent-log", str(target))
    assert code in (1, 2) and "sent-log" in err.replace(" ", "-") and "Traceback" not in err, err


def test_a_message_the_server_took_without_confirming_may_have_gone_and_is_not_sent_twice(
    run: Run,
) -> None:
    """Issue 34, item 9: the data went out whole and the server closed before its 250."""
    with raw_server("drop-before-250") as (port, taken):
        code, out, _ = send(run, port, "--smtp-security", "none", "--smtp-user", "")
        assert code == 1 and len(taken) == 2  # Linda's, unconfirmed, and Karin's
        lines = out.splitlines()
        assert lines[0].startswith(f"may have gone to {LINDA}: the server took the message")
        assert "NOT sent" not in out and lines[1] == f"sent to {KARIN}"
        again = send(run, port, "--smtp-security", "none", "--smtp-user", "")
    assert len(taken) == 2  # nothing twice
    assert f"not sent to {LINDA}: an earlier run was stopped" in again[1]


def test_a_server_that_drips_is_cut_at_the_timeout_for_the_whole_exchange(run: Run) -> None:
    """Issue 34, item 17: a byte a second never trips a socket's timeout; the deadline does."""
    import time

    with raw_server("drip") as (port, taken):
        began = time.monotonic()
        code, out, _ = send(
            run, port, "--smtp-security", "none", "--smtp-user", "", "--smtp-timeout", "2"
        )
        took = time.monotonic() - began
    assert code == 1 and taken == []
    assert f"127.0.0.1:{port} did not answer within 2 s" in out
    assert took < 30  # not the minute the server would drip for (a bound, not a speed)


@pytest.mark.parametrize("environ", [{"CI": "true"}, {"HPLAN_HIDE_ADDRESSES": "1"}])
def test_in_ci_what_is_said_of_a_send_names_people_not_addresses(
    run: Run, tmp_path: Path, environ: dict[str, str]
) -> None:
    """Issue 34, item 6: a public repository's job log would publish the contacts file."""
    mailbox = Mailbox()
    with starttls_server(tmp_path, mailbox) as (port, cafile):
        result = run(
            "digest", "--send", "--as-of", "2025-07-01", "--from", SENDER, "--smtp-host",
            "127.0.0.1", "--smtp-port", str(port), "--smtp-user", USER, "--smtp-cafile",
            str(cafile), env={"HPLAN_SMTP_PASSWORD": PASSWORD, **environ},
        )  # fmt: skip
    assert result.code == 0 and len(mailbox.received) == 2
    said = result.stdout + result.stderr
    assert "sent to Linda Beigler" in said and "sent to Karin Flordal" in said
    assert "@example.org" not in said


@pytest.mark.parametrize(
    ("environ", "shown"),
    [({}, True), ({"CI": "true"}, False), ({"CI": "false"}, True),
     ({"HPLAN_HIDE_ADDRESSES": "1"}, False), ({"HPLAN_HIDE_ADDRESSES": "0"}, True)],
)  # fmt: skip
def test_one_rule_decides_whether_addresses_are_named(environ: dict[str, str], shown: bool) -> None:
    """The digest's outcomes and the inbox's receipts and tables both ask it."""
    from hplan.api import inbox
    from hplan.api.digest import addresses_shown

    assert addresses_shown(environ) is shown
    assert inbox.addresses_shown is addresses_shown  # the inbox asks the same rule


def test_out_writes_every_file_or_none_and_says_what_to_do(run: Run, tmp_path: Path) -> None:
    """Issue 34, item 12: a file hplan did not write among the targets: none written, and no
    word of a --force that digest does not have."""
    folder = tmp_path / "utskick"
    folder.mkdir()
    (folder / "linda.beigler_example.org.eml").write_text("mitt eget\n", encoding="utf-8")
    result = run("digest", "--as-of", "2025-07-01", "--out", str(folder), "--from", SENDER)
    assert result.code == 7 and "nothing was written" in result.stderr
    assert "--force" not in result.stderr and "--out another folder" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["linda.beigler_example.org.eml"]
