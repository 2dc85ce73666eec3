"""The one shape both readers produce: the document's paragraphs and tables, in order."""

from __future__ import annotations

from dataclasses import dataclass, field

from hplan.errors import DocumentRefused, Message


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph's text; a line break inside it is "\\n" (a PDF's lines, a Word break)."""

    text: str
    heading: bool = False
    """Styled as a heading (a Word heading style, a PDF line in a larger or bold font)."""


@dataclass(frozen=True, slots=True)
class Table:
    """A table's rows, each a list of cell texts; None where a merged cell from the row above
    covers the place (its text applies there too)."""

    rows: list[list[str | None]]
    where: Message
    """Where it stands, for people: "table 2", "page 3"."""


Block = Paragraph | Table


@dataclass(frozen=True, slots=True)
class DocumentText:
    """What a reader found in the document, for draft.py."""

    name: str
    blocks: list[Block] = field(default_factory=list)


def refused(text: str, **values: object) -> DocumentRefused:
    """A DocumentRefused saying `text` (a message of the catalogs)."""
    return DocumentRefused(Message(text, **values))
