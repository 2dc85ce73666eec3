"""A PDF table's cells read by their characters' places, so that a word a narrow column broke
is one word again.

LibreOffice (and Word) break a word longer than its column where the column ends, with no
hyphen: "kommunikati" / "onschef". Read as text, the two lines become "kommunikati onschef".
A break that is inside a word has a sign in the page: the line is that word alone, and it
runs to the column's edge (the next letter did not fit). Such a break is marked while pages
are read (BROKEN), and joined once the whole document is read, where its vocabulary says
whether the joined word is one it uses elsewhere; a join it cannot confirm is marked GUESSED
for draft.py to put up for review.
"""

from __future__ import annotations

import re
from typing import Any

from hplan.imports.shape import Block, Paragraph, Table
from hplan.imports.text import BROKEN, GUESSED, HYPHENED, MARKS

LINE_TOLERANCE = 3.0
"""Characters whose tops differ by less than this (pt) stand on one line."""
EDGE_TOLERANCE = 1.0
"""How far (pt) short of the column's edge a line that the next letter would overrun ends."""
WORD = re.compile(r"\w+", re.UNICODE)
SMALL_WORDS = frozenset(
    ("och", "samt", "eller", "att", "som", "för", "med", "till", "på", "av", "om", "dem", "det",
     "den", "ett", "and", "the", "of", "to", "for", "with")
)  # fmt: skip
"""Words too common to be the end of a word a column cut ("interaktionen" / "dem"): a part
that is one is a word of its own, whether or not the document uses it elsewhere."""


def table_cells(table: Any) -> list[list[str | None]]:
    """pdfplumber's Table.extract, with each cell's lines joined by a line break, or by
    BROKEN where a word runs over the line's end."""
    chars = table.page.chars
    rows: list[list[str | None]] = []
    for row in table.rows:
        in_row = [c for c in chars if _inside(c, row.bbox)]
        rows.append([
            None if cell is None else _cell_text([c for c in in_row if _inside(c, cell)], cell)
            for cell in row.cells
        ])  # fmt: skip
    return rows


def _inside(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return bool(box[0] <= x < box[2] and box[1] <= y < box[3])


def _cell_text(chars: list[dict[str, Any]], box: tuple[float, float, float, float]) -> str:
    """A cell's lines, top to bottom; a line that is one word filling the cell to its edge
    is followed by BROKEN, not a line break."""
    from pdfplumber.utils import cluster_objects, extract_text  # type: ignore[attr-defined]

    if not chars:
        return ""
    lines = [
        sorted(line, key=lambda c: c["x0"])
        for line in cluster_objects(chars, "top", LINE_TOLERANCE)
    ]
    padding = max(0.0, min(line[0]["x0"] for line in lines) - box[0])
    edge = box[2] - padding  # the same padding on the right as on the left
    # hplan's marks are its own: a document's private-use characters are no break.
    texts = [MARKS.sub("", extract_text(line)) for line in lines]
    out = texts[0]
    for n in range(1, len(lines)):
        before, line, text = lines[n - 1], lines[n], texts[n]
        last, first = before[-1], line[0]
        alone = " " not in texts[n - 1].strip()
        filled = edge - last["x1"] < (first["x1"] - first["x0"]) + EDGE_TOLERANCE
        runs_on = last["text"].isalnum() and (first["text"].isalnum() or first["text"] in ".-/")
        # Wrapped at a hyphen (the next word did not fit after it): the hyphen is the word's
        # own, "Outdoor-" / "mässan". A hyphen where the next word would have fit ends a line
        # the document broke itself ("marknadsförings-" typed before a line break).
        word = next((n for n, c in enumerate(line) if c["text"].isspace()), len(line))
        wrapped = edge - last["x1"] < line[max(word - 1, 0)]["x1"] - first["x0"] + EDGE_TOLERANCE
        hyphen = last["text"] == "-" and len(before) > 1 and before[-2]["text"].isalpha()
        if alone and filled and runs_on:
            out += BROKEN + text
        elif hyphen and wrapped and first["text"].isalpha():
            out += HYPHENED + text
        else:
            out += "\n" + text
    return out


def rejoined(blocks: list[Block]) -> list[Block]:
    """The blocks with every BROKEN word joined: silently where the document uses the joined
    word elsewhere (or a longer word it starts), else marked GUESSED."""
    vocabulary = _vocabulary(blocks)
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table):
            rows = [[_joined(c, vocabulary) if c else c for c in row] for row in block.rows]
            out.append(Table(rows, block.where))
        else:
            out.append(block)  # a paragraph's lines are not read by their places
    return out


def _vocabulary(blocks: list[Block]) -> set[str]:
    words: set[str] = set()
    for block in blocks:
        texts = [block.text] if isinstance(block, Paragraph) else [
            cell for row in block.rows for cell in row if cell
        ]  # fmt: skip
        for text in texts:
            # A word either side of a break is no evidence of itself.
            for part in re.split(rf"\S*{BROKEN}\S*", text):
                words.update(w.casefold() for w in WORD.findall(part))
    return words


def _joined(text: str, vocabulary: set[str]) -> str:
    """Each break of a word over lines decided by the document's words: joined where the
    joined word is one it uses (or starts a longer one); a space where either part is a word
    it uses and the joined is not (a line that ran to the edge by chance: a column cuts a
    word anywhere, seldom where a word ends); else joined and marked GUESSED."""
    if BROKEN not in text and HYPHENED not in text:
        return text

    def known(word: str) -> bool:
        word = word.casefold()
        return bool(word in vocabulary) or (
            len(word) >= 5 and any(w.startswith(word) for w in vocabulary)
        )  # fmt: skip

    def decided(found: re.Match[str]) -> str:
        pieces = re.split(f"({BROKEN}|{HYPHENED})", found[0])
        out = pieces[0]
        for mark, piece in zip(pieces[1::2], pieces[2::2], strict=True):
            head = (WORD.findall(out) or [""])[-1]
            tail = (WORD.findall(piece) or [""])[0]
            if mark == HYPHENED:
                # A hyphen that ends a line is the word's own ("Outdoor-mässan"), unless the
                # document writes the word whole ("kommunikations-" "chef").
                whole = known(head + tail)
                sure = whole or all(w.casefold() in vocabulary for w in (head, tail))
                out = (out[:-1] if whole else out) + ("" if sure else GUESSED) + piece
            elif known(head + tail):
                out += piece
            elif tail.casefold() in SMALL_WORDS or any(
                len(w) >= 3 and w.casefold() in vocabulary for w in (head, tail)
            ):
                out += " " + piece  # a word the document uses ended, or began, there
            else:
                out += GUESSED + piece
        return out

    return re.sub(f"\\S*[{BROKEN}{HYPHENED}]\\S*", decided, text)
