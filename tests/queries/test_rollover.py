"""`hplan rollover`: next year's plan from this one (part of issue 6)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hplan.plan.statuses import Status
from hplan.store.reading import read_plan

from ..conftest import Result

Run = Callable[..., Result]


def test_rollover_of_the_real_plan_after_some_status_changes(run: Run, plan_file: Path) -> None:
    assert run("status", "5", "done", "--as-of", "2025-05-26").code == 0
    assert (
        run("status", "7", "avbruten", "--note", "Mässan ställdes in", "--as-of", "2025-05-10").code
        == 0
    )
    assert (
        run("status", "9", "pågår", "--note", "Listan påbörjad", "--as-of", "2025-09-01").code == 0
    )
    result = run("rollover", "2026", "--as-of", "2025-12-15")
    assert result.code == 0, result.stderr
    new_path = plan_file.with_name("plan2026.yaml")
    assert result.stdout == (
        f"Wrote {new_path}: 17 activities carried, 2 done or cancelled left behind.\n"
        "Deadlines to review (marked GRANSKA): 2, 9, 17, 19.\n"  # the plan is Swedish
    )
    new = read_plan(new_path)
    old = read_plan(plan_file)
    assert (new.title, new.year) == ("Hälsingerådets handlingsplan 2026", 2026)
    assert new.goals == old.goals and new.owners == old.owners
    assert [a.id for a in new.activities] == [
        a.id for a in old.activities if a.id not in ("5", "7")
    ]
    nine = new.activity("9")
    assert nine is not None and nine.status is Status.IN_PROGRESS
    assert [n.text for n in nine.notes] == [
        "Listan påbörjad",
        "Överförd från handlingsplanen 2025 (status pågår, slutdatum Senast oktober 2025)",
    ]
    text = new_path.read_text(encoding="utf-8")
    assert text.count("# GRANSKA: slutdatumet sattes för 2025; skriv om det för 2026.") == 4
    assert "# Gjord med `hplan rollover 2026` från planen för 2025 den 2025-12-15:" in text
    assert new.activity("8").deadline.text == "Juni"  # type: ignore[union-attr]
    assert str(new.activity("8").deadline.due) == "2026-06-30"  # type: ignore[union-attr]
    assert text.startswith("# yaml-language-server: $schema=plan.schema.json\n")


def test_rollover_never_overwrites(run: Run, plan_file: Path) -> None:
    existing = plan_file.with_name("plan2026.yaml")
    existing.write_text("# mitt utkast\n", encoding="utf-8")
    result = run("rollover", "2026")
    assert result.code == 7
    assert "plan2026.yaml exists already; hplan never overwrites a plan" in result.stderr
    assert existing.read_text(encoding="utf-8") == "# mitt utkast\n"
    assert run("rollover", "2025").code == 2
    other = plan_file.with_name("utkast.yaml")
    assert run("rollover", "2026", "-o", str(other)).code == 0
    assert read_plan(other).year == 2026
    assert sorted(p.name for p in plan_file.parent.iterdir()) == [
        "plan2025.yaml",
        "plan2026.yaml",
        "utkast.yaml",
    ]
