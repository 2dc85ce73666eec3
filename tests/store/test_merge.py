"""store/merge.py: an edit of the whole file and a change made meanwhile, merged per part of
the plan, or not at all (issue 34, item 7)."""

from __future__ import annotations

from pathlib import Path

from hplan.store.merge import merged


def test_parts_changed_on_one_side_each_are_both_kept_and_the_same_part_is_never_guessed(
    plan_file: Path,
) -> None:
    before = plan_file.read_bytes()
    mine = before.replace(b"deadline: 17\xe2\x80\x9318 maj", b"deadline: 17\xe2\x80\x9319 maj")
    title = b"title: Planera och genomf\xc3\xb6ra H\xc3\xa4lsinge"
    theirs = before.replace(title, b"title: Planera och genomf\xc3\xb6ra den H\xc3\xa4lsinge")
    both = merged(plan_file, before, mine, theirs)
    assert both is not None and b"17\xe2\x80\x9319 maj" in both and b"den H\xc3\xa4lsinge" in both
    # The same activity changed both ways: not merged.
    other = before.replace(b"deadline: 17\xe2\x80\x9318 maj", b"deadline: 16\xe2\x80\x9318 maj")
    assert merged(plan_file, before, mine, other) is None
    # An activity removed on one side: not merged either (the parts no longer line up).
    start = before.index(b"  - id: 19")
    assert merged(plan_file, before, mine, before[:start]) is None
    # The same change on both sides is no conflict.
    assert merged(plan_file, before, mine, mine) == mine
