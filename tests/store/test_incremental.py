"""A version read from the version before it is exactly the version parsed whole, or hplan
parses it whole: never a different plan, never a plan where the whole file is invalid."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hplan.errors import PlanInvalid
from hplan.store.incremental import plan_after
from hplan.store.reading import parse_plan
from hplan.store.source import decode

from ..conftest import REAL_PLAN

BEFORE = REAL_PLAN.read_text(encoding="utf-8")
SOURCE = decode(Path("plan2025.yaml"), BEFORE.encode("utf-8"))
PARSED = parse_plan(SOURCE)

EDITS = [
    ("status: not-started\n\n  - id: 8", "status: done\n    status_date: 2025-06-01\n\n  - id: 8"),
    ("deadline: Juni\n", "deadline: Juli\n"),
    ("  - id: 19\n", "  - id: 20\n"),  # a new id
    ("  - id: 19\n", "  - id: 3\n"),  # a duplicate id: the whole file is invalid
    ("      - Linda Beigler\n    deadline: 2025\n", "      - Okänd Person\n    deadline: 2025\n"),
    ("deadline: 25 maj", "deadline: 35 maj"),  # an unreadable deadline
    ("title: Hälsingerådets handlingsplan 2025", "title: Hälsingerådets plan"),  # the head
    ("    title: Effektiv samverkan\n", "    title: Samverkan\n"),  # a goal
    ("  - id: 12\n", "  # en kommentar\n  - id: 12\n"),  # a comment between activities
    ("    status: not-started\n", "    status: in-progress\n"),  # the first: activity 1
    ("  - id: 5\n    title: Planera", "  - id: 5\n  title: Planera"),  # indentation broken
    ("    deadline: Löpande\n    status: not-started\n\n  - id: 4", "    deadline: Löpande\n"
     "    status: not-started\n\n  - id: 99\n    title: Ny\n    goals: [4.2.1]\n    owners: "
     "[Linda Beigler]\n    deadline: Juni\n    status: done\n\n  - id: 4"),  # one inserted
    ("status: not-started\n", "status: not-started\n...\n"),  # the document ends early
]  # fmt: skip
APPENDED = (
    "\n  - id: 20\n    title: Ny aktivitet\n    goals:\n      - 4.2.1\n    owners:\n"
    "      - Linda Beigler\n    deadline: December\n    status: not-started\n"
)


def check(after_text: str) -> bool:
    """The incremental read agrees with the whole parse; True when it was used."""
    after = decode(Path("plan2025.yaml"), after_text.encode("utf-8"))
    found = plan_after(SOURCE, PARSED.plan, PARSED.regions, after)
    try:
        whole = parse_plan(after)
    except PlanInvalid:
        assert found is None
        return False
    if found is not None:
        assert found == (whole.plan, whole.regions)
    return found is not None


@pytest.mark.parametrize(("old", "new"), EDITS)
def test_an_edit_reads_as_the_whole_parse_reads_it(old: str, new: str) -> None:
    assert old in BEFORE
    check(BEFORE.replace(old, new, 1))


def test_edits_of_activities_are_read_incrementally() -> None:
    # the mechanism is used where it should be (switched off, these would be False)
    assert check(BEFORE.replace("deadline: Juni\n", "deadline: Juli\n", 1))
    assert check(BEFORE + APPENDED)
    assert not check(BEFORE.replace("title: Hälsingerådets handlingsplan 2025", "title: X", 1))


@given(
    st.integers(min_value=0, max_value=len(BEFORE)),
    st.integers(min_value=0, max_value=40),
    st.text(alphabet=" -:\n#abc\"'[]{}0123456789åä", max_size=30),
)
def test_any_splice_reads_as_the_whole_parse_reads_it(at: int, cut: int, text: str) -> None:
    check(BEFORE[:at] + text + BEFORE[at + cut :])
