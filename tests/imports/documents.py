"""Word and PDF documents made by the tests from the 2025 document's text (seed2025.py), with
the layouts `hplan import` must read: line breaks in cells, a table split in two with its
header repeated, a merged goal cell, a row cut by a page break, text in content controls,
fields and links; and the things it must refuse."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import seed2025

Row = Sequence[str]


@dataclass
class Layout:
    """How a test document lays out the plan."""

    rows: Sequence[Row] = field(default_factory=lambda: seed2025.ROWS)
    header: Row = field(default_factory=lambda: seed2025.HEADER)
    title: str = seed2025.TITLE
    goals: Sequence[tuple[str, str]] = field(
        default_factory=lambda: [*seed2025.BEFORE_GOALS, *seed2025.GOALS, *seed2025.AFTER_GOALS]
    )
    split_at: int | None = None
    """Start a second table (Word) or a new page (PDF) at this row, the header repeated."""
    cut_row: int | None = None
    """PDF: this row runs over the page break: its last line opens the next page."""
    merged_goals: tuple[int, int] | None = None
    """These rows (first, last) share one goal cell, merged."""


# --- Word -------------------------------------------------------------------------------


def word(path: Path, layout: Layout | None = None, edit: Any = None) -> Path:
    """A .docx of the plan; `edit(document)` changes it before it is saved."""
    import docx

    layout = layout or Layout()
    document = docx.Document()
    document.add_heading(layout.title, level=0)
    for kind, text in layout.goals:
        if kind == "heading":
            document.add_heading(text, level=2)
        else:
            document.add_paragraph(text)
    parts = [layout.rows]
    if layout.split_at is not None:
        parts = [layout.rows[: layout.split_at], layout.rows[layout.split_at :]]
    offset = 0
    for part in parts:
        table = document.add_table(rows=1 + len(part), cols=len(layout.header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, layout.header, strict=True):
            cell.text = text
        for r, row in enumerate(part, 1):
            for c, text in enumerate(row):
                if _covered(layout, offset + r - 1, c):
                    continue
                write_cell(table.cell(r, c), text)
        if layout.merged_goals is not None and offset <= layout.merged_goals[0] < offset + len(
            part
        ):
            first, last = layout.merged_goals
            table.cell(first + 1 - offset, 1).merge(table.cell(last + 1 - offset, 1))
        offset += len(part)
        if part is not parts[-1]:
            document.add_paragraph("")
    if edit is not None:
        edit(document)
    document.save(str(path))
    return path


def _covered(layout: Layout, row: int, column: int) -> bool:
    merged = layout.merged_goals
    return merged is not None and column == 1 and merged[0] < row <= merged[1]


def write_cell(cell: Any, text: str) -> None:
    """A cell's text with its line breaks as Word's breaks (w:br) in one paragraph."""
    paragraph = cell.paragraphs[0]
    for n, line in enumerate(text.split("\n")):
        run = paragraph.add_run(line)
        if n < text.count("\n"):
            run.add_break()


def wrap(run_element: Any, tag: str, **attributes: str) -> Any:
    """Wrap a run in a Word element (w:hyperlink, w:ins ...) and return the wrapper."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    wrapper = OxmlElement(tag)
    for name, value in attributes.items():
        wrapper.set(qn(name), value)
    run_element.addprevious(wrapper)
    wrapper.append(run_element)
    return wrapper


def in_content_control(run_element: Any) -> None:
    """Put a run inside an inline content control (w:sdt/w:sdtContent)."""
    from docx.oxml import OxmlElement

    content = wrap(run_element, "w:sdtContent")
    sdt = OxmlElement("w:sdt")
    content.addprevious(sdt)
    sdt.append(OxmlElement("w:sdtPr"))
    sdt.append(content)


def cell_runs(document: Any, row: int, column: int, table: int = 0) -> list[Any]:
    """The run elements of a body cell (row 0 is the first activity)."""
    cell = document.tables[table].cell(row + 1, column)
    return [run._r for run in cell.paragraphs[0].runs]


# --- PDF --------------------------------------------------------------------------------

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def pdf(path: Path, layout: Layout | None = None, encrypt: str | None = None) -> Path:
    """A PDF of the plan as Word would export it: headings in a larger bold font, the table
    ruled, each page's part with the header repeated."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    layout = layout or Layout()
    pdfmetrics.registerFont(TTFont("Body", FONT))
    pdfmetrics.registerFont(TTFont("Bold", BOLD))
    body = ParagraphStyle("body", fontName="Body", fontSize=10, leading=13, spaceAfter=8)
    head = ParagraphStyle("head", fontName="Bold", fontSize=13, leading=16, spaceAfter=6,
                          spaceBefore=8)  # fmt: skip
    title = ParagraphStyle("title", parent=head, fontSize=18, leading=22)
    story: list[Any] = [Paragraph(layout.title, title)]
    for kind, text in layout.goals:
        story.append(Paragraph(_escape(text), head if kind == "heading" else body))
    story.append(PageBreak())
    rows = [list(r) for r in layout.rows]
    pages: list[list[list[str]]] = [rows]
    if layout.split_at is not None:
        first, rest = rows[: layout.split_at], rows[layout.split_at :]
        if layout.cut_row is not None:
            cut = rows[layout.cut_row]
            lines = cut[0].split("\n")
            first[-1] = ["\n".join(lines[:-1]), *cut[1:]]
            rest = [[lines[-1]] + [""] * (len(cut) - 1), *rest]
        pages = [first, rest]
    for n, page in enumerate(pages):
        data = [list(layout.header), *page]
        style: list[Any] = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("FONT", (0, 0), (-1, -1), "Body", 9),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        if layout.merged_goals is not None and n == 0:
            a, b = layout.merged_goals
            style.append(("SPAN", (1, a + 1), (1, b + 1)))
        table = Table(data, colWidths=[150, 60, 140, 80, 50], style=TableStyle(style),
                      repeatRows=1)  # fmt: skip
        story += [table] + ([PageBreak()] if n < len(pages) - 1 else [])
    options: dict[str, Any] = {}
    if encrypt is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        options["encrypt"] = StandardEncryption(encrypt, canPrint=0)
    SimpleDocTemplate(str(path), pagesize=A4, **options).build(story)
    return path


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def inflating_pdf(path: Path, megabytes: int, pages: int = 1) -> Path:
    """A small PDF whose every page's content stream inflates to `megabytes` MB (spaces after
    one line of text): a stream bomb, as far as a reader that inflates whole is concerned."""
    import zlib

    pack = zlib.compressobj(9)
    parts = [pack.compress(b"BT /F1 12 Tf 100 700 Td (Plan 2025) Tj ET\n")]
    spaces = b" " * (1 << 20)
    parts += [pack.compress(spaces) for _ in range(megabytes)]  # never all of it in memory
    packed = b"".join([*parts, pack.flush()])
    kids = " ".join(f"{3 + 2 * n} 0 R" for n in range(pages)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
    ]
    font = 3 + 2 * pages
    for n in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * n, font)
        )
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
            + packed
            + b"\nendstream"
        )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(out)
    return path


def libreoffice_pdf(document: Path, profile: Path) -> Path:
    """The document exported to PDF by LibreOffice, as most Word files become PDFs outside
    Microsoft 365 (`profile`: a LibreOffice profile of its own, so runs at once never share
    one)."""
    import shutil
    import subprocess

    office = shutil.which("soffice")
    assert office is not None
    subprocess.run(
        [office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         "pdf", "--outdir", str(document.parent), str(document)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return document.with_suffix(".pdf")
