"""The follow-up report as Markdown or as one self-contained HTML page (Jinja2 templates).

HTML is autoescaped, so plan text such as `<script>` stays text. The timeline is inline SVG
whose geometry is computed here, not in the template.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from hplan.plan.assessments import Assessment
from hplan.plan.statuses import Status
from hplan.queries.report import Report, Timeline
from hplan.render import markdown_text
from hplan.render.i18n import (
    assessment_word,
    format_day,
    month_names,
    status_count,
    status_word,
    translation,
)
from hplan.render.styles import PAGE

LABEL_WIDTH = 230
CHART_WIDTH = 660
ROW_HEIGHT = 24
HEADER_HEIGHT = 28
LABEL_CHARACTERS = 26
"""A row's label in the timeline: its number and the title's start; the numbered list under
the chart has every title whole. Short enough for 14 px text, which prints at about 8 pt
when the chart is scaled to A4's width."""


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
    cancelled: bool = False
    """Drawn as an outline, struck through: never mistaken for the ongoing band."""


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
                # An overdue label is bold and starts with "! ": shorter, to stay in its room.
                label=_short(
                    f"{activity.id}. {activity.title}",
                    LABEL_CHARACTERS - (5 if item.row.overdue else 0),
                ),
                x=x0,
                width=max(x1 - x0, 2.0),
                bar=item.bar,
                colour=PAGE[activity.status],
                overdue=item.row.overdue,
                title=f"{activity.id}. {activity.title} — {activity.deadline.text}",
                cancelled=activity.status == Status.CANCELLED,
            )
        )
    band_y = HEADER_HEIGHT + len(rows) * ROW_HEIGHT + (8 if timeline.ongoing else 0)
    ongoing = []
    for n, row in enumerate(timeline.ongoing):
        activity = row.activity
        ongoing.append(
            SvgRow(
                y=band_y + ROW_HEIGHT + n * ROW_HEIGHT,
                label=_short(f"{activity.id}. {activity.title}", LABEL_CHARACTERS),
                x=LABEL_WIDTH,
                width=CHART_WIDTH,
                bar=True,
                colour=PAGE[activity.status],
                overdue=False,
                title=f"{activity.id}. {activity.title} — {activity.deadline.text}",
                cancelled=activity.status == Status.CANCELLED,
            )
        )
    height = band_y + (len(ongoing) + 1) * ROW_HEIGHT if ongoing else band_y
    inside = timeline.first <= timeline.today <= timeline.last
    return {
        "months_list": by_month(timeline, month_names(language, "wide")),
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


def by_month(timeline: Timeline, names: list[str]) -> list[tuple[str, list[Any]]]:
    """The timeline as a list by the month each activity is due, for a narrow screen (a
    phone): the month's name and its rows; the ongoing ones last, under their own name."""
    months: dict[int, list[Any]] = {}
    for item in timeline.rows:
        months.setdefault(item.end.month, []).append(item.row)
    found = [(names[month - 1], rows) for month, rows in sorted(months.items())]
    return found + ([("", list(timeline.ongoing))] if timeline.ongoing else [])


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def timeline_colours() -> dict[str, str]:
    """Each status's colour on a page, by its value (render/styles.py)."""
    return {s.value: c for s, c in PAGE.items()}


def _context(report: Report) -> dict[str, Any]:
    language = report.language
    catalog = translation(language)
    from hplan.render.answers import moved_text
    from hplan.render.messages import since_text
    from hplan.render.records import author_text, change_text, owners_text
    from hplan.render.styles import ASSESSMENT_PAGE

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
        "since_text": lambda since, day: since_text(since, day, language),
        "goal_title": report.plan.goal_title,
        "owners": lambda activity: owners_text(activity, language),
        "statuses": list(Status),
        "percent": round(report.done_share * 100),
        "assessments": list(Assessment),
        "assessment_word": lambda assessment: assessment_word(assessment, language),
        "assessment_colours": {a.value: c for a, c in ASSESSMENT_PAGE.items()},
        "moved": lambda row: moved_text(row, language),
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
