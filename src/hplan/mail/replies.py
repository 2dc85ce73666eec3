"""An e-mail reply as hplan reads it: who sent it, which messages it answers, and its new
text alone, without what it quotes, its signature or a disclaimer.

The new text is found by mail-parser-reply (MIT, pure Python, no dependencies), chosen over
email-reply-parser (English only) and talon (machine-learned signatures, NumPy and
scikit-learn): it knows Outlook's "Från:/Skickat:/Till:" block in Swedish and English, "Den …
skrev:" and "On … wrote:", Swedish and English signatures ("Med vänliga hälsningar",
"Skickat från min iPhone"). What it leaves, hplan trims by two rules of its own: a line
quoted with ">" is never new text, and an "-----Ursprungligt meddelande-----" line ends it.
An HTML-only reply is read as text by the standard library's HTML parser (a block or a
line break is a new line).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from email import message_from_bytes
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser
from typing import NamedTuple

REPLY_LANGUAGES = ["sv", "en"]
"""The languages whose quoting headers and signatures the reply parser knows here."""
_SEPARATOR = re.compile(r"^\s*-{3,}\s*[^-]+?\s*-{3,}\s*$")
"""-----Ursprungligt meddelande----- / ---------- Forwarded message ---------"""
_IDS = re.compile(r"<[^<>\s]+>")


class Reply(NamedTuple):
    """One message as read: its Message-ID, sender, date, subject, the Message-IDs it answers
    (In-Reply-To, then References), its new text, and whether a program sent it (an
    auto-reply: never answered)."""

    message_id: str
    name: str
    address: str
    date: datetime | None
    subject: str
    answers: list[str]
    text: str
    automatic: bool
    forged: bool = False
    """The receiving server found its From forged: DMARC failed (its Authentication-Results)."""


def read_reply(raw: bytes) -> Reply:
    """The reply in a message's bytes (as a mailbox keeps them)."""
    # The compat32 policy: the default policy's header objects cost ten times as much to
    # parse (500 replies: 4 s of 7), and hplan reads eight headers as text.
    message = message_from_bytes(raw)
    senders = getaddresses([_header(message, "From")])
    name, address = senders[0] if len(senders) == 1 else ("", "")
    answers = _IDS.findall(_header(message, "In-Reply-To"))
    answers += [i for i in _IDS.findall(_header(message, "References")) if i not in answers]
    found = _IDS.search(_header(message, "Message-ID"))
    return Reply(
        found.group(0) if found else "", name, address.strip(), _date(message),
        " ".join(_header(message, "Subject").split()), answers, new_text(body(message)),
        automatic(message), forged(message),
    )  # fmt: skip


def _header(message: Message, name: str) -> str:
    """A header's text, its encoded words (=?utf-8?q?…?=) decoded; "" when missing."""
    value = message.get(name)
    if value is None:
        return ""
    try:
        return str(make_header(decode_header(str(value))))
    except (LookupError, ValueError, HeaderParseError):  # an unknown charset, a broken word
        return str(value)


def _date(message: Message) -> datetime | None:
    try:
        text = _header(message, "Date")
        return parsedate_to_datetime(text) if text else None
    except (TypeError, ValueError):
        return None


def forged(message: Message) -> bool:
    """True when the mail server that took the reply says its From failed DMARC. Only the
    topmost Authentication-Results counts: the receiving server adds it above any a sender
    wrote in (RFC 8601)."""
    found = message.get_all("Authentication-Results") or []
    return bool(found) and re.search(r"\bdmarc\s*=\s*fail\b", str(found[0]), re.I) is not None


def automatic(message: Message) -> bool:
    """True for a message a program sent (an out-of-office answer, a delivery report): RFC
    3834's Auto-Submitted, and the headers Exchange and older programs use instead."""
    submitted = _header(message, "Auto-Submitted").strip().lower()
    if submitted and not submitted.startswith("no"):
        return True
    if message.get("X-Autoreply") or message.get("X-Autorespond"):
        return True
    if _header(message, "Precedence").strip().lower() in ("auto_reply", "bulk", "junk"):
        return True
    return message.get_content_type() == "multipart/report"


def body(message: Message) -> str:
    """The message's text: its plain part, else its HTML part as text ("" for neither).
    Attachments, and messages attached to it (a forward), are not its text."""
    parts = list(_parts(message))
    for kind in ("text/plain", "text/html"):
        part = next((p for p in parts if p.get_content_type() == kind), None)
        if part is not None:
            text = _content(part)
            return html_text(text) if kind == "text/html" else text
    return ""


def _parts(message: Message) -> Iterator[Message]:
    if message.get_content_type() == "message/rfc822":
        return
    if message.is_multipart():
        for part in message.get_payload():
            if isinstance(part, Message):
                yield from _parts(part)
    elif "attachment" not in str(message.get("Content-Disposition", "")).lower():
        yield message


def _content(part: Message) -> str:
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    try:
        return data.decode(part.get_content_charset() or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know
        return data.decode("utf-8", errors="replace")


def new_text(text: str) -> str:
    """What the sender wrote in this reply, above what it quotes and its signature."""
    from mailparser_reply import EmailReplyParser

    replies = EmailReplyParser(languages=list(REPLY_LANGUAGES)).read(text=text).replies
    written = replies[0].body if replies else ""
    lines = []
    for line in written.splitlines():
        if _SEPARATOR.match(line):
            break
        if not line.lstrip().startswith(">"):
            lines.append(line)
    return "\n".join(lines).strip()


class _Text(HTMLParser):
    """An HTML body's text: a block or a line break starts a new line; styles, scripts and
    what a blockquote quotes are no new text."""

    BLOCKS = frozenset(("p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "table", "hr", "pre"))
    HIDDEN = frozenset(("style", "script", "head", "title", "blockquote"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_text(html: str) -> str:
    """An HTML body as lines of text."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
