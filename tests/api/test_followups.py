"""Follow-up rounds through the api (issue 30): rounds declared in the plan, answers recorded
with the minimal, locked, all-or-nothing write, and every refusal in words."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from hplan.api import PlanInvalid, Session, UsageError, WriteRefused
from hplan.api.changes import note_change
from hplan.api.rounds import assess_change
from hplan.plan.assessments import Assessment
from hplan.store.reading import read_plan

from .test_changes import changed_lines

ROUNDS = """
followups:
  - id: T1
    title: Tertial 1
    as_of: 2025-04-30
    answers_due: 2025-05-12
  - id: T2
    title: Tertial 2
    as_of: 2025-08-31
    answers_due: 2025-09-15
"""


def with_rounds(plan_file: Path) -> Path:
    """The real plan with two rounds declared after its owners, as a person writes them."""
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("\nactivities:", ROUNDS + "\nactivities:", 1), "utf-8")
    return plan_file


def test_the_seed_plan_has_no_rounds_and_validates_unchanged(plan_file: Path) -> None:
    plan = read_plan(plan_file)
    assert plan.followups == [] and all(a.assessments == [] for a in plan.activities)


def test_a_round_opened_is_the_minimal_edit(plan_file: Path) -> None:
    before = plan_file.read_text(encoding="utf-8")
    made = Session(plan_file, as_of="2025-05-02").open_round(
        "T1", "30 april 2025", "2025-05-12", "Tertial 1"
    )
    assert (made.id, made.as_of, made.answers_due) == ("T1", date(2025, 4, 30), date(2025, 5, 12))
    assert changed_lines(before, plan_file.read_text(encoding="utf-8")) == [
        "+followups:",
        "+  - id: T1",
        "+    title: Tertial 1",
        "+    as_of: 2025-04-30",
        "+    answers_due: 2025-05-12",
    ]
    again = plan_file.read_text(encoding="utf-8")
    Session(plan_file, as_of="2025-09-01").open_round("T2", "2025-08-31", "2025-09-15")
    assert changed_lines(again, plan_file.read_text(encoding="utf-8")) == [
        "+  - id: T2",
        "+    title: T2",
        "+    as_of: 2025-08-31",
        "+    answers_due: 2025-09-15",
    ]


@pytest.mark.parametrize(
    ("round_id", "day", "due", "kind", "said"),
    [
        ("T1", "2025-04-30", "2025-05-12", WriteRefused, "exists already"),
        ("T3", "2026-04-30", "2026-05-12", UsageError, "not in the plan's year 2025"),
        ("T3", "2025-04-30", "2025-04-01", UsageError, "on or after the round's day"),
        ("T 3", "2025-04-30", "2025-05-12", UsageError, "not a round id"),
        ("T3", "31 februari 2025", "2025-05-12", UsageError, "februari"),
    ],
)
def test_a_round_that_cannot_be_is_refused_and_nothing_written(
    plan_file: Path, round_id: str, day: str, due: str, kind: type[Exception], said: str
) -> None:
    with_rounds(plan_file)
    before = plan_file.read_bytes()
    with pytest.raises(kind, match=said):
        Session(plan_file, as_of="2025-05-02").open_round(round_id, day, due)
    assert plan_file.read_bytes() == before


def test_an_answer_is_written_minimally_and_a_new_one_replaces_it_in_place(
    plan_file: Path,
) -> None:
    with_rounds(plan_file)
    before = plan_file.read_text(encoding="utf-8")
    [update] = Session(plan_file, as_of="2025-05-08").assess(["5"], "Risk", "Lokalen är inte bokad")
    assert update.written and update.after.answer("T1") is not None
    assert changed_lines(before, plan_file.read_text(encoding="utf-8")) == [
        "+    assessments:",
        "+      - round: T1",
        "+        assessment: at-risk",
        "+        comment: Lokalen är inte bokad",
        "+        by: Linda Beigler",
        "+        date: 2025-05-08",
    ]
    first = plan_file.read_text(encoding="utf-8")
    Session(plan_file, as_of="2025-05-10").assess(["5"], "enligt plan", "Bokad")
    assert changed_lines(first, plan_file.read_text(encoding="utf-8")) == [
        "-        assessment: at-risk",
        "-        comment: Lokalen är inte bokad",
        "+        assessment: on-track",
        "+        comment: Bokad",
        "-        date: 2025-05-08",
        "+        date: 2025-05-10",
    ]
    activity = read_plan(plan_file).activity("5")
    assert activity is not None and len(activity.assessments) == 1
    second = plan_file.read_text(encoding="utf-8")
    Session(plan_file, as_of="2025-05-10").assess(["5"], "on-track")  # no comment now
    assert changed_lines(second, plan_file.read_text(encoding="utf-8")) == [
        "-        comment: Bokad",
    ]


def test_answers_to_two_rounds_are_kept_side_by_side(plan_file: Path) -> None:
    with_rounds(plan_file)
    Session(plan_file, as_of="2025-05-08").assess(["5"], "on-track")
    Session(plan_file, as_of="2025-09-02").assess(["5"], "off track", "Ställt in")
    activity = read_plan(plan_file).activity("5")
    assert activity is not None
    assert [(a.round, a.assessment) for a in activity.assessments] == [
        ("T1", Assessment.ON_TRACK),
        ("T2", Assessment.OFF_TRACK),
    ]


def test_the_round_is_the_current_one_unless_named(plan_file: Path) -> None:
    with_rounds(plan_file)
    session = Session(plan_file, as_of="2025-09-02")
    assert session.round().id == "T2" and session.round("t1").id == "T1"
    session.assess(["5"], "risk", round_id="t1")
    answer = read_plan(plan_file).activity("5").answer("T1")  # type: ignore[union-attr]
    assert answer is not None and answer.assessment is Assessment.AT_RISK
    with pytest.raises(UsageError, match="no follow-up round has begun") as early:
        Session(plan_file, as_of="2025-04-01").assess(["5"], "risk")
    assert early.value.field == "round"


def test_who_answers_is_an_owner_or_a_member_of_an_owning_role(plan_file: Path) -> None:
    with_rounds(plan_file)
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(  # the role's members are people the plan declares
        text.replace("  - name: Näringslivschefer\n    kind: role",
                     "  - name: Näringslivschefer\n    kind: role\n    members:\n"
                     "      - Karin Flordal"), "utf-8",
    )  # fmt: skip
    session = Session(plan_file, as_of="2025-05-08")
    with pytest.raises(UsageError, match="has 2 owners; say who answers with --by") as many:
        session.assess(["9"], "risk")
    assert many.value.field == "by"
    before = plan_file.read_bytes()
    with pytest.raises(WriteRefused, match="does not own activity 5"):
        session.assess(["5"], "risk", by="karin")
    assert plan_file.read_bytes() == before
    [update] = session.assess(["9"], "risk", by="flordal")
    assert update.after.answer("T1").by == "Karin Flordal"  # type: ignore[union-attr]


def test_a_closed_activity_needs_no_assessment(plan_file: Path) -> None:
    with_rounds(plan_file)
    Session(plan_file, as_of="2025-05-08").set_status("5", "done")
    before = plan_file.read_bytes()
    with pytest.raises(WriteRefused, match="a closed activity needs no assessment"):
        Session(plan_file, as_of="2025-05-08").assess(["5"], "on-track")
    assert plan_file.read_bytes() == before


def test_several_answers_are_one_write_all_or_none(plan_file: Path) -> None:
    with_rounds(plan_file)
    Session(plan_file, as_of="2025-05-08").set_status("4", "cancelled")
    before = plan_file.read_bytes()
    with pytest.raises(WriteRefused, match="a closed activity needs no assessment"):
        Session(plan_file, as_of="2025-05-08").assess(["5", "4"], "risk")
    assert plan_file.read_bytes() == before  # 5 was fine, but nothing was written
    updates = Session(plan_file, as_of="2025-05-08").assess(["5", "7", "5"], "risk")
    assert [u.after.id for u in updates] == ["5", "7"]  # each once, in the order given


def test_several_changes_of_one_activity_in_one_write_are_made_one_on_the_other(
    plan_file: Path,
) -> None:
    """A reply by e-mail may set 5's status and answer for it: one edit of 5's lines."""
    with_rounds(plan_file)
    session = Session(plan_file, as_of="2025-05-08")
    saved = session.change([assess_change("5", "risk"), assess_change("5", "on-track")])
    assert [u.written for u in saved.updates] == [True, True]
    five = read_plan(plan_file).activity("5")
    assert five is not None and [a.assessment.value for a in five.assessments] == ["on-track"]
    session.change([assess_change("5", "off-track", "Lokalen"), note_change("5", "Bokat")])
    five = read_plan(plan_file).activity("5")
    assert five is not None and five.notes[-1].text == "Bokat"
    assert [a.assessment.value for a in five.assessments] == ["off-track"]


def test_an_unknown_word_or_round_is_a_usage_error(plan_file: Path) -> None:
    with_rounds(plan_file)
    session = Session(plan_file, as_of="2025-05-08")
    with pytest.raises(UsageError, match="unknown assessment 'maybe'") as word:
        session.assess(["5"], "maybe")
    assert word.value.field == "assessment"
    with pytest.raises(UsageError, match=r"no follow-up round 'T9' in the plan \(rounds: T1, T2\)"):
        session.assess(["5"], "risk", round_id="T9")


def test_progress_per_owner_counts_the_open_activities_they_own(plan_file: Path) -> None:
    with_rounds(plan_file)
    Session(plan_file, as_of="2025-05-08").assess(["5", "7"], "risk")
    progress = Session(plan_file, as_of="2025-05-08").round_progress()
    linda = next(o for o in progress.owners if o.owner == "Linda Beigler")
    assert [a.id for a in linda.answered] == ["5", "7"]
    assert "5" not in [a.id for a in linda.missing] and "2" in [a.id for a in linda.missing]
    assert progress.answered == 2 and progress.asked == 19
    assert "Karin Flordal" in progress.silent and "Linda Beigler" not in progress.silent


def test_the_assessment_filter_asks_the_current_round(plan_file: Path) -> None:
    with_rounds(plan_file)
    Session(plan_file, as_of="2025-05-08").assess(["5"], "risk")
    Session(plan_file, as_of="2025-05-08").assess(["7"], "avvikelse")
    session = Session(plan_file, as_of="2025-05-20")
    rows = session.select(assessments=["at-risk", "off-track"])
    assert [r.activity.id for r in rows] == ["5", "7"]
    assert Session(plan_file, as_of="2025-09-02").select(assessments=["risk"]) == []  # T2 now


BROKEN = [
    ("    answers_due: 2025-09-15\n", "    answers_due: 2025-09-15\n  - id: T1\n    title: Igen\n"
     "    as_of: 2025-10-01\n    answers_due: 2025-10-10\n",
     r"follow-up round T1 is declared twice \(first at line \d+\)"),
    ("    as_of: 2025-08-31", "    as_of: 2024-08-31",
     "follow-up round T2: as_of 2024-08-31 is not in the plan's year 2025"),
    ("    answers_due: 2025-05-12", "    answers_due: 2025-04-01",
     "answers_due 2025-04-01 is before its as_of 2025-04-30"),
    ("    status: not-started\n\n  - id: 6",
     "    status: not-started\n    assessments:\n      - round: T7\n        assessment: risk\n"
     "        by: Linda Beigler\n        date: 2025-05-08\n\n  - id: 6",
     "activity 5: no follow-up round T7"),
    ("    status: not-started\n\n  - id: 6",
     "    status: not-started\n    assessments:\n      - round: T1\n        assessment: risk\n"
     "        by: Linda Beigler\n        date: 2025-05-08\n      - round: T1\n"
     "        assessment: on-track\n        by: Linda Beigler\n        date: 2025-05-09\n"
     "\n  - id: 6",
     r"activity 5: a second answer to round T1 \(the first at line \d+\)"),
    ("    status: not-started\n\n  - id: 6",
     "    status: not-started\n    assessments:\n      - round: T1\n        assessment: risk\n"
     "        by: Karin Flordal\n        date: 2025-05-08\n\n  - id: 6",
     "activity 5: 'Karin Flordal' answered, but is neither an owner of it"),
    ("    status: not-started\n\n  - id: 6",
     "    status: not-started\n    assessments:\n      - round: T1\n        assessment: kanske\n"
     "        by: Linda Beigler\n        date: 2025-05-08\n\n  - id: 6",
     "activity 5: unknown assessment 'kanske'"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "said"), BROKEN)
def test_what_is_wrong_with_rounds_and_answers_is_said_where_it_stands(
    plan_file: Path, old: str, new: str, said: str
) -> None:
    with_rounds(plan_file)
    text = plan_file.read_text(encoding="utf-8")
    assert old in text
    plan_file.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PlanInvalid) as invalid:
        read_plan(plan_file)
    lines = [str(p.located(plan_file.name)) for p in invalid.value.problems]
    assert any(re.search(said, line) for line in lines), lines
    assert all(re.match(r"plan2025\.yaml:\d+:\d+: ", line) for line in lines)


def test_a_plan_with_two_rounds_and_answers_validates(plan_file: Path) -> None:
    with_rounds(plan_file)
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace(
        "    status: not-started\n\n  - id: 6",
        "    status: not-started\n    assessments:\n      - round: T1\n        assessment: Risk\n"
        "        comment: Ingen lokal\n        by: Linda Beigler\n        date: 2025-05-08\n"
        "      - round: T2\n        assessment: enligt plan\n        by: Linda Beigler\n"
        "        date: 2025-09-01\n\n  - id: 6", 1), "utf-8")  # fmt: skip
    activity = read_plan(plan_file).activity("5")
    assert activity is not None
    assert [a.assessment for a in activity.assessments] == [
        Assessment.AT_RISK,
        Assessment.ON_TRACK,
    ]
