"""Finding a plan file and reading it: its bytes and their text, or where it is not text."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from hplan.errors import Message, PlanInvalid, PlanNotFound, Problem, os_reason
from hplan.folders import NotAFile, TooLarge, read_regular

MAX_PLAN_BYTES = 20 * 1024 * 1024
"""Plans larger than this are refused: 10,000 activities take about 3 MB."""


BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Source:
    """A plan file as read: its bytes, and their text (BOM removed, nothing else changed).

    The text is decoded when first asked for: a plan read from the cache, and an edit of one
    activity, need only the bytes (a 10,000-activity plan is 5 MB of text). Bytes that are
    not UTF-8 are refused then, with where (PlanInvalid); `decode` refuses UTF-16, UTF-32
    and binary data at once."""

    path: Path
    raw: bytes

    @cached_property
    def text(self) -> str:
        """The bytes as text, without the BOM (PlanInvalid if they are not UTF-8)."""
        try:
            text = self.raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _not_utf8(self.path, self.raw, error) from None
        return text[1:] if self.bom else text

    @property
    def bom(self) -> bool:
        """True when the file starts with a UTF-8 byte order mark (kept when written)."""
        return self.raw.startswith(BOM)

    @cached_property
    def version(self) -> str:
        """The version of the file as read: the SHA-256 of its bytes, in hex. A change made
        against one version is refused when the file holds another (api)."""
        from hplan.hashing import sha256

        return str(sha256(self.raw).hexdigest())

    @cached_property
    def newline(self) -> str:
        """The file's newline: CRLF when it has one (looked for in the bytes, not the text)."""
        return "\r\n" if b"\r" in self.raw and b"\r\n" in self.raw else "\n"

    @cached_property
    def nfd(self) -> bool:
        """True when the whole text was saved decomposed (as macOS does): new text written
        into it is decomposed too. One decomposed character in an NFC file is not enough."""
        if self.raw.isascii():
            return False  # ASCII is both
        return unicodedata.is_normalized("NFD", self.text) and not unicodedata.is_normalized(
            "NFC", self.text
        )

    def part(self, start: int, end: int) -> Source:
        """The bytes from `start` to `end` (one activity's lines) as a source of their own,
        written to in the file's newline and decomposition."""
        part = Source(self.path, self.raw[start:end])
        # Set as the cached values are: a part is not decomposed where it has a composed
        # character (then neither is the file), else it is what the whole file is.
        part.__dict__["newline"] = self.newline
        part.__dict__["nfd"] = unicodedata.is_normalized("NFD", part.text) and self.nfd
        return part

    def offset(self, byte: int) -> int:
        """The place in the text of a place in the bytes (at a character's first byte)."""
        return len(self.raw[len(BOM) if self.bom else 0 : byte].decode("utf-8"))


def read_source(path: Path) -> Source:
    """Read a plan file's bytes; a located error when it is no text (its text is decoded when
    first asked for, and refused then, with where, if it is not UTF-8)."""
    try:
        raw = read_regular(path, MAX_PLAN_BYTES)
    except TooLarge:
        message = Message(
            "the file is larger than {limit:,} bytes, the most hplan reads",
            limit=MAX_PLAN_BYTES,
        )
        raise PlanInvalid(path, [Problem(1, 1, message)]) from None
    except NotAFile:
        raise PlanNotFound(
            Message(
                "{path} is not a regular file (a folder, a pipe or a device); give a plan file",
                path=path,
            )
        ) from None
    except FileNotFoundError:
        raise PlanNotFound(Message("{path}: no such file", path=path)) from None
    except OSError as error:
        raise PlanNotFound(
            Message("{path}: cannot read it ({strerror})", path=path, strerror=os_reason(error))
        ) from None
    return decode(path, raw)


_VERSIONS: dict[Path, tuple[tuple[int, ...], str]] = {}
"""The last version `current_version` hashed for a file, with the file's state then."""


def file_state(path: Path) -> tuple[int, ...] | None:
    """What the file system says of a file without reading it (time, size, inode, device):
    the cheapest sign that it may have changed; None when there is no such file."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino, info.st_dev)


def current_version(path: Path) -> str:
    """The version (SHA-256) of the file's bytes now. Whether a file changed is decided by
    its version, always (the one rule; api/pipeline.unchanged compares them); the file's
    state only says when the version must be hashed again, so a page polling every few
    seconds costs a `stat` while the file stays as it was. PlanNotFound/PlanInvalid when it
    cannot be read."""
    state = file_state(path)
    known = _VERSIONS.get(path)
    if state is not None and known is not None and known[0] == state:
        return known[1]
    version = read_source(path).version
    if state is not None and file_state(path) == state:  # not kept if it changed meanwhile
        _VERSIONS[path] = (state, version)
    return version


STILL_SECONDS = 0.05
"""How long a plan must have been unchanged before hplan reads it to change it."""

SETTLE_SECONDS = 5.0
"""How long hplan waits at most for a file that keeps changing before it reads it to change
it (a server passes less, or 0)."""


def wait_until_still(path: Path, longest: float = SETTLE_SECONDS) -> None:
    """Return once the file has not changed for STILL_SECONDS (at once, usually): a program
    saving it in place is given the moment it needs. PlanChanged if it keeps changing."""
    import time

    from hplan.errors import PlanChanged

    waited = 0.0
    while True:
        try:
            before = path.stat()
        except OSError:
            return  # reading it says what is wrong
        quiet = time.time() - before.st_mtime
        if quiet >= STILL_SECONDS or quiet < 0:  # still, or a clock we cannot judge by
            return
        if waited >= longest:
            raise PlanChanged(
                Message(
                    "{path} keeps changing (another program is saving it); try again in a moment",
                    path=path,
                )
            )
        time.sleep(STILL_SECONDS - max(quiet, 0))
        waited += STILL_SECONDS


def decode(path: Path, raw: bytes) -> Source:
    """Bytes as a plan's source, refusing UTF-16, UTF-32 and binary data with where and what
    to do; bytes that are not UTF-8 are refused when the text is first read."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise PlanInvalid(path, [Problem(1, 1, Message("the file is UTF-32; save it as UTF-8"))])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlanInvalid(path, [Problem(1, 1, Message("the file is UTF-16; save it as UTF-8"))])
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise PlanInvalid(
            path, [Problem(line, 1, Message("the file holds binary data (a NUL byte), not text"))]
        )
    return Source(path, raw)


def _not_utf8(path: Path, raw: bytes, error: UnicodeDecodeError) -> PlanInvalid:
    before = raw[: error.start]
    line = before.count(b"\n") + 1
    column = len(before.split(b"\n")[-1].decode("utf-8", "replace")) + 1
    message = Message(
        "not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8", byte=raw[error.start]
    )
    return PlanInvalid(path, [Problem(line, column, message)])


PLAN_NAME = re.compile(r"plan([0-9]{4})\.ya?ml")
"""The names hplan finds a plan by: plan2025.yaml (any other file only with --plan); the
digits are 0-9 (a full-width plan２０２５.yaml beside it is not a plan of 2025)."""


def find_plan(given: Path | None, folder: Path, year: int) -> Path:
    """The plan to use: the one given, else plan<YEAR>.yaml for `year` (the year of the day in
    question), else the latest earlier year's, in `folder` or, as git looks, the nearest
    folder above it that has one: up to the repository's top or the user's home, and never in
    a folder another user owns. Never any other file: a backup or a draft beside the plan is
    used only when given."""
    if given is not None:
        return given
    from hplan.folders import owned_by_me

    start = folder.absolute()
    home = Path(os.environ["HOME"]).absolute() if os.environ.get("HOME") else None
    for directory in [start, *start.parents]:
        if directory != start and not owned_by_me(directory):
            break  # another user's folder is not searched, nor anything above it
        found = {}
        for candidate in directory.glob("plan*.y*ml"):
            if match := PLAN_NAME.fullmatch(candidate.name):
                found[int(match[1])] = candidate
        if found:
            earlier = [y for y in found if y <= year]
            if not earlier:
                names = ", ".join(sorted(p.name for p in found.values()))
                raise PlanNotFound(
                    Message(
                        "no plan for {year} or an earlier year in {directory} (there: {names})",
                        year=year,
                        directory=directory,
                        names=names,
                    ),
                    searched="year",
                )
            chosen = found[max(earlier)]
            return chosen if directory != start else folder / chosen.name
        if (directory / ".git").exists() or directory == home:
            break  # a repository's top, or the user's home: nothing above it is searched
    raise PlanNotFound(
        Message("no plan<YEAR>.yaml in {folder} or above it", folder=folder.absolute()),
        searched="folder",
    )
