"""The board's Word document as LibreOffice exports it to PDF (issue 33): a narrow column
breaks a long word where the column ends, with no hyphen ("kommunikati" / "onschef"); read
by its characters' places, each is one word again, and a join the document cannot confirm
is marked for review."""

from __future__ import annotations

import shutil

import pytest

from hplan.api.imports import Imported, import_document
from hplan.plan.model import Activity
from hplan.store.reading import read_plan

from ..conftest import REAL_PLAN
from . import documents

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="needs LibreOffice (apt-get install libreoffice-writer-nogui; .ci/run installs it)",
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    folder = tmp_path_factory.mktemp("libreoffice")
    pdf = documents.libreoffice_pdf(documents.word(folder / "plan.docx"), folder / "profile")
    return import_document(pdf, dry_run=True)


def facts(activity: Activity) -> tuple[object, ...]:
    return (activity.id, activity.title, activity.goals, activity.owners, activity.with_,
            activity.deadline.text, activity.status)  # fmt: skip


def test_words_a_narrow_column_broke_are_whole_again(exported: Imported) -> None:
    expected = read_plan(REAL_PLAN)
    plan = exported.draft.plan
    assert (plan.title, plan.year) == (expected.title, expected.year)
    assert {o.name for o in plan.owners} == {o.name for o in expected.owners}
    got = {a.id: facts(a) for a in plan.activities}
    # Activity 11's "marknadsförings-" ends a line the document broke itself, and the export
    # wrapped there too: which one the page cannot tell, so it is marked (below).
    assert [facts(a) for a in expected.activities if got[a.id] != facts(a)] == [
        facts(a) for a in expected.activities if a.id == "11"
    ]
    assert got["6"][5] == "25–27 september"  # "septemb" / "er" failed as a deadline
    assert "Outdoor-mässan" in got["7"][1]  # a hyphen the column wrapped at is the word's


def test_a_join_the_document_cannot_confirm_is_marked_for_review(exported: Imported) -> None:
    said = {(r.ident, r.key, r.message.values.get("word")) for r in exported.draft.review}
    assert ("11", "title", "marknadsförings-aktiviteter") in said
    assert ("1", "owners", "Sammankallande") in said  # no other "Sammankallande" to confirm
    confirmed = ("Linda", "Karin", "kommunikationschef", "Outdoor")
    assert not any(word in str(w) for *_, w in said for word in confirmed)
