"""The owners' answers at the follow-up rounds in a few words: an activity's answers (`hplan
show`, the web view's activity page) and an assessment change in the plan's history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hplan.plan.assessments import Assessment
from hplan.render.i18n import assessment_word, format_day, gettext_for

if TYPE_CHECKING:
    from hplan.plan.model import Activity, Plan
    from hplan.queries.changes import Change
    from hplan.queries.filters import ActivityRow
    from hplan.queries.followups import RoundRow


def answer_lines(plan: Plan, activity: Activity, language: str) -> list[tuple[str, str]]:
    """Each answer as a label and a value, in the order of the rounds: `Bedömning T1
    (Tertial 1)`, `risk — Lokalen är inte bokad (Linda Beigler, 8 maj 2025)`."""
    _ = gettext_for(language)
    order = {f.id: n for n, f in enumerate(sorted(plan.followups, key=lambda f: f.as_of))}
    lines = []
    for answer in sorted(activity.assessments, key=lambda a: order.get(a.round, len(order))):
        followup = plan.followup(answer.round)
        label = _("Assessment {round}").format(round=answer.round)
        if followup is not None and followup.title != followup.id:
            label += f" ({followup.title})"
        comment = f" — {answer.comment}" if answer.comment else ""
        said = f"{assessment_word(answer.assessment, language)}{comment}"
        lines.append((label, f"{said} ({answer.by}, {format_day(answer.date, language)})"))
    return lines


def assessment_cells(rows: list[ActivityRow], round_id: str, language: str) -> list[str]:
    """Each row's assessment at the round, in the language; "–" where none was given."""
    words = {a: assessment_word(a, language) for a in Assessment}
    cells = []
    for row in rows:
        answer = row.activity.answer(round_id)
        cells.append(words[answer.assessment] if answer is not None else "–")
    return cells


def moved_text(row: RoundRow, language: str) -> str:
    """How an activity's assessment moved since the round before: `risk ← enligt plan`,
    `unchanged`, or "" (no answer then, or none now)."""
    _ = gettext_for(language)
    if row.answer is None or row.before is None:
        return ""
    if row.before.assessment is row.answer.assessment:
        return _("unchanged")
    now, was = row.answer.assessment, row.before.assessment
    return f"{assessment_word(now, language)} ← {assessment_word(was, language)}"


def assessment_change(change: Change, language: str | None) -> str:
    """`assessment T1 at risk ← on track — Linda Beigler`: canonical words, or the language's."""
    _ = gettext_for(language or "en")

    def word(value: str) -> str:
        if language is None or not value:
            return value
        return next((assessment_word(a, language) for a in Assessment if a.value == value), value)

    moved = f"{word(change.after)} ← {word(change.before)}" if change.before else word(change.after)
    return _("assessment {round} {assessment} — {by}").format(
        round=change.round, assessment=moved, by=change.by
    )
