"""The timeline in a terminal: month columns, one row per dated activity, today marked.

Plain text when piped; coloured by status with rich on a terminal (NO_COLOR honoured).
"""

from __future__ import annotations

from datetime import date

from hplan.plan.statuses import Status
from hplan.queries.report import Timeline
from hplan.render.i18n import gettext_for, month_names, status_word
from hplan.render.styles import TERMINAL

LABEL_WIDTH = 32
MONTH_WIDTH = 5

Segment = tuple[str, str]  # text, rich style ("" for none)


WIDEST = LABEL_WIDTH + 12 * MONTH_WIDTH
"""The timeline's width where there is room (and when piped)."""


def timeline_lines(timeline: Timeline, language: str, width: int = WIDEST) -> list[list[Segment]]:
    """The timeline as lines of styled segments, at most `width` columns wide: labels and
    then months narrow on a narrow terminal."""
    month = MONTH_WIDTH if width >= 14 + 12 * MONTH_WIDTH else max(2, (width - 14) // 12)
    cells = 12 * month
    label_width = max(12, min(LABEL_WIDTH, width - cells))
    _ = gettext_for(language)

    def _label(text: str) -> str:
        room = label_width - 2
        short = text if len(text) <= room else text[: room - 1].rstrip() + "…"
        return short.ljust(label_width)

    def _cell(day: date) -> int:
        position = timeline.position(min(day, timeline.last))
        return min(int(position * cells), cells - 1)

    today_cell = (
        _cell(timeline.today) if timeline.first <= timeline.today <= timeline.last else None
    )
    header = "".join(name.rstrip(".")[: month - 1].ljust(month) for name in month_names(language))
    lines: list[list[Segment]] = [[("".ljust(label_width), ""), (header, "bold")]]
    today = _("today") + " " + timeline.today.isoformat()
    if today_cell is not None:
        marker = " " * today_cell + "▼ " + today
        lines.append([("".ljust(label_width), ""), (marker[: width - label_width], "red")])
    else:
        outside = today + ": " + _("outside the plan's year") + f" {timeline.first.year}"
        lines.append([("".ljust(label_width), ""), (outside, "red")])
    for item in timeline.rows:
        activity = item.row.activity
        first = _cell(item.start)
        last = _cell(item.end)
        chart = []
        for c in range(cells):
            if item.bar and first <= c <= last:
                chart.append("█")
            elif not item.bar and c == last:
                chart.append("◆")
            elif c == today_cell:
                chart.append("│")
            else:
                chart.append("·" if c % month == 0 else " ")
        late = item.row.overdue
        label = _label(("! " if late else "") + f"{activity.id} {activity.title}")
        lines.append(_row(label, "".join(chart), TERMINAL[activity.status], late, today_cell))
    if timeline.ongoing:
        lines.append([(_("Ongoing") + ":", "bold")])
        band = "".join("│" if c == today_cell else "░" for c in range(cells))
        for row in timeline.ongoing:
            label = _label(f"{row.activity.id} {row.activity.title}")
            lines.append(_row(label, band, TERMINAL[row.activity.status], False, today_cell))
    legend: list[Segment] = [("█ ◆ ".ljust(label_width), "")]
    for n, status in enumerate(Status):  # each status word in its own colour
        legend += [("  " if n else "", ""), (status_word(status, language), TERMINAL[status])]
    lines.append(legend)
    return lines


def _row(label: str, chart: str, style: str, late: bool, today: int | None) -> list[Segment]:
    segments: list[Segment] = [(label, "bold red" if late else "")]
    if today is None:
        return [*segments, (chart, style)]
    return [*segments, (chart[:today], style), (chart[today], "red"), (chart[today + 1 :], style)]


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
