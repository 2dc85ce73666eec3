"""What `hplan import` writes into the new plan for people (its header, the review marks) and
what it says when it is done, in the plan's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from hplan.errors import Message
from hplan.render.i18n import say, visible
from hplan.render.messages import REVIEW

if TYPE_CHECKING:
    from pathlib import Path

    from hplan.plan.model import Plan
    from hplan.plan.results import Review


class Skipped(Protocol):
    """A row of the document's table that was not read as an activity."""

    @property
    def cells(self) -> Mapping[str, str]: ...
    @property
    def where(self) -> Message: ...


class Draft(Protocol):
    """What an import read, as this module shows it (imports/draft.py's `Draft` is one)."""

    @property
    def plan(self) -> Plan: ...
    @property
    def document(self) -> str: ...
    @property
    def review(self) -> Sequence[Review]: ...
    @property
    def skipped(self) -> Sequence[Skipped]: ...
    @property
    def as_written(self) -> Mapping[str, Mapping[str, Any]]: ...


def import_header(draft: Draft) -> list[str]:
    """The comment lines that open an imported plan."""
    values = {"title": draft.plan.title, "document": draft.document, "review": REVIEW}
    lines = [
        Message("{title}, kept for hplan.", **values),
        Message(
            "Imported by `hplan import` from {document}, keeping its order and wording.", **values
        ),
        Message(
            "Check each place marked '{review}' against the document, then run `hplan validate`.",
            **values,
        ),
    ]
    return [say(line, draft.plan.language) for line in lines]


def import_comments(draft: Draft) -> dict[tuple[str, str], dict[str, str]]:
    """A review comment above each key a person should check, in the plan's language."""
    language = draft.plan.language
    mark = say(REVIEW, language)
    comments: dict[tuple[str, str], dict[str, str]] = {}
    for review in draft.review:
        keys = comments.setdefault((review.section, review.ident), {})
        line = f"{mark}: {say(review.message, language)}"
        keys[review.key] = f"{keys[review.key]}\n{line}" if review.key in keys else line
    return comments


def import_summary(
    draft: Draft, target: Path, written: bool, language: str, width: int | None = None
) -> str:
    """What was read, where it went, and each thing to check; lines wrapped between words at
    `width`, a place's later lines under its first word."""
    plan = draft.plan
    people = sum(1 for o in plan.owners if o.kind == "person")
    values = {"document": draft.document, "target": target}
    done = Message("Wrote {target} from {document}.", **values) if written else Message(
        "Read {document}; would write {target} (--dry-run: nothing written).", **values
    )  # fmt: skip
    counts = Message(
        "{goals} goals, {activities} activities, {owners} owners ({people} people, {roles} roles).",
        goals=len(plan.goals),
        activities=len(plan.activities),
        owners=len(plan.owners),
        people=people,
        roles=len(plan.owners) - people,
    )
    lines = [say(done, language), say(counts, language)]
    if draft.review:
        lines.append(say(Message(
            "To check ({count}), marked {review} in the file:", count=len(draft.review),
            review=say(REVIEW, plan.language),
        ), language))  # fmt: skip
        lines += [f"  {_place(r, language)}: {say(r.message, language)}" for r in draft.review]
    for row in draft.skipped:
        cells = " | ".join(" ".join(t.split()) for t in row.cells.values() if t.strip())
        lines.append(say(Message(
            "Not read as an activity ({where}; it needs a text, goals and an owner): {cells}",
            where=row.where, cells=cells[:200],
        ), language))  # fmt: skip
    if draft.as_written:
        lines.append(say(Message(
            "hplan validate fails on this plan until the places above are filled in."
        ), language))  # fmt: skip
    if not draft.review and not draft.skipped:
        lines.append(
            say(Message("Nothing to check: every cell read as the plan reads it."), language)
        )
    # A document's text may hold control characters (a PDF's glyphs mapped to ESC or BEL):
    # shown as their escapes, never sent raw to a terminal (issue 34, item 5).
    lines = [visible(line) for line in lines]
    if width is None:
        return "\n".join(lines) + "\n"
    from hplan.render import wrap_words

    wrapped = []
    for line in lines:
        indent = " " * (len(line) - len(line.lstrip()) + 2) if line.startswith(" ") else "  "
        wrapped += wrap_words(line, max(width - 1, 40), indent)
    return "\n".join(wrapped) + "\n"


def _place(review: Review, language: str) -> str:
    if review.section == "activities":
        return say(Message("activity {id}, {key}", id=review.ident, key=review.key), language)
    if review.section == "goals":
        return say(Message("goal {id}", id=review.ident), language)
    if review.section == "owners":
        return say(Message("owner {name}", name=review.ident), language)
    return review.key
