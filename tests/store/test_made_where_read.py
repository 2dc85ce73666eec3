"""Issue 35: a plan read from the cache makes an activity where a command reads it. A status
write makes the few it walks past to the one it changes, `overdue` the open ones due before
today; for everything else the list is a list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from hplan.plan.statuses import Status
from hplan.queries.filters import overdue
from hplan.store import cache
from hplan.store.activities import CachedActivities, Items
from hplan.store.reading import parse_plan, read_plan
from hplan.store.source import read_source

from ..conftest import set_status
from ..synthetic import make_plan

DAY = date(2025, 7, 1)


@pytest.fixture
def big(plan_file: Path) -> Path:
    """A plan of 300 activities, validated and in the cache."""
    plan_file.write_text(make_plan(300), encoding="utf-8")
    read_plan(plan_file)
    return plan_file


def read_lists(monkeypatch: pytest.MonkeyPatch) -> list[Items]:
    """The activity lists read from the cache from now on."""
    lists: list[Items] = []
    made = Items.__init__

    def kept(self: Items, *args: object) -> None:
        made(self, *args)  # type: ignore[arg-type]
        lists.append(self)

    monkeypatch.setattr(Items, "__init__", kept)
    return lists


def made(items: Items) -> int:
    return sum(activity is not None for activity in items.made)


def test_a_status_write_makes_only_the_activities_up_to_the_one_it_changes(
    big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lists = read_lists(monkeypatch)
    set_status(big, "5", Status.DONE, DAY, "Klar")
    assert lists and all(made(items) <= 5 for items in lists)
    written = read_plan(big).activity("5")
    assert written is not None and written.status is Status.DONE


def test_overdue_makes_only_the_activities_that_may_be_late(
    big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = parse_plan(read_source(big)).plan  # made whole from the YAML: a plain list
    expected = overdue(whole, DAY)
    lists = read_lists(monkeypatch)
    cached = read_plan(big)
    assert isinstance(cached.activities, CachedActivities)
    assert overdue(cached, DAY) == expected and expected
    may_be_late = {
        n
        for n, a in enumerate(whole.activities)
        if not a.status.closed and a.deadline.due and a.deadline.due < DAY
    }
    [items] = lists
    made_now = {n for n, a in enumerate(items.made) if a is not None}
    # The first is made as the entry is read (an entry of another encoding is a miss there).
    assert made_now - {0} == may_be_late - {0} and len(made_now) < len(whole.activities) / 2


def test_a_list_read_from_the_cache_is_a_list_for_everything_else(big: Path) -> None:
    whole = list(parse_plan(read_source(big)).plan.activities)
    cached = read_plan(big).activities
    assert isinstance(cached, CachedActivities)
    assert cached[-1] == whole[-1] and cached[10:13] == whole[10:13]
    assert len(cached) == len(whole) and cached == whole and whole == cached
    assert list(cached) == whole and cached.index(whole[20]) == 20  # equal, not the same
    with pytest.raises(IndexError):
        cached[len(whole)]
    one = replace(whole[7], title="En ny titel")
    changed = cached.replaced(7, one)
    assert changed[7] is one and list(changed) == [*whole[:7], one, *whole[8:]]
    assert changed != cached and cached[7] == whole[7]  # the list it came from is as it was
    extra = replace(whole[0], id="9999")
    grown = changed.appended(extra)
    assert len(grown) == len(whole) + 1 and grown[-1] is extra
    assert grown.index(extra) == len(whole) and grown.index(cached[3]) == 3
    assert grown.open_due_within(None, DAY) == [
        a for a in [*whole[:7], one, *whole[8:], extra]
        if not a.status.closed and a.deadline.due and a.deadline.due <= DAY
    ]  # fmt: skip


def test_a_byte_changed_inside_an_entry_is_a_miss_never_a_wrong_activity(big: Path) -> None:
    raw = big.read_bytes()
    entry = cache._entry_path(cache._digest(raw))
    assert entry is not None
    content = bytearray(entry.read_bytes())
    at = content.index(b"(150)")  # activity 150's title ends with its id
    content[at + 1 : at + 4] = b"999"
    entry.write_bytes(bytes(content))
    assert cache.cached_plan(raw) is None
    assert read_plan(big) == parse_plan(read_source(big)).plan


def test_a_change_checked_against_its_activitys_version_makes_only_that_activity(
    big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page's change gives its activity's version back (api/pipeline.unchanged): checking it
    finds that activity by its id, not by making all 300."""
    from hplan.api import Session
    from hplan.api.changes import status_change
    from hplan.plan.codec import record_version

    seen = read_plan(big).activity("5")
    assert seen is not None
    lists = read_lists(monkeypatch)
    saved = Session(big, as_of=DAY).change(
        [status_change("5", Status.DONE, None)], activities={"5": record_version(seen)}
    )
    assert saved.written and lists and all(made(items) <= 5 for items in lists)
