"""Rendering results as text, a rich table, JSON, CSV or Markdown; the one place output is made.

Each function returns the text to print; on a terminal a table is drawn with rich (imported
only then), and piped output is plain text.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from enum import StrEnum
from typing import Any

from hplan.render.records import Table


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


def is_terminal() -> bool:
    """True when standard output is a terminal (tables are drawn with rich)."""
    return sys.stdout.isatty()


def render(
    table: Table | list[Table],
    records: list[dict[str, Any]],
    fmt: Format,
    terminal: bool,
    empty: str = "",
) -> str:
    """Text for a result in `fmt`: tables for people, records for JSON and CSV."""
    tables = table if isinstance(table, list) else [table]
    if fmt == Format.JSON:
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == Format.CSV:
        return to_csv(records)
    if not any(t.rows for t in tables):
        return empty + "\n" if empty else ""
    if fmt == Format.MARKDOWN:
        return "\n".join(to_markdown(t) for t in tables if t.rows)
    if terminal:
        from hplan.render.rich_table import to_rich_text

        return "".join(to_rich_text(t) for t in tables if t.rows)
    return "\n".join(to_plain(t) for t in tables if t.rows)


def to_plain(table: Table) -> str:
    """Columns aligned with spaces, one line per row: grep- and awk-friendly."""
    rows = [table.columns, *table.rows]
    used = [i for i in range(len(table.columns)) if any(r[i] for r in table.rows)]
    widths = {i: max(len(r[i]) for r in rows) for i in used}
    lines = [table.title] if table.title else []
    for row in rows:
        cells = [row[i].ljust(widths[i]) for i in used]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def to_markdown(table: Table) -> str:
    """A GitHub table; pipes and line breaks in cells are escaped."""

    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    lines = [f"### {cell(table.title)}", ""] if table.title else []
    lines.append("| " + " | ".join(cell(c) for c in table.columns) + " |")
    lines.append("|" + "|".join("---" for _ in table.columns) + "|")
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in table.rows]
    return "\n".join(lines) + "\n"


def to_csv(records: list[dict[str, Any]]) -> str:
    """Records as CSV: lists joined with '; ', nested groups flattened with a group column."""
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


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(
            f"{v['date']} {v['text']}" if isinstance(v, dict) else str(v) for v in value
        )
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def no_color() -> bool:
    """NO_COLOR (https://no-color.org) set to anything non-empty."""
    return bool(os.environ.get("NO_COLOR"))
