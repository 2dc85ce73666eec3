"""Tables drawn with rich for a terminal. Imported only when output is a terminal."""

from __future__ import annotations

from dataclasses import replace

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.table import Table as RichTable

from hplan.errors import Message
from hplan.render import no_color, terminal_width
from hplan.render.i18n import say
from hplan.render.records import Table
from hplan.render.styles import by_word

# Columns of free text, which wrap between words: (widest, share of the room). Every other
# column (ids, goal ids, dates, statuses, days late, counts) keeps its whole width.
WRAPPING = {
    "Activity": (200, 3.0),
    "Title": (200, 3.0),
    "Owners": (30, 1.2),
    "Owner": (40, 1.2),
    "Goals": (14, 0.6),
    "Deadline": (20, 0.8),
    "By status": (40, 1.0),
    "Change": (60, 1.5),
    "Author": (24, 0.6),
}

NAMES = ("Owners", "Owner", "Author")
"""Columns of names, which wrap between names rather than between words where they can."""

LINES = ("By status",)
"""Columns whose parts ("18 ej påbörjade, 1 genomförd") each get a line of their own on a
terminal: a small list, never a count cut from its word."""

NAME_WIDTH = 24
"""The widest a column of names is kept whole for."""

DROP_FIRST = ("Due", "Goals", "Deadline", "Owners")
"""Columns given up, in this order, when a terminal is too narrow for all of them: the due
day repeats the deadline, and goals and owners are in `hplan show`."""

GAP = 2
"""Spaces between two columns."""


Layout = tuple[list[int], tuple[list[int], list[int]] | None]
"""The columns with text, and the columns kept with their widths (None: cards)."""


def shared_layout(tables: list[Table], width: int) -> Layout:
    """One layout for tables drawn together (the groups of one output): the same columns and
    widths in each, fitted to all their rows."""
    whole = replace(tables[0], rows=[r for t in tables for r in t.rows], title=None)
    used = [i for i in range(len(whole.columns)) if any(r[i] for r in whole.rows)]
    return used, fit_columns(whole, used, width)


def left_out(table: Table, layout: Layout) -> list[str]:
    """The headings of the columns with text that the layout gave up."""
    used, fitted = layout
    if fitted is None:
        return []
    gone = [i for i in used if i not in fitted[0]]
    if any(table.columns[i] == "Deadline" for i in fitted[0]):
        gone = [i for i in gone if table.columns[i] != "Due"]  # the due day repeats it
    return [_gone(table, i) for i in gone]


def _gone(table: Table, i: int) -> str:
    """A column given up, as the note names it: its heading, and its one value if it has."""
    if not same_on_every_row(table, i):
        return table.headings[i]
    said = Message("{heading} ({value} on every row)", heading=table.headings[i],
                   value=table.rows[0][i])  # fmt: skip
    return say(said, table.language)


def to_rich_text(table: Table, width: int | None = None, layout: Layout | None = None) -> str:
    """The table drawn for a terminal of `width` (default: the current one), with colour codes.

    Ids, goal ids, dates, statuses and days late are never cut or wrapped; free text wraps
    between words. When the terminal is too narrow, the least needed columns go first (the
    table's `drop`, else DROP_FIRST); narrower still, each row becomes a card of its own lines.
    """
    width = width or terminal_width()
    console = Console(
        width=width, force_terminal=not no_color(), no_color=no_color(), highlight=False
    )
    used, fitted = layout or shared_layout([table], width)
    with console.capture() as captured:
        console.print(_grid(table, *fitted) if fitted else _cards(table, used, width))
    return "".join(line.rstrip(" ") + "\n" for line in captured.get().splitlines())


def _cell(table: Table, n: int, i: int) -> str:
    row = table.rows[n]
    late = n < len(table.late) and table.late[n]
    style = by_word().get(row[i], "") if table.columns[i] == "Status" else ""
    if late and table.columns[i] in ("Late", "Overdue", "Due"):
        style = "bold red"
    text = row[i].replace(", ", "\n") if table.columns[i] in LINES else row[i]
    return f"[{style}]{escape(text)}[/]" if style else escape(text)


def _grid(table: Table, kept: list[int], widths: list[int]) -> RichTable:
    from rich.text import Text

    grid = RichTable(
        title=Text(table.title) if table.title is not None else None,  # text, never markup
        title_justify="left",
        title_style="bold",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
    )
    for i, column_width in zip(kept, widths, strict=True):
        wraps = table.columns[i] in WRAPPING
        grid.add_column(
            table.headings[i],
            no_wrap=not wraps,
            overflow="fold" if wraps else "ignore",
            min_width=column_width,
            max_width=column_width,
        )
    for n in range(len(table.rows)):
        grid.add_row(*(_cell(table, n, i) for i in kept))
    return grid


def _cards(table: Table, used: list[int], width: int) -> Group:
    """Each row as its own lines: the id and the text, then label: value pairs."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table as Grid
    from rich.text import Text

    parts: list[Padding | Text | Grid] = []
    if table.title:
        parts.append(Text(table.title, style="bold"))
    first = used[0]
    for n in range(len(table.rows)):
        text_column = next((i for i in used if table.columns[i] in ("Activity", "Title")), None)
        # The text wraps beside the id, never back under it: the id stands out in the margin.
        head = Grid.grid(padding=(0, 2))
        head.add_column(no_wrap=True)
        head.add_column()
        text = table.rows[n][text_column] if text_column is not None else ""
        head.add_row(Text.from_markup(f"[bold]{_cell(table, n, first)}[/]"), Text(text))
        parts.append(head)
        rest = [
            f"{escape(table.headings[i])}: {_cell(table, n, i)}"
            for i in used
            if i not in (first, text_column) and table.rows[n][i]
        ]
        parts.append(Padding(Text.from_markup("  ·  ".join(rest)), (0, 0, 1, 4)))
    return Group(*parts)


KEEP_ALWAYS = ("ID", "Activity", "Title", "Goal", "Owner", "Late")
"""Columns that name a row or answer the question asked: never dropped for saying the same
on every row."""


def same_on_every_row(table: Table, i: int) -> bool:
    """True when column `i` says one thing on every row, of two or more (a "not started" on
    each overdue activity): it tells nothing a note cannot."""
    values = {row[i] for row in table.rows}
    return len(table.rows) > 1 and len(values) == 1 and table.columns[i] not in KEEP_ALWAYS


def fit_columns(table: Table, used: list[int], width: int) -> tuple[list[int], list[int]] | None:
    """The columns to show and their widths within `width`, or None for cards. When all do
    not fit, a column that says the same on every row goes first (issue 33: Status, "ej
    påbörjad" on each row, stayed while Ansvarig went), then the table's `drop` order."""
    kept = list(used)
    while True:
        widths = fit_widths(table, kept, width - GAP * (len(kept) - 1))
        if widths is not None:
            return kept, widths
        order = table.drop or DROP_FIRST
        alike = [i for i in kept if same_on_every_row(table, i)]
        droppable = alike + [i for name in order for i in kept if table.columns[i] == name]
        if not droppable:
            return None
        kept.remove(droppable[0])


def fit_widths(table: Table, kept: list[int], room: int) -> list[int] | None:
    """Column widths within `room`, or None when even the narrowest do not fit: fixed columns
    keep their whole width, free text gives way in proportion to its share, down to its
    longest word."""
    natural, narrowest = [], []
    for i in kept:
        cells = [table.headings[i], *(row[i] for row in table.rows)]
        whole = max(len(cell) for cell in cells)
        if table.columns[i] in LINES:
            whole = max(len(part) for cell in cells for part in cell.split(", "))
            natural.append(whole)
            narrowest.append(whole)
        elif table.columns[i] in WRAPPING:
            # Names are kept whole on a line where they fit; other text breaks between words.
            names = table.columns[i] in NAMES
            longest = max((len(part) for cell in cells for part in _parts(cell, names)), default=0)
            natural.append(min(whole, WRAPPING[table.columns[i]][0]))
            narrowest.append(min(longest, natural[-1], NAME_WIDTH if names else longest))
        else:
            natural.append(whole)
            narrowest.append(whole)
    if sum(narrowest) > room:
        return None
    widths = list(natural)
    excess = sum(widths) - room
    while excess > 0:
        shrinkable = [n for n, i in enumerate(kept) if widths[n] > narrowest[n]]
        widest = max(shrinkable, key=lambda n: widths[n] / WRAPPING[table.columns[kept[n]]][1])
        widths[widest] -= 1
        excess -= 1
    return widths


def _parts(cell: str, names: bool) -> list[str]:
    """What a cell may not be broken inside: each name, or each word."""
    return cell.split(", ") if names else cell.split()
