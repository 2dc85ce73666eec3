"""A Word document (.docx) as paragraphs and tables, read from its XML.

python-docx opens the package (it finds the main part through the relationships, whatever
the part is called); lxml walks the body, so text inside content controls, fields,
hyperlinks and smart tags is read, which python-docx's paragraph view skips. A document with
tracked changes or comments is refused: an import must not choose between two versions.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from hplan.errors import Message
from hplan.imports.shape import DocumentText, Paragraph, Table, refused

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MAX_ENTRIES = 2_000
MAX_EXPANDED = 100 * 1024 * 1024
"""A Word document expands to a few megabytes; past this an archive is a zip bomb."""
MAX_TEXT_PART = 16 * 1024 * 1024
"""One XML part (document.xml): a 300-page plan's is a few megabytes; lxml holds about nine
times a part's size, and a 90 MB one took 43 s and 798 MB (issue 34, item 14)."""
MAX_RATIO = 200
"""How much one entry may expand: text compresses about 10 times, a bomb a thousand."""
REVISIONS = (
    "ins", "del", "moveFrom", "moveTo", "cellIns", "cellDel", "cellMerge", "rPrChange",
    "pPrChange", "tblPrChange", "tblGridChange", "trPrChange", "tcPrChange", "sectPrChange",
    "numberingChange", "customXmlInsRangeStart", "customXmlDelRangeStart",
)  # fmt: skip
"""Every kind of tracked change (ECMA-376 17.13.5), not yet accepted or rejected: a deleted
table cell (cellDel) as much as deleted text (issue 34, item 5)."""
COMMENTS = ("commentRangeStart", "commentReference")


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def read_word(path: Path) -> DocumentText:
    """The document's paragraphs and tables in order; DocumentRefused if it cannot be read
    safely and whole."""
    _check_archive(path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        # The library's own reason is English and technical: kept as the cause, which
        # --debug shows, not said in the plan's language.
        raise refused(
            "{path} is not a Word document that can be read (a part of it is missing or "
            "unreadable); save it again from Word as .docx",
            path=path,
        ) from error
    except Exception as error:  # lxml's XMLSyntaxError and the like: a damaged part
        raise refused(
            "{path}: the document is damaged; save it again from Word as .docx", path=path
        ) from error
    body = document.element.body
    _check_final(path, body, document)
    return DocumentText(path.name, list(_blocks(body, [0])))


def _check_archive(path: Path) -> None:
    """Refuse what is not a zip archive, or would expand past a sane size, before unpacking."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        raise refused(
            "{path} is not a Word document (.docx): its content is not the zip archive a "
            ".docx is; save it again from Word as .docx",
            path=path,
        ) from None
    expanded = sum(e.file_size for e in entries)
    bomb = any(e.file_size > MAX_RATIO * max(e.compress_size, 1024) for e in entries)
    bomb = bomb or any(_is_text(e) and e.file_size > MAX_TEXT_PART for e in entries)
    if not (len(entries) > MAX_ENTRIES or expanded > MAX_EXPANDED or bomb):
        # The sizes an archive declares may lie (1 KB declared, 1,000 MB real: zipfile
        # inflates it all before its CRC check fails): counted while inflating, in chunks,
        # nothing kept (issue 34, item 14).
        real = _inflated(path, entries, MAX_EXPANDED)
        bomb = real is None or real != expanded
        expanded = max(expanded, real or MAX_EXPANDED + 1)
    if len(entries) > MAX_ENTRIES or expanded > MAX_EXPANDED or bomb:
        raise refused(
            "{path} expands to more than a Word document holds ({size} MB in {count} "
            "parts); hplan does not unpack it",
            path=path,
            size=expanded // (1024 * 1024),
            count=len(entries),
        )


def _inflated(path: Path, entries: list[zipfile.ZipInfo], most: int) -> int | None:
    """The bytes the entries really inflate to, counted a chunk at a time; None past `most`
    or where an entry cannot be read as stored or deflated."""
    import struct
    import zlib

    total = 0
    with path.open("rb") as archive:
        for entry in entries:
            archive.seek(entry.header_offset)
            head = archive.read(30)
            if len(head) < 30 or head[:4] != b"PK\x03\x04":
                return None
            name_length, extra_length = struct.unpack("<HH", head[26:30])
            archive.seek(entry.header_offset + 30 + name_length + extra_length)
            left = entry.compress_size
            start = total
            inflate = (
                zlib.decompressobj(-15) if entry.compress_type == zipfile.ZIP_DEFLATED else None
            )
            if inflate is None and entry.compress_type != zipfile.ZIP_STORED:
                return None
            while left > 0:
                chunk = archive.read(min(left, 65536))
                if not chunk:
                    return None
                left -= len(chunk)
                if inflate is None:
                    total += len(chunk)
                while chunk and inflate is not None:
                    try:
                        total += len(inflate.decompress(chunk, 1 << 20))
                    except zlib.error:
                        return None
                    chunk = inflate.unconsumed_tail
                    if total > most:
                        return None
                if total > most or (_is_text(entry) and total - start > MAX_TEXT_PART):
                    return None
    return total


def _is_text(entry: zipfile.ZipInfo) -> bool:
    """An XML part, which lxml parses whole into memory (several times its size)."""
    return entry.filename.lower().endswith((".xml", ".rels"))


def _check_final(path: Path, body: Any, document: Any) -> None:
    """Refuse tracked changes and comments: they must be resolved in Word first."""
    revisions = sum(1 for name in REVISIONS for _ in body.iter(_w(name)))
    comments = sum(1 for _ in body.iter(_w(COMMENTS[0]), _w(COMMENTS[1])))
    for part in document.part.package.iter_parts():
        if str(part.partname).endswith("/comments.xml") and b"<w:comment " in part.blob:
            comments += 1
    if revisions:
        raise refused(
            "{path} has {count} tracked changes not yet accepted or rejected; resolve them in "
            "Word (Review > Accept or Reject) and save, then import again",
            path=path,
            count=revisions,
        )
    if comments:
        raise refused(
            "{path} has comments; resolve or delete them in Word (Review > Delete all "
            "comments) and save, then import again",
            path=path,
        )


def _blocks(element: Any, tables: list[int]) -> Any:
    """Paragraphs and tables under `element`, in order, through content controls."""
    for child in element:
        tag = child.tag
        if tag == _w("p"):
            yield Paragraph(_text(child), _is_heading(child))
        elif tag == _w("tbl"):
            tables[0] += 1
            yield Table(_rows(child), Message("table {number}", number=tables[0]))
        elif tag in (_w("sdt"), _w("customXml"), _w("sdtContent"), f"{{{MC}}}AlternateContent"):
            yield from _blocks(_content(child), tables)


def _content(element: Any) -> Any:
    """A content control's content, or a compatibility block's first choice."""
    if element.tag == _w("sdt"):
        found = element.find(_w("sdtContent"))
        return found if found is not None else []
    if element.tag == f"{{{MC}}}AlternateContent":
        choice = element.find(f"{{{MC}}}Choice")
        return choice if choice is not None else []
    return element


def _text(paragraph: Any, on_dark: bool = False) -> str:
    """The text a reader sees in a paragraph: runs anywhere beneath it (links, fields' results,
    content controls), breaks as line breaks; not field codes, deleted text, fallbacks, or
    white runs on white (`on_dark`: the cell is shaded, so white text there is seen)."""
    parts: list[str] = []
    skip = (_w("instrText"), _w("delText"), f"{{{MC}}}Fallback", _w("txbxContent"))
    stack = [iter(paragraph)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag in skip or not isinstance(tag, str):
            continue
        if tag == _w("r") and (_hidden(child) or (not on_dark and _white_on_white(child))):
            continue  # text Word does not show (Hidden, w:vanish) is no text of the plan
        if tag == _w("t"):
            parts.append(child.text or "")
        elif tag in (_w("br"), _w("cr")):
            parts.append("\n")
        elif tag == _w("tab"):
            parts.append("\t")
        elif tag == _w("softHyphen"):
            parts.append("\u00ad")
        elif tag == _w("noBreakHyphen"):
            parts.append("-")
        else:
            stack.append(iter(child))
    return "".join(parts)


def _hidden(run: Any) -> bool:
    """True when the run's own properties hide it (Font > Hidden)."""
    properties = run.find(_w("rPr"))
    vanish = properties.find(_w("vanish")) if properties is not None else None
    return vanish is not None and vanish.get(_w("val"), "true") not in ("0", "false", "off")


def _white_on_white(run: Any) -> bool:
    """True when the run is coloured white with no shading or highlight of its own."""
    properties = run.find(_w("rPr"))
    if properties is None:
        return False
    colour = properties.find(_w("color"))
    if colour is None or (colour.get(_w("val")) or "").upper() != "FFFFFF":
        return False
    return properties.find(_w("highlight")) is None and not _shaded(properties)


def _shaded(properties: Any) -> bool:
    """Whether run or cell properties give a fill that is not white (or none)."""
    shading = properties.find(_w("shd")) if properties is not None else None
    fill = (shading.get(_w("fill")) or "auto").upper() if shading is not None else "AUTO"
    return fill not in ("AUTO", "FFFFFF")


def _is_heading(paragraph: Any) -> bool:
    properties = paragraph.find(_w("pPr"))
    if properties is None:
        return False
    style = properties.find(_w("pStyle"))
    name = (style.get(_w("val")) or "") if style is not None else ""
    return properties.find(_w("outlineLvl")) is not None or name.casefold().startswith(
        ("heading", "rubrik", "title")
    )


def _rows(table: Any) -> list[list[str | None]]:
    """The table's rows by grid column: a cell spanning columns fills them all, a cell
    merged with the one above is None (it continues that cell)."""
    rows: list[list[str | None]] = []
    for row in _children(table, "tr"):
        cells: list[str | None] = []
        for cell in _children(row, "tc"):
            properties = cell.find(_w("tcPr"))
            span, merged = 1, False
            if properties is not None:
                grid = properties.find(_w("gridSpan"))
                span = int(grid.get(_w("val")) or 1) if grid is not None else 1
                vmerge = properties.find(_w("vMerge"))
                merged = vmerge is not None and vmerge.get(_w("val")) in (None, "continue")
            text = None if merged else _cell_text(cell, _shaded(properties))
            cells += [text] * max(1, min(span, 64))
        rows.append(cells)
    return rows


def _children(element: Any, name: str) -> Any:
    """Rows of a table, cells of a row, also inside content controls."""
    for child in element:
        if child.tag == _w(name):
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            yield from _children(_content(child), name)


def _cell_text(cell: Any, on_dark: bool) -> str:
    """A cell's paragraphs (nested tables' too), one per line."""
    return "\n".join(_text(p, on_dark) for p in cell.iter(_w("p")))
