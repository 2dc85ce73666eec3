"""Query results to text in the format asked for: the one place commands get their output."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hplan.render import Format, render
from hplan.render import records as rec
from hplan.render.i18n import gettext_for

if TYPE_CHECKING:
    from hplan.plan.model import Plan
    from hplan.queries.changes import Change
    from hplan.queries.filters import ActivityRow, GoalSummary, Group, OwnerSummary


def activities(
    rows: list[ActivityRow],
    groups: list[Group] | None,
    by: str | None,
    fmt: Format,
    language: str,
    empty: str,
    show_all: bool,
    terminal: bool = False,
    late: bool = False,
    round_id: str | None = None,
) -> str:
    """Activities as a table (or one per group), JSON, CSV or Markdown; `terminal`: drawn
    for a terminal (the interface knows whether output goes to one); `late`: the answer to
    what is late, whose columns a narrow terminal keeps; `round_id`: with each one's
    assessment at that follow-up round."""
    if groups is None or by is None:
        return render(
            fmt,
            tables=lambda: rec.activity_table(rows, None, language, late, round_id),
            records=lambda: [rec.activity_record(r) for r in rows],
            terminal=terminal,
            empty=empty,
            show_all=show_all,
        )
    return render(
        fmt,
        tables=lambda: [
            rec.activity_table(g.rows, _group_title(g, by, language), language, late, round_id)
            for g in groups
        ],
        records=lambda: [rec.group_record(by, g) for g in groups],
        terminal=terminal,
        empty=empty,
        show_all=show_all,
    )


def _group_title(group: Group, by: str, language: str) -> str:
    if by == "goal":
        return f"{group.key} {group.label} — {len(group.rows)}"
    _ = gettext_for(language)
    role = " (" + _("role") + ")" if group.label else ""
    return f"{group.key}{role} — {len(group.rows)}"


def goals(summaries: list[GoalSummary], fmt: Format, language: str, terminal: bool = False) -> str:
    """The goal tree with its roll-ups."""
    return render(
        fmt,
        tables=lambda: rec.goal_table(summaries, language),
        records=lambda: [rec.goal_record(s) for s in summaries],
        terminal=terminal,
    )


def owners(
    summaries: list[OwnerSummary], fmt: Format, language: str, terminal: bool = False
) -> str:
    """Owners with their counts."""
    return render(
        fmt,
        tables=lambda: rec.owner_table(summaries, language),
        records=lambda: [rec.owner_record(s) for s in summaries],
        terminal=terminal,
    )


def changes(
    found: list[Change],
    fmt: Format,
    language: str,
    empty: str = "",
    one: bool = False,
    terminal: bool = False,
) -> str:
    """Changes from the plan's history; `one` activity's story with its title once."""
    return render(
        fmt,
        tables=lambda: rec.change_table(found, language, one),
        records=lambda: [rec.change_record(c) for c in found],
        terminal=terminal,
        empty=empty,
    )


def detail(
    plan: Plan, row: ActivityRow, fmt: Format, language: str, width: int | None = None
) -> str:
    """One activity whole (`hplan show`): label and value lines, or JSON. With `width` (a
    terminal's), values wrap between words, their later lines under the value, not the
    label; a word longer than the room is never cut."""
    from hplan.render import to_json

    if fmt == Format.JSON:
        return to_json([rec.detail_record(plan, row)])
    lines = rec.detail_lines(plan, row, language)
    _ = gettext_for(language)
    indent = max(len(_(label)) for label in rec.DETAIL_LABELS) + 2
    if width is None:
        return "".join(f"{label + ':':<{indent}}{value}\n" for label, value in lines)
    from hplan.render import wrap_words

    room = max(width - 1 - indent, 20)
    out = []
    for label, value in lines:
        head, *rest = wrap_words(value, room)
        out.append(f"{label + ':':<{indent}}{head}\n")
        out += [f"{'':<{indent}}{line}\n" for line in rest]
    return "".join(out)
