"""The cache of validated plans: never stale, never invalid, outside the repo, self-healing."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from hplan.errors import PlanInvalid
from hplan.plan.codec import Shared
from hplan.store import activities, cache
from hplan.store.reading import parse_plan, read_plan
from hplan.store.source import read_source

from ..conftest import REAL_PLAN
from ..synthetic import make_plan

# Every test here runs with both YAML parsers: their results must be identical.
pytestmark = pytest.mark.usefixtures("yaml_parser")


def test_validate_keeps_the_plan_it_validated_for_the_next_command(plan_file: Path) -> None:
    assert cache.cached_plan(plan_file.read_bytes()) is None
    assert read_plan(plan_file).activity("19") is not None
    [entry] = entries()
    assert entry.read_bytes().startswith(cache.FORMAT + b" ")  # proves the bytes it is for
    hit = cache.cached_plan(plan_file.read_bytes())
    assert hit is not None and len(hit.plan.activities) == 19


def entries() -> list[Path]:
    folder = cache.cache_folder()
    return sorted(folder.glob("*.plan")) if folder.exists() else []


def test_the_cache_lives_in_the_user_cache_folder(tmp_path: Path) -> None:
    assert cache.cache_folder() == Path(os.environ["XDG_CACHE_HOME"]) / "hplan" / "plans"


@pytest.mark.parametrize("size", [0, 200])
def test_a_cached_plan_equals_a_freshly_validated_one(plan_file: Path, size: int) -> None:
    if size:
        plan_file.write_text(make_plan(size), encoding="utf-8")
    fresh = parse_plan(read_source(plan_file)).plan
    assert entries() == []
    first = read_plan(plan_file)  # validates and stores
    assert len(entries()) == 1
    hit = cache.cached_plan(plan_file.read_bytes())
    assert hit is not None
    second = read_plan(plan_file)  # from the cache
    assert first == fresh == second == hit.plan
    assert second.activity("2") == fresh.activity("2")


def test_a_changed_byte_is_never_served_from_the_cache(plan_file: Path) -> None:
    read_plan(plan_file)
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("deadline: 25 maj", "deadline: 26 maj"), encoding="utf-8")
    plan = read_plan(plan_file)
    assert plan.activity("5").deadline.text == "26 maj"  # type: ignore[union-attr]
    plan_file.write_text(text.replace("deadline: 25 maj", "deadline: 25 majj"), encoding="utf-8")
    with pytest.raises(PlanInvalid):
        read_plan(plan_file)


def test_an_invalid_plan_is_never_stored(plan_file: Path) -> None:
    plan_file.write_text(
        plan_file.read_text(encoding="utf-8").replace("year: 2025", "year: x"), encoding="utf-8"
    )
    with pytest.raises(PlanInvalid):
        read_plan(plan_file)
    assert entries() == []


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\x00" * 100])
def test_a_corrupt_entry_is_a_miss_and_is_replaced(plan_file: Path, damage: bytes) -> None:
    expected = read_plan(plan_file)
    [entry] = entries()
    entry.write_bytes(damage)
    assert read_plan(plan_file) == expected
    assert entry.read_bytes() != damage  # stored again
    assert cache.cached_plan(plan_file.read_bytes()) is not None


def test_a_deleted_cache_is_rebuilt(plan_file: Path) -> None:
    import shutil

    read_plan(plan_file)
    shutil.rmtree(cache.cache_folder())
    assert read_plan(plan_file).title == "Hälsingerådets handlingsplan 2025"
    assert len(entries()) == 1


def test_an_unwritable_cache_is_no_error(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert len(read_plan(plan_file).activities) == 19


def test_hplan_no_cache_turns_it_off(plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HPLAN_NO_CACHE", "1")
    read_plan(plan_file)
    read_plan(plan_file)
    assert entries() == []


def test_a_status_write_keeps_the_new_plan_for_the_next_command(plan_file: Path) -> None:
    from datetime import date

    from hplan.plan.statuses import Status

    from ..conftest import set_status

    set_status(plan_file, "5", Status.DONE, date(2025, 5, 26))
    stored = entries()
    hit = cache.cached_plan(plan_file.read_bytes())
    assert hit is not None  # a cache hit
    assert hit.plan == parse_plan(read_source(plan_file)).plan
    assert entries() == stored  # reading it again stores nothing new


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
        assert pure.nodes.spans == with_libyaml.nodes.spans
        assert pure.nodes.key_spans == with_libyaml.nodes.key_spans


def test_a_status_write_encodes_only_the_activity_it_changes(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16: the other activities' bytes are joined as read, and the entry is the very
    entry a whole encoding gives."""
    from datetime import date

    from hplan.plan.statuses import Status

    from ..conftest import set_status

    plan_file.write_text(make_plan(300), encoding="utf-8")
    read_plan(plan_file)  # validates and stores
    activities._RECENT.clear()  # as a new command starts
    read_plan(plan_file)  # from the cache
    encoded: list[object] = []
    whole = activities.to_tuple

    def counted(value: object, shared: Shared) -> tuple[object, ...]:
        encoded.append(value)
        return whole(value, shared)

    monkeypatch.setattr(activities, "to_tuple", counted)
    set_status(plan_file, "5", Status.DONE, date(2025, 5, 26))
    made = [v for v in encoded if v.__class__.__name__ == "Activity"]
    assert [a.id for a in made] == ["5"]  # type: ignore[attr-defined]
    raw = plan_file.read_bytes()
    [entry] = [e for e in entries() if e.name.startswith(cache._digest(raw))]
    spliced = entry.read_bytes()
    hit = cache.cached_plan(raw)
    assert hit is not None and hit.plan == parse_plan(read_source(plan_file)).plan
    activities._RECENT.clear()  # a whole encoding of the plan, made whole
    made_whole = replace(hit.plan, activities=list(hit.plan.activities))
    assert cache._entry_bytes(cache._digest(raw), made_whole, hit.regions) == spliced


@pytest.mark.parametrize("cut", [1, 8, 9])
def test_an_entry_cut_short_is_a_miss(plan_file: Path, cut: int) -> None:
    expected = read_plan(plan_file)
    [entry] = entries()
    entry.write_bytes(entry.read_bytes()[:-cut])
    assert cache.cached_plan(plan_file.read_bytes()) is None
    assert read_plan(plan_file) == expected


def test_a_list_keeping_activities_read_before_is_the_entry_a_whole_encoding_gives(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server's next version is a list holding the activities it read (store/incremental):
    their items and due days are copied as stored, and the entry is the whole encoding's."""
    from hplan.plan.statuses import Status

    plan_file.write_text(make_plan(300), encoding="utf-8")
    read_plan(plan_file)
    activities._RECENT.clear()
    cached = read_plan(plan_file)
    kept = list(cached.activities)
    done = replace(kept[7], status=Status.DONE)
    later = replace(cached, activities=[*kept[:7], done, *kept[8:]])
    encoded: list[object] = []
    whole = activities.to_tuple

    def counted(value: object, shared: Shared) -> tuple[object, ...]:
        encoded.append(value)
        return whole(value, shared)

    monkeypatch.setattr(activities, "to_tuple", counted)
    reused = cache._entry_bytes("d", later, None)
    assert [v for v in encoded if v.__class__.__name__ == "Activity"] == [done]
    activities._RECENT.clear()
    assert cache._entry_bytes("d", later, None) == reused
