"""Look-alike names and digits never choose the wrong thing (issue 17, item 7)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from hplan.errors import PlanNotFound
from hplan.plan.deadlines import DeadlineError, parse_deadline
from hplan.plan.lookup import find_owner
from hplan.plan.matching import folded_contains
from hplan.plan.model import Owner
from hplan.store.reading import read_plan
from hplan.store.source import find_plan

from ..conftest import REAL_PLAN, Run


def test_a_plan_named_with_other_digits_is_no_plan(tmp_path: Path) -> None:
    shutil.copyfile(REAL_PLAN, tmp_path / "plan\uff12\uff10\uff12\uff15.yaml")  # full-width
    shutil.copyfile(REAL_PLAN, tmp_path / "plan\u09e8\u09e6\u09e8\u09eb.yaml")  # Bengali
    (tmp_path / ".git").mkdir()
    with pytest.raises(PlanNotFound):
        find_plan(None, tmp_path, 2025)


@pytest.mark.parametrize("text", ["2025-0\u09ea-01", "\uff12\uff15 maj", "2025-\u0664"])
def test_a_deadline_with_other_digits_is_refused(text: str) -> None:
    with pytest.raises(DeadlineError):
        parse_deadline(text, 2025)


def test_the_name_as_written_wins_over_one_that_folds_alike() -> None:
    plan = read_plan(REAL_PLAN)
    plan = replace(
        plan, owners=[*plan.owners, Owner(name="Anna Jonsson"), Owner(name="Anna Jönsson")]
    )
    assert find_owner(plan, "Anna Jönsson").name == "Anna Jönsson"
    assert find_owner(plan, "Anna Jonsson").name == "Anna Jonsson"
    assert find_owner(plan, "jönsson").name == "Anna Jönsson"
    assert find_owner(plan, "naringslivschefer").name == "Näringslivschefer"  # no ä on the keyboard


def test_a_swedish_letter_typed_finds_only_itself() -> None:
    assert not folded_contains("Arbeta för att öka", "år")
    assert folded_contains("Samordna årsmötet", "år")
    assert folded_contains("Vävmässan", "MASSAN")  # typed without ä
    assert not folded_contains("Massan", "mässan")


def test_owners_that_look_the_same_are_a_located_error(run: Run, plan_file: Path) -> None:
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("owners:\n", "owners:\n  - name: LINDA  BEIGLER\n", 1))
    result = run("validate")
    assert result.code == 3
    assert "looks the same as 'LINDA  BEIGLER'" in result.stderr
