"""The cache of validated plans: never stale, never invalid, outside the repo, self-healing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hplan import cache
from hplan.errors import PlanInvalid
from hplan.loader import load_plan, read_source
from hplan.parser import parse_plan

from .conftest import REAL_PLAN
from .synthetic import make_plan

# Every test here runs with both YAML parsers: their results must be identical.
pytestmark = pytest.mark.usefixtures("yaml_parser")


def test_validate_knows_a_plan_validated_before_without_loading_it(plan_file: Path) -> None:
    from hplan.loader import plan_counts

    assert cache.cached_counts(plan_file.read_bytes()) is None
    assert plan_counts(plan_file) == (6, 4, 19)
    assert cache.cached_counts(plan_file.read_bytes()) == (6, 4, 19)
    [entry] = entries()
    entry.unlink()  # counts without their plan are not trusted
    assert cache.cached_counts(plan_file.read_bytes()) is None
    assert plan_counts(plan_file) == (6, 4, 19)


def entries() -> list[Path]:
    folder = cache.cache_folder()
    return sorted(folder.glob("*.marshal")) if folder.exists() else []


def test_the_cache_lives_in_the_user_cache_folder(tmp_path: Path) -> None:
    assert cache.cache_folder() == Path(os.environ["XDG_CACHE_HOME"]) / "hplan" / "plans"


@pytest.mark.parametrize("size", [0, 200])
def test_a_cached_plan_equals_a_freshly_validated_one(plan_file: Path, size: int) -> None:
    if size:
        plan_file.write_text(make_plan(size), encoding="utf-8")
    fresh = parse_plan(read_source(plan_file)).plan
    assert entries() == []
    first = load_plan(plan_file)  # validates and stores
    assert len(entries()) == 1
    second = load_plan(plan_file)  # from the cache
    assert second.spans == {}  # the mark of a cache hit: no positions
    assert first.plan == fresh == second.plan
    assert second.plan.activity("2") == fresh.activity("2")


def test_a_changed_byte_is_never_served_from_the_cache(plan_file: Path) -> None:
    load_plan(plan_file)
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("deadline: 25 maj", "deadline: 26 maj"), encoding="utf-8")
    plan = load_plan(plan_file).plan
    assert plan.activity("5").deadline.text == "26 maj"  # type: ignore[union-attr]
    plan_file.write_text(text.replace("deadline: 25 maj", "deadline: 25 majj"), encoding="utf-8")
    with pytest.raises(PlanInvalid):
        load_plan(plan_file)


def test_an_invalid_plan_is_never_stored(plan_file: Path) -> None:
    plan_file.write_text(
        plan_file.read_text(encoding="utf-8").replace("year: 2025", "year: x"), encoding="utf-8"
    )
    with pytest.raises(PlanInvalid):
        load_plan(plan_file)
    assert entries() == []


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\x00" * 100])
def test_a_corrupt_entry_is_a_miss_and_is_replaced(plan_file: Path, damage: bytes) -> None:
    expected = load_plan(plan_file).plan
    [entry] = entries()
    entry.write_bytes(damage)
    assert load_plan(plan_file).plan == expected
    assert entry.read_bytes() != damage  # stored again
    assert load_plan(plan_file).spans == {}


def test_a_deleted_cache_is_rebuilt(plan_file: Path) -> None:
    import shutil

    load_plan(plan_file)
    shutil.rmtree(cache.cache_folder())
    assert load_plan(plan_file).plan.title == "Hälsingerådets handlingsplan 2025"
    assert len(entries()) == 1


def test_an_unwritable_cache_is_no_error(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert len(load_plan(plan_file).plan.activities) == 19


def test_hplan_no_cache_turns_it_off(plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HPLAN_NO_CACHE", "1")
    load_plan(plan_file)
    load_plan(plan_file)
    assert entries() == []


def test_a_status_write_keeps_the_new_plan_for_the_next_command(plan_file: Path) -> None:
    from datetime import date

    from hplan.model import Status
    from hplan.writer import set_status

    set_status(plan_file, "5", Status.DONE, date(2025, 5, 26))
    [entry] = entries()
    loaded = load_plan(plan_file)
    assert loaded.spans == {}  # a cache hit
    assert loaded.plan == parse_plan(read_source(plan_file)).plan
    assert entries() == [entry]


def test_both_yaml_parsers_give_the_same_plan_and_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synthetic = tmp_path / "plan2025.yaml"
    synthetic.write_text(make_plan(150), encoding="utf-8")
    for path in (REAL_PLAN, synthetic):
        with_libyaml = parse_plan(read_source(path))
        monkeypatch.setenv("HPLAN_PURE_YAML", "1")
        pure = parse_plan(read_source(path))
        monkeypatch.delenv("HPLAN_PURE_YAML")
        assert pure.plan == with_libyaml.plan
        assert pure.spans == with_libyaml.spans
        assert pure.key_spans == with_libyaml.key_spans
