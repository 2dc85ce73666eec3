"""Finding a plan file and reading it: its bytes and their text, or where it is not text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from hplan.errors import PlanInvalid, PlanNotFound, Problem

MAX_PLAN_BYTES = 20 * 1024 * 1024
"""Plans larger than this are refused: 10,000 activities take about 3 MB."""


@dataclass(frozen=True)
class Source:
    """A plan file as read: its bytes and their text (BOM removed, nothing else changed)."""

    path: Path
    raw: bytes
    text: str
    bom: bool

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"

    @property
    def nfd(self) -> bool:
        """True when the text was saved decomposed (as macOS does)."""
        return not unicodedata.is_normalized("NFC", self.text)


def read_source(path: Path) -> Source:
    """Read a plan file and decode it as UTF-8; a located error when it is not text."""
    try:
        size = path.stat().st_size
        if size > MAX_PLAN_BYTES:
            raise PlanInvalid(
                path,
                [
                    Problem(
                        1,
                        1,
                        f"the file is {size:,} bytes; hplan reads plans of at most "
                        f"{MAX_PLAN_BYTES:,} bytes",
                    )
                ],
            )
        raw = path.read_bytes()
    except IsADirectoryError:
        raise PlanNotFound(f"{path} is a directory, not a plan file") from None
    except FileNotFoundError:
        raise PlanNotFound(f"{path}: no such file") from None
    except OSError as error:
        raise PlanNotFound(f"{path}: cannot read it ({error.strerror})") from None
    return decode(path, raw)


def decode(path: Path, raw: bytes) -> Source:
    """Bytes to text, refusing what is not UTF-8 text with where and what to do."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlanInvalid(path, [Problem(1, 1, "the file is UTF-16; save it as UTF-8")])
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise PlanInvalid(
            path, [Problem(line, 1, "the file holds binary data (a NUL byte), not text")]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before.split(b"\n")[-1].decode("utf-8", "replace")) + 1
        raise PlanInvalid(
            path,
            [
                Problem(
                    line,
                    column,
                    f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
                )
            ],
        ) from None
    bom = text.startswith("\ufeff")
    return Source(path, raw, text[1:] if bom else text, bom)


def find_plan(given: Path | None, folder: Path) -> Path:
    """The plan to use: the one given, else the newest plan*.yaml in `folder` (by name)."""
    if given is not None:
        return given
    candidates = [p for p in folder.glob("plan*.y*ml") if p.suffix in (".yaml", ".yml")]
    if not candidates:
        raise PlanNotFound(
            f"no plan file in {folder}: give --plan PATH, set HPLAN_PLAN, or run hplan in a "
            "folder with a plan*.yaml file"
        )
    return max(
        candidates, key=lambda p: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", p.name)]
    )
