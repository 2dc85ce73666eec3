"""The follow-up report as Markdown or as one self-contained HTML page (Jinja2 templates).

HTML is autoescaped, so plan text such as `<script>` stays text. The timeline is inline SVG
whose geometry is computed here, not in the template.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from hplan.plan.statuses import Status
from hplan.queries.report import Report, Timeline
from hplan.render import markdown_text
from hplan.render.i18n import format_day, month_names, status_count, status_word, translation
from hplan.render.styles import PAGE

LABEL_WIDTH = 300
CHART_WIDTH = 660
ROW_HEIGHT = 22
HEADER_HEIGHT = 28


@dataclass(frozen=True)
class SvgRow:
    """One timeline row's geometry."""

    y: float
    label: str
    x: float
    width: float
    bar: bool
    colour: str
    overdue: bool
    title: str


def render_markdown(report: Report) -> str:
    """The report as GitHub-flavoured Markdown."""
    template = environment(autoescape=False).get_template("report.md.j2")
    return str(template.render(_context(report)))


def render_html(report: Report) -> str:
    """The report as one HTML page: inline CSS and SVG, no scripts, no network."""
    context = _context(report)
    context["svg"] = timeline_layout(report.timeline, report.language)
    context["colours"] = timeline_colours()
    return str(environment(autoescape=True).get_template("report.html.j2").render(context))


def timeline_layout(timeline: Timeline, language: str) -> dict[str, Any]:
    """Coordinates for the timeline SVG: month ticks, rows, the as-of line."""
    months = []
    names = month_names(language)
    for month in range(1, 13):
        start = timeline.first.replace(month=month)
        months.append((LABEL_WIDTH + CHART_WIDTH * timeline.position(start), names[month - 1]))
    rows: list[SvgRow] = []
    for n, item in enumerate(timeline.rows):
        x0 = LABEL_WIDTH + CHART_WIDTH * timeline.position(item.start)
        x1 = LABEL_WIDTH + CHART_WIDTH * timeline.position(item.end + timedelta(days=1))
        activity = item.row.activity
        rows.append(
            SvgRow(
                y=HEADER_HEIGHT + n * ROW_HEIGHT,
                label=_short(f"{activity.id}. {activity.title}", 42),
                x=x0,
                width=max(x1 - x0, 2.0),
                bar=item.bar,
                colour=PAGE[activity.status],
                overdue=item.row.overdue,
                title=f"{activity.id}. {activity.title} — {activity.deadline.text}",
            )
        )
    band_y = HEADER_HEIGHT + len(rows) * ROW_HEIGHT + (8 if timeline.ongoing else 0)
    ongoing = []
    for n, row in enumerate(timeline.ongoing):
        activity = row.activity
        ongoing.append(
            SvgRow(
                y=band_y + ROW_HEIGHT + n * ROW_HEIGHT,
                label=_short(f"{activity.id}. {activity.title}", 42),
                x=LABEL_WIDTH,
                width=CHART_WIDTH,
                bar=True,
                colour=PAGE[activity.status],
                overdue=False,
                title=f"{activity.id}. {activity.title} — {activity.deadline.text}",
            )
        )
    height = band_y + (len(ongoing) + 1) * ROW_HEIGHT if ongoing else band_y
    inside = timeline.first <= timeline.today <= timeline.last
    return {
        "ongoing": ongoing,
        "band_y": band_y,
        "width": LABEL_WIDTH + CHART_WIDTH + 10,
        "height": height + 8,
        "label_width": LABEL_WIDTH,
        "chart_width": CHART_WIDTH,
        "months": months,
        "rows": rows,
        "today_x": LABEL_WIDTH + CHART_WIDTH * timeline.position(timeline.today)
        if inside
        else None,
        "row_height": ROW_HEIGHT,
    }


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def timeline_colours() -> dict[str, str]:
    """Each status's colour on a page, by its value (render/styles.py)."""
    return {s.value: c for s, c in PAGE.items()}


def _context(report: Report) -> dict[str, Any]:
    language = report.language
    catalog = translation(language)
    from hplan.render.records import author_text, change_text, owners_text

    return {
        "change_text": change_text,
        "author": lambda change: author_text(change, language),
        "r": report,
        "plan": report.plan,
        "_": catalog.gettext,
        "ngettext": lambda one, many, n: catalog.ngettext(one, many, n).format(count=n),
        "lang": language,
        "status_word": lambda status: status_word(status, language),
        "status_count": lambda count, status: status_count(count, status, language),
        "day": lambda day: format_day(day, language) if day else "",
        "goal_title": report.plan.goal_title,
        "owners": lambda activity: owners_text(activity, language),
        "statuses": list(Status),
        "percent": round(report.done_share * 100),
    }


def css_string(text: object) -> Any:
    """Text for the inside of a CSS string ("…"): every character but letters, digits and
    spaces written as a CSS escape, so that no quote, line break or `</style>` ends it."""
    from markupsafe import Markup

    escaped = "".join(
        c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in " ".join(str(text).split())
    )
    return Markup(escaped)


def environment(autoescape: bool) -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    environment = Environment(
        loader=PackageLoader("hplan", "templates"),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["cell"] = markdown_text
    environment.filters["css_string"] = css_string
    return environment
