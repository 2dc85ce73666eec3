"""An owner's assessment of an activity at a follow-up round: will it be done as planned?

The canonical words hplan writes (on-track, at-risk, off-track), and the words it reads: the
same with spaces, and the Swedish ones a follow-up uses (enligt plan, risk, avvikelse), in any
case, as for statuses (plan/statuses.py)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from hplan.errors import Message, WordedError
from hplan.plan.words import read_word, validator, word_schema

SWEDISH_ASSESSMENT_WORDS = {
    "enligt plan": "on-track",
    "risk": "at-risk",
    "risk för avvikelse": "at-risk",
    "avvikelse": "off-track",
}
"""The follow-up's Swedish words, each with the canonical assessment it means."""


class AssessmentError(WordedError, ValueError):
    """The text is not an assessment hplan knows."""


class Assessment(StrEnum):
    """Will the activity be done as planned? Written to the file in this canonical form."""

    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        return word_schema(_VALIDATE)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "type": "string",
            "enum": [a.value for a in Assessment]
            + [a.value.replace("-", " ") for a in Assessment]
            + list(SWEDISH_ASSESSMENT_WORDS),
            "description": "on-track, at-risk or off-track (the Swedish enligt plan, risk and "
            "avvikelse are accepted too; hplan writes the canonical form).",
        }


def may_answer(owners: list[str], members: Mapping[str, list[str]]) -> set[str]:
    """Who may answer for an activity with these `owners`: the owners themselves and the
    members of the owning roles (`members`: each role's people). The one rule, for the file's
    check (store/round_problems.py) and for `hplan assess`."""
    found = set(owners)
    for name in owners:
        found.update(members.get(name, ()))
    return found


def parse_assessment(text: str) -> Assessment:
    """Read an assessment in canonical form, with spaces, or in Swedish, in any case."""
    found = read_word(text, Assessment, SWEDISH_ASSESSMENT_WORDS)
    if found is not None:
        return found
    raise AssessmentError(
        Message(
            "unknown assessment '{text}'; use one of {canonical} (or {swedish})",
            text=text,
            canonical=", ".join(a.value for a in Assessment),
            swedish=", ".join(SWEDISH_ASSESSMENT_WORDS),
        )
    )


_VALIDATE = validator(
    Assessment,
    parse_assessment,
    Message("an assessment is a word such as on-track or at-risk"),
    "assessment",
)
