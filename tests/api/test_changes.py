"""Changes through the application layer: the model decides, the document writes only the
lines that changed, and a change made from a stale version is refused, never re-applied."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pytest

from hplan.api import PlanChanged, Session, UsageError, WriteRefused
from hplan.plan.statuses import Status
from hplan.store.document import PlanDocument
from hplan.store.reading import read_plan

DAY = date(2025, 6, 2)


def changed_lines(before: str, after: str) -> list[str]:
    """The lines a diff shows as removed (-) or added (+), as git shows them (no line is
    taken for junk because it is common, as difflib's default would)."""
    old, new = before.splitlines(), after.splitlines()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    lines: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            lines += [f"-{line}" for line in old[i1:i2]] + [f"+{line}" for line in new[j1:j2]]
    return lines


@pytest.fixture
def session(plan_file: Path) -> Session:
    return Session(plan_file, as_of=DAY)


def test_a_status_change_is_the_models_rule(session: Session) -> None:
    activity = session.plan.activity("5")
    assert activity is not None
    done = activity.changed(DAY, Status.DONE, "Hölls")
    assert (done.status, done.status_date, done.notes[-1].text) == (Status.DONE, DAY, "Hölls")
    assert done.changed(date(2025, 7, 1), Status.DONE) is done  # same status: its date stays
    assert session.plan.next_activity_id() == "20"


def test_a_change_from_the_current_version_is_written(session: Session, plan_file: Path) -> None:
    before = plan_file.read_text(encoding="utf-8")
    update = session.set_status("5", "klar", note="300 besökare", version=session.version)
    assert update.written and update.after.status is Status.DONE
    assert update.version == session.version != update.before.status
    assert changed_lines(before, plan_file.read_text(encoding="utf-8")) == [
        "-    status: not-started",
        "+    status: done",
        "+    status_date: 2025-06-02",
        "+    notes:",
        "+      - date: 2025-06-02",
        "+        text: 300 besökare",
    ]


def test_a_change_from_a_stale_version_is_refused_and_nothing_written(
    session: Session, plan_file: Path
) -> None:
    seen = session.version
    edited = plan_file.read_text(encoding="utf-8") + "# sparat i en editor\n"
    plan_file.write_text(edited, encoding="utf-8")
    with pytest.raises(PlanChanged) as raised:
        session.set_status("5", "done", version=seen)
    assert (raised.value.exit_code, raised.value.http_status) == (6, 409)
    assert plan_file.read_text(encoding="utf-8") == edited


def test_a_file_changed_during_the_save_is_refused_with_a_version(
    session: Session, plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file changes after the version was checked and before the write: with a version
    the change is refused; the command line (no version) redoes it on the new text."""
    save = PlanDocument.save
    other = "# en annan hplan skrev\n"

    def save_after_another_write(document: PlanDocument, locked: bool = False) -> object:
        if other not in plan_file.read_text(encoding="utf-8"):
            plan_file.write_text(plan_file.read_text(encoding="utf-8") + other)
        return save(document, locked)

    monkeypatch.setattr(PlanDocument, "save", save_after_another_write)
    with pytest.raises(PlanChanged):
        session.set_status("5", "done", version=session.version)
    assert read_plan(plan_file).activity("5").status is Status.NOT_STARTED  # type: ignore[union-attr]
    session.set_status("5", "done")
    text = plan_file.read_text(encoding="utf-8")
    assert other in text and read_plan(plan_file).activity("5").status is Status.DONE  # type: ignore[union-attr]


def test_a_title_and_a_deadline_change_only_their_lines(session: Session, plan_file: Path) -> None:
    before = plan_file.read_text(encoding="utf-8")
    session.edit("5", title="Planera Hälsingegårdarnas dag: 2025", deadline="24 maj")
    assert changed_lines(before, plan_file.read_text(encoding="utf-8")) == [
        "-    title: Planera och genomföra Hälsingegårdarnas dag",
        "+    title: 'Planera Hälsingegårdarnas dag: 2025'",
        "-    deadline: 25 maj",
        "+    deadline: 24 maj",
    ]
    edited = read_plan(plan_file).activity("5")
    assert edited is not None and edited.deadline.due == date(2025, 5, 24)


def test_owners_are_added_and_removed_as_lines(session: Session, plan_file: Path) -> None:
    before = plan_file.read_text(encoding="utf-8")
    session.add_owner("9", "Sammankallande")
    added = plan_file.read_text(encoding="utf-8")
    assert changed_lines(before, added) == ["+      - Sammankallande kommunikationschef"]
    session.remove_owner("9", "Karin")
    assert changed_lines(added, plan_file.read_text(encoding="utf-8")) == ["-      - Karin Flordal"]
    assert read_plan(plan_file).activity("9").owners == [  # type: ignore[union-attr]
        "Linda Beigler",
        "Sammankallande kommunikationschef",
    ]


def test_a_key_the_activity_lacks_is_inserted_after_the_one_before_it(
    session: Session, plan_file: Path
) -> None:
    before = plan_file.read_text(encoding="utf-8")
    session.edit("5", with_=["Näringslivschefer"], goals=["4.2.1", "4.2.3"])
    assert changed_lines(before, plan_file.read_text(encoding="utf-8")) == [
        "+      - 4.2.3",
        "+    with:",
        "+      - Näringslivschefer",
    ]


def test_edits_refuse_what_the_plan_does_not_declare(session: Session, plan_file: Path) -> None:
    before = plan_file.read_bytes()
    with pytest.raises(UsageError) as owner:
        session.edit("5", owners=["Nobody"])
    assert owner.value.field == "owner"
    with pytest.raises(UsageError) as deadline:
        session.edit("5", deadline="32 maj")
    assert deadline.value.field == "deadline"
    with pytest.raises(WriteRefused):
        session.remove_owner("5", "Linda")  # the only owner
    with pytest.raises(WriteRefused):
        session.edit("5", title="rad\x1bett")
    assert plan_file.read_bytes() == before


def test_an_added_activity_takes_the_plans_next_id(session: Session, plan_file: Path) -> None:
    added = session.add_activity("Ny mässa", ["4.2.1"], ["karin"], "Juni", version=session.version)
    assert added.id == "20" and added.owners == ["Karin Flordal"]
    assert read_plan(plan_file).activity("20") == added


def test_a_server_session_never_waits_for_a_file_being_saved(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    slept: list[float] = []
    sleep = time.sleep
    monkeypatch.setattr(time, "sleep", lambda seconds: (slept.append(seconds), sleep(seconds)))
    plan_file.touch()  # changed this very moment: an editor may still be writing
    Session(plan_file, as_of=DAY, settle=0).set_status("5", "done")
    assert slept == []
    plan_file.touch()
    Session(plan_file, as_of=DAY).set_status("6", "done")
    assert slept  # the command line waits a moment for the save to settle


def test_an_owner_removed_from_the_middle_leaves_the_other_lines_alone(
    session: Session, plan_file: Path
) -> None:
    text = plan_file.read_text(encoding="utf-8")
    kept = "      - Karin Flordal  # sammankallande i nätverket\n"
    plan_file.write_text(text.replace("      - Karin Flordal\n", kept, 1), encoding="utf-8")
    before = plan_file.read_text(encoding="utf-8")
    session.edit("1", owners=["Sammankallande", "Karin"])
    after = plan_file.read_text(encoding="utf-8")
    assert changed_lines(before, after) == ["-      - Linda Beigler"]
    assert kept in after  # a line rewritten whole would lose its comment
