"""The timeline in a terminal: month columns, one row per dated activity, today marked.

Plain text when piped; coloured by status with rich on a terminal (NO_COLOR honoured).
"""

from __future__ import annotations

from datetime import date

from hplan.plan.statuses import Status
from hplan.queries.report import Timeline
from hplan.render.i18n import LABELS, STATUS_WORDS, month_names

LABEL_WIDTH = 32
MONTH_WIDTH = 5
STYLES = {
    Status.NOT_STARTED: "white",
    Status.IN_PROGRESS: "cyan",
    Status.DONE: "green",
    Status.BLOCKED: "magenta",
    Status.CANCELLED: "bright_black",
}

Segment = tuple[str, str]  # text, rich style ("" for none)


def timeline_lines(timeline: Timeline, language: str) -> list[list[Segment]]:
    """The timeline as lines of styled segments, LABEL_WIDTH + 60 columns wide."""
    cells = 12 * MONTH_WIDTH
    labels = LABELS[language]
    today_cell = (
        _cell(timeline, timeline.today)
        if timeline.first <= timeline.today <= timeline.last
        else None
    )
    header = "".join(
        name.rstrip(".")[: MONTH_WIDTH - 1].ljust(MONTH_WIDTH) for name in month_names(language)
    )
    lines: list[list[Segment]] = [[("".ljust(LABEL_WIDTH), ""), (header, "bold")]]
    if today_cell is not None:
        marker = " " * today_cell + "▼ " + f"{labels['today']} {timeline.today.isoformat()}"
        lines.append([("".ljust(LABEL_WIDTH), ""), (marker[: cells + 20], "red")])
    for item in timeline.rows:
        activity = item.row.activity
        first = _cell(timeline, item.start)
        last = _cell(timeline, item.end)
        chart = []
        for c in range(cells):
            if item.bar and first <= c <= last:
                chart.append("█")
            elif not item.bar and c == last:
                chart.append("◆")
            elif c == today_cell:
                chart.append("│")
            else:
                chart.append("·" if c % MONTH_WIDTH == 0 else " ")
        late = item.row.overdue
        label = _label(("! " if late else "") + f"{activity.id} {activity.title}")
        lines.append(_row(label, "".join(chart), STYLES[activity.status], late, today_cell))
    if timeline.ongoing:
        lines.append([(f"{labels['ongoing']}:", "bold")])
        band = "".join("│" if c == today_cell else "░" for c in range(cells))
        for row in timeline.ongoing:
            label = _label(f"{row.activity.id} {row.activity.title}")
            lines.append(_row(label, band, STYLES[row.activity.status], False, today_cell))
    legend = "  ".join(f"{STATUS_WORDS[language][s]}" for s in Status)
    lines.append([("█ ◆ ".ljust(LABEL_WIDTH), ""), (legend, "dim")])
    return lines


def _row(label: str, chart: str, style: str, late: bool, today: int | None) -> list[Segment]:
    segments: list[Segment] = [(label, "bold red" if late else "")]
    if today is None:
        return [*segments, (chart, style)]
    return [*segments, (chart[:today], style), (chart[today], "red"), (chart[today + 1 :], style)]


def _label(text: str) -> str:
    width = LABEL_WIDTH - 2
    short = text if len(text) <= width else text[: width - 1].rstrip() + "…"
    return short.ljust(LABEL_WIDTH)


def _cell(timeline: Timeline, day: date) -> int:
    cells = 12 * MONTH_WIDTH
    position = timeline.position(min(day, timeline.last))
    return min(int(position * cells), cells - 1)


def to_plain(lines: list[list[Segment]]) -> str:
    """The lines without colour."""
    return "".join("".join(text for text, _ in line).rstrip() + "\n" for line in lines)


def to_rich(lines: list[list[Segment]]) -> str:
    """The lines coloured for a terminal (no colour with NO_COLOR)."""
    from rich.console import Console
    from rich.text import Text

    from hplan.render import no_color

    console = Console(
        width=200, force_terminal=not no_color(), no_color=no_color(), highlight=False
    )
    with console.capture() as captured:
        for line in lines:
            text = Text()
            for chunk, style in line:
                text.append(chunk, style=style or None)
            text.rstrip()
            console.print(text, soft_wrap=True)
    return captured.get()
