"""The plan's heading and its goals, read from the document's paragraphs.

"Hälsingerådets handlingsplan 2025" gives the title, organisation and year; numbered headings
("4.1 Mål EFFEKTIV SAMVERKAN", "4.2.1 Delmål Varumärket Hälsingland") the goals, the
paragraphs under each its text, and "Delmål 4.2.1 …" its objective.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hplan.imports.shape import Block, Paragraph, Table, refused
from hplan.imports.text import joined, lines_of
from hplan.plan.model import FIRST_YEAR, LAST_YEAR

YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")
GOAL_WORDS = r"(?:mål|delmål|huvudmål|effektmål|goal|sub-goal|subgoal|objective)"
GOAL_HEADING = re.compile(
    r"^(?P<id>[0-9]+(?:\.[0-9]+)*)\.?\s+(?:(?P<kind>" + GOAL_WORDS + r")\b[:.]?\s*)?"
    r"(?P<title>\S.*)$",
    re.IGNORECASE,
)
OBJECTIVE = re.compile(
    r"^" + GOAL_WORDS + r"\s+(?P<id>[0-9]+(?:\.[0-9]+)*)\.?:?\s+(?P<text>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
SECTION = re.compile(r"^(?:och|samt|and|&)\b", re.IGNORECASE)
"""What follows the goal word in a chapter's heading about goals in general ("4 Mål och
inriktning"): the chapter holds goals, and is not one."""
PLAN_WORDS = re.compile(r"\s*(?:s\s+)?\b(handlingsplan|verksamhetsplan|action plan)\b.*", re.I)
"""What follows the organisation in the heading: "Hälsingerådet|s handlingsplan 2025"."""
HEADING_LENGTH = 120
"""A heading is a line; longer than this it is a paragraph that starts with a number."""


@dataclass(slots=True)
class GoalText:
    """A goal as the document states it."""

    id: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    objective: str | None = None


@dataclass(frozen=True, slots=True)
class Heading:
    """The plan's title, organisation and year."""

    title: str
    organisation: str
    year: int
    organisation_guessed: bool


def heading(blocks: list[Block], name: str) -> Heading:
    """The first paragraph that names a year is the plan's heading."""
    for block in blocks:
        if isinstance(block, Table):
            break
        text = joined(block.text)
        year = YEAR.search(text)
        if year and len(text) <= HEADING_LENGTH and FIRST_YEAR <= int(year[1]) <= LAST_YEAR:
            before = PLAN_WORDS.sub("", text[: year.start()]).strip()
            organisation = before or text[: year.start()].strip() or text
            return Heading(text, organisation, int(year[1]), not PLAN_WORDS.search(text))
    raise refused(
        "{name}: found no heading with the plan's year before the activity table (such as "
        "'Hälsingerådets handlingsplan 2025'); add one to the document's first page",
        name=name,
    )


def goals(blocks: list[Block]) -> list[GoalText]:
    """Every goal the document's headings declare, in order, with its text and objective."""
    found: dict[str, GoalText] = {}
    sections: set[str] = set()
    current: GoalText | None = None
    for block in blocks:
        if isinstance(block, Table):
            current = None
            continue
        for paragraph in _split(block):
            text = joined(paragraph.text)
            if not text:
                continue
            goal = _goal_heading(text, found, sections)
            objective = OBJECTIVE.match(text)
            if goal is None and (section := _goals_section(text)):
                sections.add(section)
                current = None
            elif goal is not None:
                current = found.setdefault(goal.id, goal)
            elif objective and objective["id"] in found:
                found[objective["id"]].objective = objective["text"].strip()
            elif paragraph.heading or _looks_like_a_heading(text):
                current = None
            elif current is not None:
                current.paragraphs.append(text)
    return list(found.values())


def _split(block: Paragraph) -> list[Paragraph]:
    """A paragraph whose later line is a goal heading (a PDF's lines with no gap) as two."""
    lines = lines_of(block.text)
    for n, line in enumerate(lines[1:], 1):
        if GOAL_HEADING.match(line) and len(line) <= HEADING_LENGTH and not line.endswith("."):
            head = Paragraph("\n".join(lines[:n]), block.heading)
            return [head, *_split(Paragraph("\n".join(lines[n:])))]
    return [block]


def _goal_heading(text: str, found: dict[str, GoalText], sections: set[str]) -> GoalText | None:
    """A goal if the paragraph is one's heading: a number and the word Mål/Delmål/Goal, or a
    number under a goal found already (4.2.3 under 4.2) or under a chapter of goals (4.1
    under "4 Mål och inriktning"), which is itself no goal."""
    match = GOAL_HEADING.match(text)
    if match is None or len(text) > HEADING_LENGTH or text.endswith((".", ",", ";")):
        return None
    if _goals_section(text):
        return None
    goal_id = match["id"]
    parent = goal_id.rsplit(".", 1)[0] if "." in goal_id else None
    if not match["kind"] and parent not in found and parent not in sections:
        return None
    title = match["title"].strip()
    title = title.capitalize() if title.isupper() else title[0].upper() + title[1:]
    return GoalText(goal_id, title)


def _goals_section(text: str) -> str | None:
    """The number of a chapter about goals ("4 Mål och inriktning"), else None."""
    match = GOAL_HEADING.match(text)
    if match is None or not match["kind"] or len(text) > HEADING_LENGTH:
        return None
    return match["id"] if SECTION.match(match["title"]) else None


def _looks_like_a_heading(text: str) -> bool:
    """A short line without a sentence's end ("Organisation och arbetssätt") ends a goal's
    text where the document gives no heading style (a PDF)."""
    return len(text) <= 60 and not text.endswith((".", ":", ",", ";", "!", "?", '"', "”"))


def goal_text(goal: GoalText) -> str:
    """The goal's text: its paragraphs, one per line."""
    return "\n".join(goal.paragraphs)
