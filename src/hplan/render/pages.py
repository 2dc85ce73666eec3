"""The web view's pages (`hplan serve`) from query results: the same tables, words and
dates as the terminal, in autoescaping templates (templates/web/)."""

from __future__ import annotations

from functools import cache
from typing import Any

from hplan.plan.statuses import Status
from hplan.render.i18n import format_day, gettext_for, status_word


@cache
def _environment() -> Any:
    from hplan.render.report import environment

    return environment(autoescape=True)


def statuses(language: str) -> list[tuple[str, str]]:
    """Each status as a form sends it and as a person reads it."""
    return [(s.value, status_word(s, language)) for s in Status]


def assessment_choices(language: str) -> list[tuple[str, str]]:
    """Each assessment as a form sends it and as a person reads it."""
    from hplan.plan.assessments import Assessment
    from hplan.render.i18n import assessment_word

    return [(a.value, assessment_word(a, language)) for a in Assessment]


def render_page(name: str, language: str, **context: Any) -> str:
    """One page (templates/web/NAME.html.j2) in the language, with the words and dates
    every page uses."""
    from hplan.render.i18n import translation

    _ = gettext_for(language)
    context.setdefault("problem", None)
    context.setdefault("assessments", assessment_choices(language))
    return str(
        _environment()
        .get_template(f"web/{name}.html.j2")
        .render(
            _=_,
            lang=language,
            day=lambda d: format_day(d, language),
            status=lambda s: status_word(s, language),
            statuses=statuses(language),
            ngettext=translation(language).ngettext,
            **context,
        )
    )
