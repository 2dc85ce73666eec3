"""Where replies are read: a Maildir folder, an mbox file, a folder of .eml files (the standard
library's `mailbox`), or an IMAP mailbox.

IMAP goes through IMAPClient (BSD, pure Python, maintained), not the standard library's
imaplib: it parses FETCH and SEARCH answers into Python values, encodes folder names
(modified UTF-7, "Skickat", "Inkorg/Svar"), and knows MOVE and UIDPLUS; imaplib leaves each of
those to the caller. TLS is always verified (the system's CAs, or the organisation's own
with a CA file); there is no unencrypted IMAP.

A local folder is only read: what was recorded is known by its Message-ID in the plan. An
IMAP message is marked done (\\Seen and the keyword hplan-done) or moved, only once the plan
is written.
"""

from __future__ import annotations

import contextlib
import mailbox
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol
from urllib.parse import unquote, urlsplit

from hplan.errors import HplanError, Message, UsageError

if TYPE_CHECKING:
    from imapclient import IMAPClient

DONE_KEYWORD = "hplan-done"
"""The IMAP keyword of a message hplan has read and answered."""
BATCH = 200
"""Messages fetched in one IMAP command."""


class Item(NamedTuple):
    """One message: where it is in its mailbox (a file's name, an IMAP UID), and its bytes."""

    key: str
    raw: bytes


class Mailbox(Protocol):
    """A source of replies."""

    def items(self) -> Iterator[Item]: ...

    def done(self, keys: Sequence[str]) -> None:
        """Mark these messages as read and answered (nothing, for a local folder)."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Imap:
    """An IMAP mailbox as given: imaps://USER@HOST[:PORT]/FOLDER (USER an address written as
    it is or with %40), `security` tls or starttls, a CA file, a folder to move to."""

    host: str
    port: int
    user: str
    folder: str
    security: str
    password: str
    cafile: str | None = None
    move_to: str | None = None
    timeout: float = 30.0
    token: str | None = None
    """An OAuth 2.0 access token, used instead of the password (XOAUTH2: Microsoft 365)."""


def is_imap(source: str) -> bool:
    """True when `source` names an IMAP mailbox rather than a file or folder."""
    return source.startswith(("imap://", "imaps://"))


def imap_address(
    source: str,
    password: str,
    security: str | None = None,
    cafile: str | None = None,
    move_to: str | None = None,
    timeout: float = 30.0,
    token: str | None = None,
) -> Imap:
    """The IMAP mailbox a URL names, checked: imaps:// is TLS from the first byte (port 993),
    imap:// is STARTTLS (port 143)."""
    parts = urlsplit(source)
    chosen = security or ("tls" if parts.scheme == "imaps" else "starttls")
    if chosen not in ("tls", "starttls"):
        raise UsageError("imap_security", Message("tls or starttls, not '{given}'", given=chosen))
    try:
        port = parts.port
    except ValueError:
        port = -1
    if not parts.hostname or not parts.username or port == -1:
        raise UsageError(
            "source",
            Message(
                "'{source}' is no IMAP mailbox: write imaps://USER@HOST[:PORT]/FOLDER",
                source=source,
            ),
        )
    return Imap(
        parts.hostname,
        port or (993 if chosen == "tls" else 143),
        unquote(parts.username),
        unquote(parts.path.strip("/")) or "INBOX",
        chosen,
        password,
        cafile,
        move_to,
        timeout,
        token,
    )


def open_local(path: Path) -> Mailbox:
    """A Maildir folder, a folder of .eml files, or an mbox file."""
    if path.is_dir():
        if all((path / part).is_dir() for part in ("cur", "new", "tmp")):
            return _Local(mailbox.Maildir(path, factory=None, create=False))
        return _Files(path)
    if path.is_file():
        return _Local(mailbox.mbox(path, factory=None, create=False))
    raise UsageError(
        "source",
        Message(
            "{path} is no Maildir folder, folder of .eml files, mbox file or imaps:// URL",
            path=path,
        ),
    )


class _Local:
    def __init__(self, box: mailbox.Mailbox[mailbox.Message]) -> None:
        self.box = box

    def items(self) -> Iterator[Item]:
        for key in sorted(self.box.iterkeys()):
            yield Item(str(key), self.box.get_bytes(key))

    def done(self, keys: Sequence[str]) -> None:
        pass

    def close(self) -> None:
        self.box.close()


class _Files:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def items(self) -> Iterator[Item]:
        for path in sorted(self.folder.glob("*.eml")):
            if path.is_file() and not path.is_symlink():
                yield Item(path.name, path.read_bytes())

    def done(self, keys: Sequence[str]) -> None:
        pass

    def close(self) -> None:
        pass


READING = Message("cannot read the IMAP mailbox {folder} at {host}: {error}")
MARKING = Message("cannot mark the messages in {folder} at {host}: {error}")


@contextlib.contextmanager
def _said(box: Imap, failed: Message) -> Iterator[None]:
    """An IMAP or network error inside, as `failed` said of this mailbox (never a traceback)."""
    from imapclient.exceptions import IMAPClientError

    try:
        yield
    except (OSError, IMAPClientError) as error:
        where, why = f"{box.host}:{box.port}", str(error) or type(error).__name__
        raise HplanError(Message(failed.text, folder=box.folder, host=where, error=why)) from None


def open_imap(box: Imap, write: bool) -> Mailbox:
    """The IMAP mailbox, logged in, its folder selected (read-only unless `write`), the
    folder to move to checked."""
    import ssl

    from imapclient import IMAPClient

    context = ssl.create_default_context(cafile=box.cafile)
    client = None
    try:
        with _said(box, READING):
            client = IMAPClient(
                box.host,
                box.port,
                ssl=box.security == "tls",
                ssl_context=context,
                timeout=box.timeout,
            )
            if box.security == "starttls":
                client.starttls(context)
            if box.token:
                client.oauth2_login(box.user, box.token)
            elif (box.user + box.password).isascii():
                client.login(box.user, box.password)
            else:  # LOGIN is ASCII only; SASL PLAIN carries UTF-8 (RFC 4616): "lösenord"
                client.plain_login(box.user, box.password)
            client.select_folder(box.folder, readonly=not write)
            missing = bool(box.move_to) and not client.folder_exists(box.move_to)
    except HplanError:
        if client is not None:
            _Imap(client, box).close()
        raise
    opened = _Imap(client, box)
    if missing:
        opened.close()
        raise UsageError(
            "imap_move",
            Message(
                "the IMAP mailbox has no folder '{folder}'; make it in the mail program first",
                folder=box.move_to,
            ),
        )
    return opened


class _Imap:
    def __init__(self, client: IMAPClient, box: Imap) -> None:
        self.client, self.box = client, box

    def items(self) -> Iterator[Item]:
        with _said(self.box, READING):
            yield from self._items()

    def _items(self) -> Iterator[Item]:
        criteria = ["ALL"] if self.box.move_to else ["NOT", "KEYWORD", DONE_KEYWORD]
        uids = sorted(self.client.search(criteria))
        for start in range(0, len(uids), BATCH):
            fetched = self.client.fetch(uids[start : start + BATCH], ["BODY.PEEK[]"])
            for uid in uids[start : start + BATCH]:
                raw = fetched.get(uid, {}).get(b"BODY[]")
                if isinstance(raw, bytes):
                    yield Item(str(uid), raw)

    def done(self, keys: Sequence[str]) -> None:
        with _said(self.box, MARKING):
            self._done([int(k) for k in keys])

    def _done(self, uids: list[int]) -> None:
        if not uids:
            return
        if self.box.move_to:
            if self.client.has_capability("MOVE"):
                self.client.move(uids, self.box.move_to)
            else:
                self.client.copy(uids, self.box.move_to)
                self.client.delete_messages(uids)
                self.client.uid_expunge(uids)
            return
        self.client.add_flags(uids, [b"\\Seen", DONE_KEYWORD.encode()])

    def close(self) -> None:
        with contextlib.suppress(Exception):  # the work is done; a failed goodbye changes nothing
            self.client.logout()
