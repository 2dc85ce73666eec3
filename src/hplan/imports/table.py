"""The activity table: found by its header, its parts joined, its rows made whole.

A table may be split over pages or into several tables (the header repeated), a row may run
over a page break (its rest opens the next part), and a merged cell covers the rows below it.
What comes out is one record per activity, each cell's text as the document writes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from hplan.errors import Message
from hplan.imports.shape import Block, Paragraph, Table, refused
from hplan.imports.text import joined, key

COLUMNS = ("activity", "goals", "owners", "deadline", "status")
HEADER_WORDS = {
    "activity": {"aktivitet", "aktiviteter", "aktivitetslista", "activity", "activities"},
    "goals": {"mål", "delmål", "målområde", "goal", "goals", "objective", "objectives"},
    "owners": {"ansvarig", "ansvariga", "ansvar", "owner", "owners", "responsible"},
    "deadline": {"slutdatum", "datum", "klart", "tidplan", "deadline", "due", "date"},
    "status": {"status", "läge"},
}
"""The first word of each column's header, in Swedish and English (any order, any year after
it: "Aktivitet 2025")."""
REQUIRED = COLUMNS[:4]
HEADER_ROWS = 3
"""A table's header is one of its first rows (a title row may come before it)."""
SWEDISH_HEADERS = {"aktivitet", "aktiviteter", "aktivitetslista"}


@dataclass(slots=True)
class Row:
    """One activity's cells, by column, and where it stands in the document."""

    cells: dict[str, str]
    where: Message


@dataclass(slots=True)
class ActivityTable:
    """The activity list's rows, the rows not read as activities, and its language."""

    rows: list[Row]
    skipped: list[Row]
    language: str


def activity_table(blocks: list[Block], name: str) -> ActivityTable:
    """The activity table's rows in document order, its parts joined."""
    rows: list[Row] = []
    skipped: list[Row] = []
    columns: dict[str, int] | None = None
    language = "sv"
    previous: Block | None = None
    above: list[str | None] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            if joined(block.text):
                previous = block
            continue
        found = _header(block)
        if found is not None:
            start, columns = found
            language = (
                "sv"
                if _first_word(block.rows[start][columns["activity"]]) in (SWEDISH_HEADERS)
                else "en"
            )
            body = block.rows[start + 1 :]
        elif columns is not None and isinstance(previous, Table) and _fits(block, columns):
            body = block.rows  # a part without its header right after the last part
        else:
            previous = block
            continue
        first = True
        for cells in body:
            if _is_header(cells, columns):
                continue
            texts = [
                (cell if cell is not None else (above[i] if i < len(above) else ""))
                for i, cell in enumerate(cells)
            ]
            above = texts
            row = Row({c: (texts[i] or "") for c, i in columns.items() if i < len(texts)},
                      block.where)  # fmt: skip
            if not any(joined(t) for t in row.cells.values()):
                continue
            if first and rows and _continues(row, cells, columns):
                _join(rows[-1], row)
            elif not joined(row.cells.get("activity", "")) or not _has_any_other(row):
                skipped.append(row)
            else:
                rows.append(row)
            first = False
        previous = block
    if columns is None:
        raise refused(
            "{name}: found no activity table. hplan looks for a table with a column for each "
            "of {columns} (the first word of its header; Status may follow), in any order. It "
            "saw:\n{tables}",
            name=name,
            columns=accepted_headers(),
            tables=_tables_seen(blocks),
        )
    return ActivityTable(rows, skipped, language)


def accepted_headers() -> str:
    """The headers each required column may have, from HEADER_WORDS (the one list):
    "Aktivitet/Aktiviteter/… ; Mål/Delmål/…"."""
    return "; ".join(
        "/".join(sorted((w.capitalize() for w in HEADER_WORDS[c]), key=str.casefold))
        for c in REQUIRED
    )


def _first_word(text: str | None) -> str:
    words = key(text or "").split()
    return words[0] if words else ""


def _header(table: Table) -> tuple[int, dict[str, int]] | None:
    """The header row's index and each column's place, if this table has the header."""
    for n, cells in enumerate(table.rows[:HEADER_ROWS]):
        columns: dict[str, int] = {}
        for i, cell in enumerate(cells):
            word = _first_word(cell)
            for column, words in HEADER_WORDS.items():
                if word in words and column not in columns:
                    columns[column] = i
        if all(c in columns for c in REQUIRED):
            return n, columns
    return None


def _is_header(cells: list[str | None], columns: dict[str, int]) -> bool:
    """A repeated header row (a table split over pages repeats it)."""
    return all(
        i < len(cells) and _first_word(cells[i]) in HEADER_WORDS[c]
        for c, i in columns.items()
        if c in REQUIRED
    )


def _fits(table: Table, columns: dict[str, int]) -> bool:
    return bool(table.rows) and len(table.rows[0]) > max(columns.values())


def _continues(row: Row, cells: list[str | None], columns: dict[str, int]) -> bool:
    """The first row of a later part is the rest of a row cut by a page break when it has
    text but neither goals nor a deadline of its own."""
    own = [cells[columns[c]] for c in ("goals", "deadline") if columns[c] < len(cells)]
    return all(cell is not None and not joined(cell) for cell in own)


def _join(row: Row, rest: Row) -> None:
    for column, text in rest.cells.items():
        if joined(text):
            before = row.cells.get(column, "")
            row.cells[column] = f"{before}\n{text}" if before else text


def _has_any_other(row: Row) -> bool:
    return any(joined(row.cells.get(c, "")) for c in ("goals", "owners", "deadline"))


def _tables_seen(blocks: list[Block]) -> list[Message] | Message:
    seen = []
    for block in blocks:
        if isinstance(block, Table) and block.rows:
            cells = " | ".join(joined(c or "")[:30] for c in block.rows[0])
            seen.append(Message("{where} ({cells})", where=block.where, cells=cells))
    return seen[:10] or Message("no tables")
