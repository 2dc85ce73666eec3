"""A bound on what a PDF's compressed streams may inflate to, counted while inflating.

pdfminer inflates a Flate stream whole (`zlib.decompress`): a 1 MB stream that inflates to
1,000 MB took 2 GB before anything was read (issue 34, item 14). For the time of one read,
pdfminer's zlib is one that stops past a bound for a stream and for the whole document.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

MAX_STREAM = 32 * 1024 * 1024
"""A page's content stream is tens of kilobytes; a font a few megabytes."""
MAX_TOTAL = 200 * 1024 * 1024
"""All streams of a plan document of at most 300 pages, inflated, with room to spare."""
CHUNK = 1 << 20


class Inflated(Exception):
    """A stream, or all of them, inflated past the bound."""


class _BoundedZlib:
    """zlib as pdfminer uses it (`decompress`, `decompressobj`, `error`), counting what comes
    out against a stream's bound and a document's."""

    error = zlib.error

    def __init__(self) -> None:
        self.total = 0

    def _count(self, size: int, stream: int) -> None:
        self.total += size
        if stream > MAX_STREAM or self.total > MAX_TOTAL:
            raise Inflated

    def decompress(self, data: bytes, *args: Any) -> bytes:
        inflate = zlib.decompressobj(*args)
        parts: list[bytes] = []
        stream = 0
        chunk = data
        while chunk:
            part = inflate.decompress(chunk, CHUNK)
            stream += len(part)
            self._count(len(part), stream)
            parts.append(part)
            chunk = inflate.unconsumed_tail
        tail = inflate.flush()
        self._count(len(tail), stream + len(tail))
        if not inflate.eof:
            raise zlib.error("incomplete or truncated stream")  # as zlib.decompress says
        return b"".join([*parts, tail])

    def decompressobj(self, *args: Any) -> Any:
        return _BoundedInflate(self, zlib.decompressobj(*args))


class _BoundedInflate:
    """A decompressobj whose output is counted (pdfminer's path for a damaged stream)."""

    def __init__(self, bounded: _BoundedZlib, inflate: Any) -> None:
        self.bounded, self.inflate, self.stream = bounded, inflate, 0

    def decompress(self, data: bytes, *args: Any) -> bytes:
        part: bytes = self.inflate.decompress(data, *args)
        self.stream += len(part)
        self.bounded._count(len(part), self.stream)
        return part

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inflate, name)


@contextmanager
def bounded_inflation() -> Iterator[None]:
    """For the block's time, pdfminer inflates within MAX_STREAM and MAX_TOTAL; Inflated
    past either."""
    import pdfminer.pdftypes

    pdfminer.pdftypes.zlib = _BoundedZlib()  # type: ignore[assignment, attr-defined]
    try:
        yield
    finally:
        pdfminer.pdftypes.zlib = zlib  # type: ignore[attr-defined]


def inflated_too_far(error: BaseException) -> bool:
    """Whether an error, or what pdfplumber wrapped in it, is Inflated."""
    seen: BaseException | None = error
    for _ in range(5):
        if seen is None:
            return False
        if isinstance(seen, Inflated):
            return True
        inner = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        seen = inner or seen.__cause__ or seen.__context__
    return False
