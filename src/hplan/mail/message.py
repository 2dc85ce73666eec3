"""One digest as an e-mail message: plain text and HTML alternatives, with headers that a
mail program shows right (å, ä, ö in names and subjects) and that no plan text can add to.

Built with the standard library's `email.message.EmailMessage` and its SMTP policy, which
encodes non-ASCII headers (RFC 2047) and folds long ones; a header value is refused if it
holds a line break of any kind, so a title or a name can never add or split a header.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from hplan.errors import Message, WriteRefused

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


def message_id(address: str, plan: str, day: date, domain: str) -> str:
    """The same for the same person, plan and ISO week: a second run that week is known."""
    year, week, _ = day.isocalendar()
    key = f"{address.casefold()}\0{plan}\0{year}-W{week:02d}".encode()
    return f"<hplan-digest.{hashlib.sha256(key).hexdigest()[:24]}@{domain}>"


def compose(letter: Letter, sender: Sender, sent: datetime, identifier: str) -> EmailMessage:
    """The message: From, To with the person's name, Subject, Date, a stable Message-ID,
    Auto-Submitted, and the text and HTML parts."""
    for value in (letter.name, letter.subject, letter.address, sender.text):
        if any(mark in value for mark in LINE_BREAKS):
            raise WriteRefused(
                Message("a line break in a mail header ({value!r}); nothing was sent", value=value)
            )
    message = EmailMessage(policy=SMTP)
    message["From"] = Address(display_name=sender.name, addr_spec=sender.address)
    message["To"] = Address(display_name=letter.name, addr_spec=letter.address)
    message["Subject"] = letter.subject
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = identifier
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content(letter.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(letter.html, subtype="html", charset="utf-8", cte="quoted-printable")
    return message
