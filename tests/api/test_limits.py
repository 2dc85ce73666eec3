"""The plan's limits (plan/model.py): said in words at the place they are passed, and a
change that would pass one writes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hplan.api import PlanInvalid, Session, WriteRefused
from hplan.plan.model import MAX_ACTIVITIES, MAX_ITEMS, MAX_TEXT

from ..synthetic import make_plan

DAY = date(2025, 6, 2)


def test_a_text_past_the_limit_is_an_error_at_its_line(plan_file: Path) -> None:
    text = plan_file.read_text(encoding="utf-8")
    title = "Delta i kommunikationschefernas nätverk med regelbundenhet"
    assert title in text
    plan_file.write_text(text.replace(title, "x" * (MAX_TEXT + 1)), encoding="utf-8")
    with pytest.raises(PlanInvalid) as raised:
        Session(plan_file, as_of=DAY).read()
    said = str(raised.value)
    assert f"{MAX_TEXT:,}" in said and "title" in said
    line = next(n for n, row in enumerate(text.splitlines(), 1) if title in row)
    assert f":{line}:" in said


def test_a_note_past_the_limit_writes_nothing(plan_file: Path) -> None:
    before = plan_file.read_bytes()
    with pytest.raises(WriteRefused, match=f"{MAX_TEXT:,}"):
        Session(plan_file, as_of=DAY).add_note("5", "y" * (MAX_TEXT + 1))
    assert plan_file.read_bytes() == before
    Session(plan_file, as_of=DAY).add_note("5", "y" * MAX_TEXT)  # at the limit is fine


def test_a_plan_at_its_size_limit_takes_no_more_activities(tmp_path: Path) -> None:
    plan_file = tmp_path / "plan2025.yaml"
    plan_file.write_text(make_plan(MAX_ACTIVITIES), encoding="utf-8")
    session = Session(plan_file, as_of=DAY)
    assert len(session.plan.activities) == MAX_ACTIVITIES  # at the limit: valid
    before = plan_file.read_bytes()
    first = session.plan.activities[0]
    with pytest.raises(WriteRefused, match=f"the plan already holds {MAX_ACTIVITIES:,}"):
        session.add_activity("En till", [first.goals[0]], [first.owners[0]], "Löpande")
    assert plan_file.read_bytes() == before


def test_one_activity_takes_notes_up_to_the_limit(plan_file: Path) -> None:
    session = Session(plan_file, as_of=DAY)
    activity = session.plan.activity("5")
    assert activity is not None
    lines = plan_file.read_text(encoding="utf-8")
    many = "".join(f"\n      - date: 2025-01-01\n        text: n{n}" for n in range(MAX_ITEMS))
    assert "    notes:" not in lines.split("  - id: 5\n")[1].split("  - id:")[0]
    text = lines.replace("  - id: 5\n", "  - id: 5\n    notes:" + many + "\n", 1)
    plan_file.write_text(text, encoding="utf-8")
    with pytest.raises(WriteRefused, match=f"notes already holds {MAX_ITEMS:,}"):
        Session(plan_file, as_of=DAY).add_note("5", "one more")
    assert plan_file.read_text(encoding="utf-8") == text
