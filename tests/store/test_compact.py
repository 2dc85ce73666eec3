"""Issue 16, the store's smaller and lazier parts: text decoded only when needed, an edit of
one activity written from its own bytes, deadlines kept once in the cache, spans packed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hplan.errors import PlanInvalid
from hplan.plan import codec
from hplan.plan.statuses import Status
from hplan.store import activities, cache
from hplan.store.document import PlanDocument
from hplan.store.nodes import Span, read_nodes
from hplan.store.reading import parse_plan, plan_of, read_plan
from hplan.store.source import read_source

from ..synthetic import make_plan


def test_a_plan_read_from_the_cache_is_never_decoded(plan_file: Path) -> None:
    read_plan(plan_file)  # validated and stored
    source = read_source(plan_file)
    plan, _ = plan_of(source)
    assert plan.activities and "text" not in vars(source)  # 5 MB of text at 10,000
    assert "\ntitle:" in source.text  # and there when asked for


def test_bytes_that_are_not_utf8_are_refused_where_they_are(plan_file: Path) -> None:
    raw = plan_file.read_bytes().replace("Hälsinge".encode(), b"H\xe4lsinge", 1)
    plan_file.write_bytes(raw)
    source = read_source(plan_file)  # read as bytes; the text is decoded by the parse
    with pytest.raises(PlanInvalid) as refused:
        parse_plan(source)
    [problem] = refused.value.problems
    assert (problem.line, problem.column) == (2, 4) and "not UTF-8" in str(problem.message)


def test_a_status_write_decodes_only_the_activity_it_changes(plan_file: Path) -> None:
    """The write is the bytes before the activity's lines, its edited lines, and the bytes
    after them; the whole file's text is never made (10,000 activities: 5 MB)."""
    plan_file.write_text(make_plan(300), encoding="utf-8")
    read_plan(plan_file)
    before = plan_file.read_bytes()
    document = PlanDocument.open(plan_file, settle=0)
    index = next(n for n, a in enumerate(document.plan.activities) if not a.status.closed)
    activity = document.plan.activities[index]
    assert document._regions is not None
    start, end = document._regions[index]
    document.replace_activity(activity, activity.changed(date(2025, 6, 2), Status.DONE, "Klar"))
    assert document.changed
    document.save()
    assert "text" not in vars(document.source)
    after = plan_file.read_bytes()
    assert parse_plan(read_source(plan_file)).plan == document.plan
    assert (
        after[:start] == before[:start] and after[end + len(after) - len(before) :] == before[end:]
    )


def test_activities_with_one_deadline_share_it_in_a_cached_plan(plan_file: Path) -> None:
    plan_file.write_text(make_plan(300), encoding="utf-8")
    fresh = read_plan(plan_file)
    activities._RECENT.clear()
    cached = read_plan(plan_file)
    assert cached == fresh and cached is not fresh
    by_text: dict[str, object] = {}
    for activity in cached.activities:
        assert by_text.setdefault(activity.deadline.text, activity.deadline) is activity.deadline
    assert len(by_text) < len(cached.activities) / 5


def test_a_list_of_names_is_kept_once_in_an_entry_but_each_activity_has_its_own(
    plan_file: Path,
) -> None:
    plan_file.write_text(make_plan(300), encoding="utf-8")
    fresh = read_plan(plan_file)
    activities._RECENT.clear()
    cached = read_plan(plan_file)
    assert cached == fresh
    items = cached.activities.items  # type: ignore[attr-defined]
    kept = [data for kind, data in items.shared.tuples if kind == codec.TEXTS]
    assert 0 < len(kept) < len(cached.activities)  # 300 activities name fewer lists
    alike = [a for a in cached.activities if a.owners == cached.activities[0].owners]
    assert len(alike) > 1 and alike[0].owners is not alike[1].owners


def test_an_entry_of_a_model_of_another_shape_is_a_miss(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_plan(plan_file)
    assert cache.cached_plan(plan_file.read_bytes()) is not None
    monkeypatch.setattr(cache, "_SHAPE", cache._SHAPE + b"+a field")
    assert cache.cached_plan(plan_file.read_bytes()) is None


def test_packed_spans_read_back_as_spans() -> None:
    nodes = read_nodes(Path("x.yaml"), "a: 1\nb:\n  - x\n  - {c: d}\n")
    assert nodes.spans[("a",)] == Span(3, 4, 1, 4)
    assert nodes.spans[("b", 1)] == Span(18, 24, 4, 5, flow=True)
    assert nodes.key_spans[("b", 1, "c")] == Span(19, 20, 4, 6)
    assert ("b", 2) not in nodes.spans and nodes.spans.get(("b", 2)) is None
    assert len(nodes.spans) == len(list(nodes.spans)) == 6
    assert dict(nodes.spans.items())[("b", 0)] == Span(12, 13, 3, 5)
