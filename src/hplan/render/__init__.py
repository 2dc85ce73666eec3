"""Rendering results as text, a rich table, JSON, CSV or Markdown; the one place output is made.

Each function returns the text to print; on a terminal a table is drawn with rich (imported
only then), and piped output is plain text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hplan.render.records import Table


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


TERMINAL_ROWS = 50
"""Rows a table shows on a terminal unless --all: nobody reads 10,000 rows."""


def render(
    fmt: Format,
    *,
    tables: Callable[[], Table | list[Table]],
    records: Callable[[], list[dict[str, Any]]],
    terminal: bool,
    empty: str = "",
    show_all: bool = True,
) -> str:
    """Text for a result in `fmt`: tables for people, records for JSON and CSV.

    Only the form asked for is built. On a terminal, without `show_all`, a long table stops
    after TERMINAL_ROWS rows with a line that says how many more there are.
    """
    if fmt == Format.JSON:
        return to_json(records())
    if fmt == Format.CSV:
        return to_csv(records())
    built = tables()
    shown = built if isinstance(built, list) else [built]
    if not any(t.rows for t in shown):
        return empty + "\n" if empty else ""
    if fmt == Format.MARKDOWN:
        return "\n".join(to_markdown(t) for t in shown if t.rows)
    if not terminal:
        return "\n".join(to_plain(t) for t in shown if t.rows)
    from hplan.errors import Message
    from hplan.render.i18n import say
    from hplan.render.rich_table import left_out, shared_layout, to_rich_text

    drawn, left = [], TERMINAL_ROWS
    hidden = 0
    for table in shown:
        if not table.rows:
            continue
        if not show_all:
            hidden += max(len(table.rows) - left, 0)
            table = replace(table, rows=table.rows[:left], late=table.late[:left])
            left = max(left - len(table.rows), 0)
        if table.rows:
            drawn.append(table)
    width = terminal_width()
    # Every group of one output shows the same columns; tables of other columns (a list of
    # rounds above the answers per owner) each get their own.
    alike: dict[tuple[str, ...], list[Table]] = {}
    for table in drawn:
        alike.setdefault(tuple(table.columns), []).append(table)
    layouts = {columns: shared_layout(tables, width) for columns, tables in alike.items()}
    text = [to_rich_text(table, width, layouts[tuple(table.columns)]) for table in drawn]
    gone = [g for columns, ts in alike.items() for g in left_out(ts[0], layouts[columns])]
    if gone:
        said = say(Message(
            "{columns} not shown at {width} columns; widen the window or use --format json",
            columns=", ".join(gone), width=width,
        ), drawn[0].language)  # fmt: skip
        text += [line + "\n" for line in wrap_words(said, width - 1)]
    if hidden:
        more = Message(
            "… {count:,} more; --all shows every row, --format csv or json for a spreadsheet "
            "or a script",
            count=hidden,
        )
        text += [line + "\n" for line in wrap_words(say(more, shown[0].language), width - 1)]
    return "".join(text)


def to_json(records: list[dict[str, Any]]) -> str:
    """A JSON array with one record per line: readable, diffable, and fast to write."""
    import json

    if not records:
        return "[]\n"
    lines = ",\n".join(map(json.JSONEncoder(ensure_ascii=False).encode, records))
    return f"[\n{lines}\n]\n"


def to_plain(table: Table) -> str:
    """Columns aligned with spaces, one line per row: grep- and awk-friendly."""
    columns = list(zip(table.headings, *table.rows, strict=True))
    used = [column for column in columns if any(column[1:])]
    # Each used column padded to its width at once, the last not at all (10,000 rows).
    padded = []
    for column in used[:-1]:
        width = max(map(len, column))
        padded.append([cell.ljust(width) for cell in column])
    lines = [table.title] if table.title else []
    lines += ["  ".join(cells).rstrip() for cells in zip(*padded, *used[-1:], strict=True)]
    return "\n".join(lines) + "\n"


_MARKDOWN = re.compile(r"([\\`*_\[\]!|~])")


_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+](?=\s|$)|[-=]{3})|^(\d{1,9})([.)])(?=\s|$)")
"""What makes a line a heading, a quote, a list item or a rule where it starts a line."""
_BARE_URL = re.compile(r"(?i)\b(?:(?:https?|ftp)://|www\.)\S+")
"""What GitHub turns into a link by itself: a bare URL, www.…"""


def markdown_text(text: object) -> str:
    """Plan text as Markdown that shows exactly that text: one line, and no character that
    could make a link (a bare URL is shown as code), an image, emphasis, a heading, a list,
    a rule, a table cell's end or HTML."""
    line = " ".join(str(text).split())
    parts, last = [], 0
    for url in _BARE_URL.finditer(line):
        parts.append(_plain_markdown(line[last : url.start()]))
        parts.append(_code(url[0]))
        last = url.end()
    parts.append(_plain_markdown(line[last:]))
    return _LINE_START.sub(_escaped_start, "".join(parts))


def _escaped_start(found: re.Match[str]) -> str:
    if found[1]:
        return "\\" + found[1]  # \# heading, \- list item, \--- rule
    return f"{found[2]}\\{found[3]}"  # 1\. an ordered list's number


def _plain_markdown(text: str) -> str:
    return _MARKDOWN.sub(r"\\\1", text).replace("<", "&lt;").replace(">", "&gt;")


def _code(text: str) -> str:
    """A code span holding `text` as it is (a table cell's `|` escaped, as GFM reads it)."""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text.replace('|', chr(92) + '|')}{pad}{fence}"


def to_markdown(table: Table) -> str:
    """A GitHub table; every cell is plan text as text (markdown_text)."""
    cell = markdown_text
    lines = [f"### {cell(table.title)}", ""] if table.title else []
    lines.append("| " + " | ".join(cell(c) for c in table.headings) + " |")
    lines.append("|" + "|".join("---" for _ in table.columns) + "|")
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in table.rows]
    return "\n".join(lines) + "\n"


def to_csv(records: list[dict[str, Any]]) -> str:
    """Records as CSV: lists joined with '; ', nested groups flattened with a group column."""
    import csv
    import io

    flat: list[dict[str, Any]] = []
    for record in records:
        if "activities" in record and isinstance(record["activities"], list):
            flat += [{"group": record["key"], **r} for r in record["activities"]]
        else:
            flat.append(record)
    if not flat:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(flat[0]), lineterminator="\n")
    writer.writeheader()
    for record in flat:
        writer.writerow({k: _csv_value(v) for k, v in record.items()})
    return out.getvalue()


def _csv_item(item: Any) -> str:
    """One item of a list in a cell: a note as `date text`, an answer at a follow-up round as
    `round assessment (by, date): comment`, anything else as its text."""
    if not isinstance(item, dict):
        return str(item)
    if "round" in item:
        comment = f": {item['comment']}" if item.get("comment") else ""
        return f"{item['round']} {item['assessment']} ({item['by']}, {item['date']}){comment}"
    if "text" in item:
        return f"{item['date']} {item['text']}"
    return ", ".join(f"{k}={v}" for k, v in item.items())


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        value = "; ".join(_csv_item(v) for v in value)
    elif isinstance(value, dict):
        value = "; ".join(f"{k}={v}" for k, v in value.items())
    elif isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(_FORMULA):
        # A spreadsheet would run it as a formula (OWASP: CSV injection): make it text.
        return "'" + value
    return "" if value is None else value


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def terminal_width() -> int:
    """The width to draw for: the terminal's, else 100."""
    import shutil

    return shutil.get_terminal_size((100, 24)).columns


def wrap_words(text: str, width: int, indent: str = "") -> list[str]:
    """`text` in lines of at most `width` characters, broken only between words (a word
    longer than that stands whole, a hyphenated one is not split), later lines after
    `indent`; [""] for no text."""
    import textwrap

    return textwrap.wrap(
        text, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
    ) or [""]


def no_color() -> bool:
    """NO_COLOR (https://no-color.org) set to anything non-empty."""
    return bool(os.environ.get("NO_COLOR"))
