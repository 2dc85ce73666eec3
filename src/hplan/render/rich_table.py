"""Tables drawn with rich for a terminal. Imported only when output is a terminal."""

from __future__ import annotations

import shutil

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from hplan.render import no_color
from hplan.render.i18n import STATUS_WORDS
from hplan.render.records import Table

# Columns that may wrap on a narrow terminal: (narrowest, widest, share of the width).
WRAPPING = {
    "Activity": (16, 200, 3.0),
    "Title": (16, 200, 3.0),
    "Owners": (12, 30, 1.2),
    "Owner": (12, 40, 1.2),
    "Goals": (5, 12, 0.6),
    "Deadline": (8, 20, 0.8),
    "By status": (11, 40, 1.0),
}

_STYLE = {
    "not-started": "",
    "in-progress": "cyan",
    "done": "green",
    "blocked": "magenta",
    "cancelled": "dim",
}
STATUS_STYLES = {
    word: _STYLE[status.value] for words in STATUS_WORDS.values() for status, word in words.items()
} | _STYLE
"""A status cell's colour, whichever language words it."""


def to_rich_text(table: Table, width: int | None = None) -> str:
    """The table drawn for a terminal of `width` (default: the current one), with colour codes."""
    width = width or shutil.get_terminal_size((100, 24)).columns
    console = Console(
        width=width, force_terminal=not no_color(), no_color=no_color(), highlight=False
    )
    grid = RichTable(
        title=table.title,
        title_justify="left",
        title_style="bold",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
    )
    used = [i for i in range(len(table.columns)) if any(r[i] for r in table.rows)]
    names = [table.columns[i] for i in used]
    headings = [table.headings[i] for i in used]
    natural = [max(len(headings[n]), *(len(r[i]) for r in table.rows)) for n, i in enumerate(used)]
    widths = fit_widths(names, natural, width - 2 * (len(used) - 1))
    for name, heading, column_width in zip(names, headings, widths, strict=True):
        grid.add_column(heading, overflow="fold", no_wrap=name not in WRAPPING, width=column_width)
    for n, row in enumerate(table.rows):
        late = n < len(table.late) and table.late[n]
        cells = []
        for i in used:
            style = STATUS_STYLES.get(row[i], "") if table.columns[i] == "Status" else ""
            if late and table.columns[i] in ("Late", "Overdue", "Due"):
                style = "bold red"
            cells.append(f"[{style}]{escape(row[i])}[/]" if style else escape(row[i]))
        grid.add_row(*cells)
    with console.capture() as captured:
        console.print(grid)
    return captured.get()


def fit_widths(names: list[str], natural: list[int], room: int) -> list[int]:
    """Column widths within `room`: wrapping columns give way in proportion to their share."""
    widths = [
        min(w, WRAPPING[n][1]) if n in WRAPPING else w for n, w in zip(names, natural, strict=True)
    ]
    excess = sum(widths) - room
    while excess > 0:
        shrinkable = [
            i for i, n in enumerate(names) if n in WRAPPING and widths[i] > WRAPPING[n][0]
        ]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i] / WRAPPING[names[i]][2])
        widths[widest] -= 1
        excess -= 1
    return widths
