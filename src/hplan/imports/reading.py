"""Which reader a document needs, told by its bytes (not its name), and what is refused."""

from __future__ import annotations

from pathlib import Path

from hplan.errors import Message, NotFound, os_reason
from hplan.imports.shape import DocumentText, refused
from hplan.plan.results import Advance

MAX_BYTES = 50 * 1024 * 1024
"""The board's document is well under a megabyte; a file past this is not one."""
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""Word 97–2003 (.doc), and a password-protected .docx, which Office wraps the same way."""


def read_document(path: Path, advance: Advance | None = None) -> DocumentText:
    """The document's paragraphs and tables, from a .docx or a PDF with a text layer;
    `advance` is told each page of a PDF read."""
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            start = file.read(1024)
    except IsADirectoryError:
        raise refused("{path} is a folder; name the Word document or PDF", path=path) from None
    except FileNotFoundError:
        raise NotFound(Message("{path} does not exist", path=path)) from None
    except OSError as error:
        raise refused("cannot read {path}: {reason}", path=path, reason=os_reason(error)) from None
    if not path.is_file():
        raise refused("{path} is not a regular file", path=path)
    if size > MAX_BYTES:
        raise refused(
            "{path} is {size} MB; a plan document is far smaller, so hplan does not read it",
            path=path,
            size=size // (1024 * 1024),
        )
    kind = "docx" if start.startswith(b"PK\x03\x04") else "pdf" if b"%PDF-" in start else None
    named = path.suffix.lower().lstrip(".")
    if kind is not None and named in ("docx", "pdf") and named != kind:
        # The name and the content disagree: a person should know which file this is.
        raise refused(
            "{path} is named as .{named} but is a .{kind} file; rename it {name} and import "
            "that", path=path, named=named, kind=kind, name=path.with_suffix(f".{kind}").name,
        )  # fmt: skip
    if start.startswith(b"PK\x03\x04"):
        from hplan.imports.word import read_word

        return read_word(path)
    if b"%PDF-" in start:
        from hplan.imports.pdf import read_pdf

        return read_pdf(path, advance)
    if start.startswith(OLE):
        raise refused(
            "{path} is an old Word document (.doc, Word 97–2003) or one protected by a "
            "password; open it in Word, remove any password, and save it as .docx",
            path=path,
        )
    if start.lstrip().startswith(b"{\\rtf"):
        raise refused("{path} is an RTF document; save it from Word as .docx", path=path)
    said = {".docx": "a Word document", ".pdf": "a PDF"}.get(path.suffix.lower())
    if said:
        raise refused(
            "{path} is named as {kind} but is not one (its content is something else); "
            "export the document again",
            path=path,
            kind=said,
        )
    raise refused("{path} is neither a Word document (.docx) nor a PDF", path=path)
