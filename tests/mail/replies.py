"""Replies to a digest as real mail programs write them: Outlook (Swedish and English, with
and without a text part), Gmail, Apple Mail on an iPhone, Thunderbird; in quoted-printable,
base64 and format=flowed; and the digest they answer, made by hplan itself."""

from __future__ import annotations

import html
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from hplan.api import Session
from hplan.api import digest as api

CONTACTS = """\
owners:
  - name: Linda Beigler
    email: linda.beigler@example.org
  - name: Karin Flordal
    email: karin.flordal@example.org
  - name: Näringslivschefer
    members: [Karin Flordal]
"""
SENDER = "Hälsingerådet <plan@halsingerad.example>"

SECRET = "ett-hemligt-lösen-för-svaren"
LINDA = "Linda Beigler <linda.beigler@example.org>"
KARIN = "Karin Flordal <karin.flordal@example.org>"


def environ(**more: str) -> dict[str, str]:
    return {"HPLAN_SECRET": SECRET, **more}


def digest(
    plan_file: Path,
    day: str = "2025-06-02",
    to: str = "linda.beigler@example.org",
    secret: str = SECRET,
) -> EmailMessage:
    """The digest hplan sends `to` on `day`, as the owner's mail program parses it."""
    session = Session(plan_file, as_of=day, environ={"HPLAN_SECRET": secret})
    built = api.build(session)
    sent = [o.message for o in api.messages(session, built, SENDER) if o.digest.address == to]
    parsed = message_from_bytes(bytes(sent[0]), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def _quoted_text(original: EmailMessage) -> str:
    part = original.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def _quoted_html(original: EmailMessage) -> str:
    part = original.get_body(("html",))
    assert part is not None
    return str(part.get_content())


def _to_sender_of(
    original: EmailMessage, sender: str, date: str, message_id: str | None = None
) -> EmailMessage:
    """A new message from `sender` to whoever sent `original`, dated `date`."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = sender
    message["To"] = str(original["From"])
    message["Date"] = date
    message["Message-ID"] = message_id or make_msgid(domain="example.org")
    return message


def reply(
    original: EmailMessage,
    text: str,
    client: str = "outlook-sv",
    *,
    sender: str = LINDA,
    message_id: str | None = None,
    date: str = "Tue, 03 Jun 2025 09:12:00 +0200",
    answers: str | None = None,
) -> bytes:
    """A reply to `original` saying `text`, as `client` writes one."""
    subject = str(original["Subject"])
    answered = answers if answers is not None else str(original["Message-ID"])
    message = _to_sender_of(original, sender, date, message_id)
    if answered:
        message["In-Reply-To"] = answered
        message["References"] = answered
    quoted = _quoted_text(original)
    prefixed = "\n".join(f"> {line}" if line else ">" for line in quoted.splitlines())
    lines_html = "".join(f"<div>{html.escape(line) or '<br>'}</div>" for line in text.split("\n"))
    if client in ("outlook-sv", "outlook-html"):
        message["Subject"] = f"SV: {subject}"
        message["Thread-Topic"] = subject
        message["Thread-Index"] = "AQHbz1x2abcdEFGHijklMNOPqrstuvw=="
        block = (
            f"Från: {original['From']}\nSkickat: den 2 juni 2025 08:00\nTill: {sender}\n"
            f"Ämne: {subject}"
        )
        signed = "Med vänliga hälsningar\nLinda Beigler\nHudiksvalls kommun"
        body = f"{text}\n\n{signed}\n\n{block}\n\n{quoted}"
        page = (
            f"<html><head><style>p.MsoNormal{{margin:0}}</style></head><body>{lines_html}"
            "<div><br></div><div>Med vänliga hälsningar<br>Linda Beigler</div>"
            '<hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr">'
            + "<br>".join(
                f"<b>{html.escape(k)}</b> {html.escape(v)}"
                for k, v in (
                    ("Från:", str(original["From"])),
                    ("Skickat:", "den 2 juni 2025 08:00"),
                    ("Till:", sender),
                    ("Ämne:", subject),
                )
            )
            + f"</div><div>{_quoted_html(original)}</div></body></html>"
        )
        if client == "outlook-sv":
            message.set_content(body, charset="utf-8", cte="quoted-printable")
            message.add_alternative(page, subtype="html", charset="utf-8", cte="quoted-printable")
        else:
            message.set_content(page, subtype="html", charset="utf-8", cte="quoted-printable")
    elif client == "outlook-en":
        message["Subject"] = f"RE: {subject}"
        block = (
            f"From: {original['From']}\nSent: Monday, June 2, 2025 8:00 AM\nTo: {sender}\n"
            f"Subject: {subject}"
        )
        message.set_content(
            f"{text}\n\nKind regards\nLinda\n\n{block}\n\n{quoted}",
            charset="utf-8",
            cte="quoted-printable",
        )
    elif client == "gmail":
        message["Subject"] = f"Re: {subject}"
        said = "Den mån 2 juni 2025 kl 08:00 skrev Hälsingerådet <plan@halsingerad.example>:"
        message.set_content(f"{text}\n\n{said}\n\n{prefixed}\n", charset="utf-8", cte="base64")
        message.add_alternative(
            f'<div dir="ltr">{lines_html}</div><br><div class="gmail_quote"><div dir="ltr" '
            f'class="gmail_attr">{html.escape(said)}<br></div><blockquote class="gmail_quote">'
            f"{_quoted_html(original)}</blockquote></div>",
            subtype="html",
            charset="utf-8",
            cte="base64",
        )
    elif client == "apple":
        message["Subject"] = f"Re: {subject}"
        said = "> 2 juni 2025 kl. 08:00 skrev Hälsingerådet <plan@halsingerad.example>:"
        message.set_content(
            f"{text}\n\nSkickat från min iPhone\n\n{said}\n>\n{prefixed}\n",
            charset="utf-8",
            cte="quoted-printable",
        )
    elif client == "thunderbird":
        message["Subject"] = f"Re: {subject}"
        said = "On 2025-06-02 08:00, Hälsingerådet wrote:"
        message.set_content(f"{text}\n\n{said}\n{prefixed}\n", charset="utf-8", cte="8bit")
        message.set_param("format", "flowed")
    else:
        raise ValueError(client)
    return bytes(message)


def automatic_reply(original: EmailMessage, sender: str = LINDA) -> bytes:
    """Outlook's out-of-office answer."""
    message = _to_sender_of(original, sender, "Tue, 03 Jun 2025 08:00:05 +0200")
    message["Subject"] = f"Automatiskt svar: {original['Subject']}"
    message["In-Reply-To"] = str(original["Message-ID"])
    message["Auto-Submitted"] = "auto-replied"
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content("Jag är på semester till 30 juni.\n7 klar\n")
    return bytes(message)


def forwarded(original: EmailMessage, sender: str = LINDA) -> bytes:
    """The digest forwarded (to the plan's mailbox): no In-Reply-To, the digest quoted."""
    message = _to_sender_of(original, sender, "Tue, 03 Jun 2025 10:00:00 +0200")
    message["Subject"] = f"VB: {original['Subject']}"
    line = "---------- Forwarded message ---------"
    message.set_content(f"7 klar\n\n{line}\n{_quoted_text(original)}")
    return bytes(message)
