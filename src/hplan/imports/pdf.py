"""A PDF with a text layer as paragraphs and tables, page by page.

pdfplumber finds the tables by their ruling lines (a Word table exported to PDF keeps its
borders) and gives None for a place a merged cell covers; the text outside the tables becomes
paragraphs, split where the gap between lines or the font changes. A page break is a new
table part: draft.py joins the parts and a row cut by the break.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hplan.errors import DocumentRefused, Message
from hplan.imports.columns import rejoined, table_cells
from hplan.imports.inflation import MAX_STREAM, bounded_inflation, inflated_too_far
from hplan.imports.shape import Block, DocumentText, Paragraph, Table, refused
from hplan.plan.results import Advance

MAX_PAGES = 300
"""A plan document has tens of pages; past this, reading would take minutes."""
READ_SECONDS = 30
"""A 40-page plan reads in about 6 s; a document still unread after this never will be soon
(300 pages of ruling lines took 217 s)."""
MAX_RULED_CELLS = 2_500
"""Cells a page's lines may rule (50 by 50): a page of a plan's table has about 150; a
100 by 100 grid takes 3 s to search for tables, and finding them grows with its square."""
PAGE_NUMBER = re.compile(r"^(?:(?:sida|page)\s+)?\d{1,3}(?:\s*(?:av|of|/)\s*\d{1,3})?$", re.I)
"""A page's number on a line of its own: at most three digits (MAX_PAGES), so that a year a
heading wrapped onto its own line ("Hälsingerådets handlingsplan" / "2025") stays."""
SENTENCE_END = (".", "!", "?", ":")


def read_pdf(path: Path, advance: Advance | None = None) -> DocumentText:
    """The PDF's paragraphs and tables in reading order; DocumentRefused if it is encrypted,
    damaged, too long or has no text layer. `advance` is told each page read."""
    _unseen_text_dropped()
    with bounded_inflation():
        return _read(path, advance)


def _read(path: Path, advance: Advance | None) -> DocumentText:
    """read_pdf's work, within the bound on inflation."""
    import pdfplumber

    # The stream is hplan's: a refusal before the pages are listed closes it without
    # pdfplumber's close, which lists every page (issue 34, item 14).
    with path.open("rb") as stream:
        try:
            pdf = pdfplumber.open(stream)
        except Exception as error:
            raise _unopened(path, error) from error
        # Counted from the catalog (/Pages /Count) before any page is parsed: 100,000 empty
        # pages took 47 s and 625 MB to list.
        declared = pages = _declared_pages(pdf)
        if pages is None or pages <= MAX_PAGES:
            pages = _listed_pages(path, pdf)
        if declared is not None and pages < declared:
            # pdfminer leaves out, without a word, a page it cannot place (a MediaBox of
            # strings): the document would be read with pages missing.
            raise refused(
                "{path}: the PDF is damaged (it has {declared} pages, of which {pages} can be "
                "read); export it again",
                path=path,
                declared=declared,
                pages=pages,
            )
        if pages > MAX_PAGES:
            raise refused(
                "{path} has {pages} pages; a plan document has far fewer, so hplan does not "
                "read it",
                path=path,
                pages=pages,
            )
        with pdf:
            blocks, chars = _read_pages(path, pdf, advance)
        blocks = rejoined(blocks)
    if not chars:
        raise refused(
            "{path} has no text, only images (a scanned document?); hplan reads a PDF's text "
            "layer, not pictures. Import the Word document, or a PDF exported from it",
            path=path,
        )
    return DocumentText(path.name, blocks)


def _unopened(path: Path, error: Exception) -> Exception:
    """Why pdfplumber could not open the file, in words: encrypted, else damaged."""
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    if not isinstance(error, PDFPasswordIncorrect) and not (
        error.args and isinstance(error.args[0], PDFPasswordIncorrect)  # pdfplumber wraps it
    ):
        return _damaged(path, error)
    return refused(
        "{path} is an encrypted PDF that needs a password; save a copy without the "
        "password (or import the Word document instead)",
        path=path,
    )


def _read_pages(path: Path, pdf: Any, advance: Advance | None) -> tuple[list[Block], int]:
    """Every page's blocks joined across page breaks, and how many characters there were;
    refused past READ_SECONDS or on a page ruled into more cells than a table has."""
    import time

    blocks: list[Block] = []
    chars = 0
    until = time.monotonic() + READ_SECONDS
    count = len(pdf.pages)
    try:
        for number, page in enumerate(pdf.pages, 1):
            if time.monotonic() > until:
                raise _too_slow(path, number, count)
            chars += len(page.chars)
            _join_page(blocks, _page_blocks(page, number, path))
            if advance is not None:
                advance(number, count)
    except DocumentRefused:
        raise
    except Exception as error:
        raise _damaged(path, error) from error
    return blocks, chars


def _too_slow(path: Path, number: int, count: int) -> DocumentRefused:
    return refused(
        "{path}: reading took over {seconds} s and reached page {page} of {pages}; a plan "
        "document takes seconds, so hplan stops here. Import the Word document, or export the "
        "PDF again",
        path=path,
        seconds=READ_SECONDS,
        page=number,
        pages=count,
    )


def _ruled_cells(page: Any) -> int:
    """How many cells the page's ruling lines could make: the distinct heights of its
    horizontal edges times the distinct places of its vertical ones (rounded to 3 pt, as
    pdfplumber snaps them). Finding tables costs about this squared."""
    across, down = set(), set()
    for edge in page.edges:
        if edge.get("orientation") == "h":
            across.add(round(edge["top"] / 3))
        elif edge.get("orientation") == "v":
            down.add(round(edge["x0"] / 3))
    return len(across) * len(down)


def _listed_pages(path: Path, pdf: Any) -> int:
    """How many pages pdfplumber lists; refused as damaged where it cannot list them."""
    try:
        return len(pdf.pages)
    except Exception as error:
        raise _damaged(path, error) from error


def _declared_pages(pdf: Any) -> int | None:
    """The page count the document's catalog states, or None where it states none."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"]).get("Count"))
    except Exception:  # a damaged catalog: the pages are listed, and said damaged there
        return None
    return count if isinstance(count, int) and count >= 0 else None


def _unseen_text_dropped() -> None:
    """pdfplumber's device taught to drop text drawn invisible (render mode 3, or 7: clip
    only), which a reader never sees: a status cell that looks empty held a hidden "done"
    (issue 34, item 5). pdfminer knows the mode only while it draws, so it is dropped there."""
    import pdfplumber.page

    device = pdfplumber.page.PDFPageAggregatorWithMarkedContent
    if getattr(device, "unseen_dropped", False):
        return

    class SeenOnly(device):  # type: ignore[misc, valid-type]
        unseen_dropped = True

        def render_string(self, textstate: Any, *args: Any, **kwargs: Any) -> None:
            drawn = len(self.cur_item._objs)
            super().render_string(textstate, *args, **kwargs)
            if textstate.render in INVISIBLE_MODES:
                del self.cur_item._objs[drawn:]

    pdfplumber.page.PDFPageAggregatorWithMarkedContent = SeenOnly  # type: ignore[misc]


INVISIBLE_MODES = (3, 7)
"""Text render modes that paint nothing: 3 invisible, 7 clip only (PDF 1.7, 9.3.6)."""


def _seen(page: Any) -> Any:
    """A test of what a reader sees on the page: no white text on white, no text too small
    to read or outside the page. White text on a dark fill (a table's header) is seen."""
    dark = [
        (r["x0"], r["top"], r["x1"], r["bottom"])
        for r in page.rects
        if r.get("fill") and not _white(r.get("non_stroking_color"))
    ]
    width, height = page.width, page.height

    def seen(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        if obj.get("size", 0) < 1 or obj["x1"] < 0 or obj["x0"] > width:
            return False
        if obj["bottom"] < 0 or obj["top"] > height:
            return False
        return not _white(obj.get("non_stroking_color")) or _centre_in(obj, dark)

    return seen


def _centre_in(obj: dict[str, Any], boxes: list[Any]) -> bool:
    """Whether the middle of a page object lies in any of the boxes (x0, top, x1, bottom)."""
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def _white(colour: Any) -> bool:
    """Whether a fill colour is white in gray (1), RGB (1, 1, 1) or CMYK (0, 0, 0, 0)."""
    if not isinstance(colour, tuple) or not all(isinstance(c, int | float) for c in colour):
        return False
    if len(colour) in (1, 3):
        return all(c >= 0.95 for c in colour)
    return len(colour) == 4 and all(c <= 0.05 for c in colour)


def _page_blocks(page: Any, number: int, path: Path) -> list[Block]:
    """A page's paragraphs and tables, top to bottom, of the text a reader sees."""
    page = page.filter(_seen(page))
    if _ruled_cells(page) > MAX_RULED_CELLS:
        raise refused(
            "{path}: page {page} is ruled into more cells than a plan's table has (over "
            "{cells:,}); hplan does not read it. Import the Word document instead",
            path=path,
            page=number,
            cells=MAX_RULED_CELLS,
        )
    tables = page.find_tables()
    placed: list[tuple[float, Block]] = [
        (t.bbox[1], Table(table_cells(t), Message("page {number}", number=number)))
        for t in tables
        if t.rows
    ]
    boxes = [t.bbox for t in tables]
    outside = page.filter(lambda obj: not _centre_in(obj, boxes))
    lines = [
        line for line in outside.extract_text_lines(return_chars=True)
        if line["text"].strip() and not PAGE_NUMBER.match(line["text"].strip())
    ]  # fmt: skip
    placed += _paragraphs(lines)
    return [block for _, block in sorted(placed, key=lambda p: p[0])]


def _paragraphs(lines: list[dict[str, Any]]) -> list[tuple[float, Block]]:
    """Lines grouped into paragraphs: a new one after a gap wider than half a line, or where
    the font's size or weight changes (a heading)."""
    found: list[tuple[float, Block]] = []
    sizes = sorted(round(_size(line), 1) for line in lines)
    body = sizes[len(sizes) // 2] if sizes else 0.0
    group: list[dict[str, Any]] = []
    for line in lines:
        if group and _breaks(group[-1], line):
            found.append(_paragraph(group, body))
            group = []
        group.append(line)
    if group:
        found.append(_paragraph(group, body))
    return found


def _breaks(before: dict[str, Any], line: dict[str, Any]) -> bool:
    height = before["bottom"] - before["top"]
    gap = line["top"] - before["bottom"]
    return gap > 0.5 * height or _style(before) != _style(line)


def _paragraph(group: list[dict[str, Any]], body: float) -> tuple[float, Block]:
    first = group[0]
    heading = _size(first) > body * 1.15 or _style(first)[1]
    return first["top"], Paragraph("\n".join(line["text"] for line in group), heading)


def _size(line: dict[str, Any]) -> float:
    chars = line.get("chars") or [{"size": 0.0}]
    return float(max(c["size"] for c in chars))


def _style(line: dict[str, Any]) -> tuple[float, bool]:
    chars = line.get("chars") or [{"size": 0.0, "fontname": ""}]
    bold = all("bold" in str(c.get("fontname", "")).casefold() for c in chars)
    return round(_size(line), 1), bold


def _join_page(blocks: list[Block], page: list[Block]) -> None:
    """A page's blocks after the last page's: a paragraph cut by the page break (it ends
    without a sentence's end and the next page opens with body text) is joined back."""
    if page and blocks:
        last, first = blocks[-1], page[0]
        if (
            isinstance(last, Paragraph) and isinstance(first, Paragraph)
            and not last.heading and not first.heading
            and not last.text.rstrip().endswith(SENTENCE_END)
        ):  # fmt: skip
            blocks[-1] = Paragraph(f"{last.text}\n{first.text}")
            page = page[1:]
    blocks.extend(page)


def _damaged(path: Path, error: Exception) -> Exception:
    """The refusal of a PDF that could not be read: too much inflated, else damaged."""
    if inflated_too_far(error):
        return refused(
            "{path} expands to more than a plan document holds (a stream past {size} MB); "
            "hplan does not read it. Export the document again",
            path=path,
            size=MAX_STREAM // (1024 * 1024),
        )
    # pdfminer's reason is English and technical: kept as the cause (--debug shows it).
    return refused("{path}: the PDF is damaged; export it again", path=path)
