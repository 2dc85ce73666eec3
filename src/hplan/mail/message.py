"""One digest as an e-mail message: plain text and HTML alternatives, with headers that a
mail program shows right (å, ä, ö in names and subjects) and that no plan text can add to.

Built with the standard library's `email.message.EmailMessage` and its SMTP policy, which
encodes non-ASCII headers (RFC 2047) and folds long ones; a header value is refused if it
holds a line break of any kind, so a title or a name can never add or split a header. Plan
text is never read as an encoded word (`=?utf-8?q?…=0D=0A…?=` would decode to a line break
that some Pythons write raw: CVE-2024-6923), and every message is read back before it goes:
its headers are exactly the ones hplan wrote, to exactly its one recipient, whatever the
Python (issue 34).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from hplan.errors import Message, WriteRefused
from hplan.plan.rules import ascii_address

ENCODED_WORD = "=?"
"""How an RFC 2047 encoded word starts; in plan text it is text, never an encoding."""
WORD_JOINER = "\u2060"
"""Invisible, and breaks "=?" so that no parser takes plan text for an encoded word."""

LINE_BREAKS = ("\r", "\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
"""Every character that some mail program or Python's email package takes for a line end."""


@dataclass(frozen=True)
class Letter:
    """What one message says, and to whom."""

    name: str
    address: str
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class Sender:
    """The sender as given (`Namn <a@b.se>` or `a@b.se`), read once: its name, its address,
    and the domain of the Message-IDs (hplan.invalid without one)."""

    text: str
    name: str
    address: str

    @property
    def domain(self) -> str:
        return self.address.rsplit("@", 1)[1] if "@" in self.address else "hplan.invalid"


def read_sender(text: str) -> Sender:
    """The sender as a person writes it, parsed once."""
    from email.utils import parseaddr

    name, address = parseaddr(text)
    return Sender(text, name, address or text)


def message_id(address: str, owner: str, plan: str, day: date, domain: str) -> str:
    """The same for the same person, plan and ISO week: a second run that week is known.
    `owner` is whose digest it is: a person and a role sharing a mailbox get two."""
    year, week, _ = day.isocalendar()
    key = f"{address.casefold()}\0{owner}\0{plan}\0{year}-W{week:02d}".encode()
    return f"<hplan-digest.{hashlib.sha256(key).hexdigest()[:24]}@{domain}>"


def signed_id(secret: str, address: str, owner: str, plan: str, day: date, domain: str) -> str:
    """A digest's Message-ID that hplan can verify when a reply names it, with no log of what
    was sent: the ISO week in clear and an HMAC-SHA256 (with `secret`) over the address, whose
    digest it is, the plan and that week. The same for the same digest and week."""
    year, week, _ = day.isocalendar()
    mac = _mac(secret, address, owner, plan, year, week)
    return f"<hplan.{year}W{week:02d}.{mac}@{domain}>"


_SIGNED = re.compile(r"^<hplan\.([0-9]{4})W([0-9]{2})\.([a-z2-7]{24})@[^<>@\s]+>$")


def signed_week(
    identifier: str, secret: str, address: str, owners: Sequence[str], plan: str
) -> tuple[date, str] | None:
    """The Monday of the week of the digest `identifier` names, and whose digest it was (one
    of `owners`), when hplan signed it for `address` and `plan` with `secret`; else None."""
    found = _SIGNED.match(identifier)
    if found is None:
        return None
    year, week = int(found.group(1)), int(found.group(2))
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    for owner in owners:
        if hmac.compare_digest(_mac(secret, address, owner, plan, year, week), found.group(3)):
            return monday, owner
    return None


def _mac(secret: str, address: str, owner: str, plan: str, year: int, week: int) -> str:
    """120 bits of the HMAC in base32: short enough that the Message-ID header is one line."""
    key = f"hplan-digest\0{address.casefold()}\0{owner}\0{plan}\0{year}-W{week:02d}".encode()
    digest = hmac.new(secret.encode(), key, hashlib.sha256).digest()[:15]
    return base64.b32encode(digest).decode().lower()


def receipt_id(reply_id: str, domain: str) -> str:
    """The Message-ID of the receipt of a reply: the same for the same reply, so that the sent
    log knows a receipt sent once."""
    return f"<hplan-receipt.{hashlib.sha256(reply_id.encode()).hexdigest()[:24]}@{domain}>"


def compose(
    letter: Letter, sender: Sender, sent: datetime, identifier: str, answers: str | None = None
) -> EmailMessage:
    """The message: From, To with the person's name, Subject, Date, a stable Message-ID,
    Auto-Submitted, and the text part, with the HTML part where the letter has one.
    `answers`: the Message-ID of the message this one answers (a receipt)."""
    for value in (letter.name, letter.subject, letter.address, sender.text, answers or ""):
        if any(mark in value for mark in LINE_BREAKS):
            raise WriteRefused(
                Message("a line break in a mail header ({value!r}); nothing was sent", value=value)
            )
    message = EmailMessage(policy=SMTP)
    message["From"] = Address(display_name=_literal(sender.name), addr_spec=sender.address)
    to = ascii_address(letter.address)
    message["To"] = Address(display_name=_literal(letter.name), addr_spec=to)
    message["Subject"] = _literal(letter.subject)
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = identifier
    if answers:
        message["In-Reply-To"] = answers
        message["References"] = answers
    # RFC 3834: a program's message; an out-of-office answer to it is never sent back.
    message["Auto-Submitted"] = "auto-replied" if answers else "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content(letter.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    if letter.html:
        message.add_alternative(
            letter.html, subtype="html", charset="utf-8", cte="quoted-printable"
        )
    _read_back(message, to)
    return message


def _literal(text: str) -> str:
    """Plan text for a header, never taken for an encoded word."""
    return text.replace(ENCODED_WORD, f"={WORD_JOINER}?")


def _read_back(message: EmailMessage, address: str) -> None:
    """The message's headers as a mail server will read them: exactly the ones written, once
    each, and one recipient, `address`; else nothing is sent (a header was added)."""
    from email import policy
    from email.parser import BytesHeaderParser

    head = message.as_bytes().split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
    parsed = BytesHeaderParser(policy=policy.default).parsebytes(head)
    names = [name.lower() for name in parsed]
    expected = [name.lower() for name in message]
    recipients = [a.addr_spec for a in getattr(parsed["To"], "addresses", ())]
    if names != expected or recipients != [address] or parsed["Cc"] or parsed["Bcc"]:
        raise WriteRefused(
            Message("the message to {address} would not read back as written (a header was "
                    "added by plan text); nothing was sent", address=address)
        )  # fmt: skip
