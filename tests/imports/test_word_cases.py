"""Word's ways of holding text: content controls, fields, links, soft hyphens, spaces that do
not break; and the cell text rules both readers share."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hplan.api.imports import import_document
from hplan.imports.text import joined

from . import documents, seed2025
from .documents import Layout, cell_runs, in_content_control, wrap


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sammankallande \nkommunikations- \nchef/", "Sammankallande kommunikationschef/"),
        ("Delta i kommunikations - \nchefernas", "Delta i kommunikationschefernas"),
        ("utlysningar av EU-\nmedel", "utlysningar av EU-medel"),  # the hyphen is the word's
        ("Outdoor-mässan i \nStockholm.", "Outdoor-mässan i Stockholm."),
        ("Lin\u00adda Bei\u00ad\ngler", "Linda Beigler"),  # soft hyphens, one at a line's end
        ("Första\u00a0halvåret\u202f2025", "Första halvåret 2025"),  # spaces that do not break
        ("  25–27 \n\n september ", "25–27 september"),
    ],
)
def test_a_cell_reads_as_the_plan_writes_it(text: str, expected: str) -> None:
    assert joined(text) == expected


def test_text_in_content_controls_fields_and_links_is_read(tmp_path: Path) -> None:
    import docx

    def edit(document: Any) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        in_content_control(cell_runs(document, 4, 3)[0])  # "25 maj" in a content control
        wrap(cell_runs(document, 3, 2)[0], "w:hyperlink", **{"r:id": "rId1"})  # an owner
        field = wrap(cell_runs(document, 5, 1)[0], "w:fldSimple", **{"w:instr": "REF mål"})
        field.set(qn("w:instr"), "REF mål")
        # a soft hyphen and a non-breaking space inside a title
        run = cell_runs(document, 2, 0)[0]
        text = run.find(qn("w:t"))
        text.text = "Utveckla och för"
        soft = OxmlElement("w:softHyphen")
        text.addnext(soft)
        rest = OxmlElement("w:t")
        rest.text = "valta\u00a0"
        soft.addnext(rest)

    path = documents.word(tmp_path / "fields.docx", edit=edit)
    # python-docx's own view misses what sits in a content control
    table = docx.Document(str(path)).tables[0]
    assert "25 maj" not in table.cell(5, 3).text
    activities = import_document(path, dry_run=True).draft.plan.activities
    assert activities[4].deadline.text == "25 maj"
    assert activities[3].owners == ["Linda Beigler"]
    assert activities[5].goals == ["4.2.1"]
    assert (
        activities[2].title == "Utveckla och förvalta material kring Hälsinglands grafiska profil"
    )


names = st.sampled_from(["Linda Beigler", "Karin Flordal", "Anna Öberg", "Per Ek"])
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöÅÄÖ", min_size=2, max_size=12)
deadlines = st.sampled_from(
    ["Löpande", "25 maj", "17–18 maj", "Juni", "Första halvåret 2025", "Senast oktober 2025",
     "2025", "December", "2025-09-01"]
)  # fmt: skip


@st.composite
def rows(draw: Any) -> list[str]:
    title = " ".join(draw(st.lists(words, min_size=1, max_size=8))).capitalize()
    goals = draw(st.lists(st.sampled_from(["4.2.1", "4.2.2", "4.2.3"]), min_size=1,
                          max_size=3, unique=True))  # fmt: skip
    owners = draw(st.lists(names, min_size=1, max_size=3, unique=True))
    return [title, ", ".join(goals), " / ".join(owners), draw(deadlines), ""]


@settings(max_examples=20)
@given(st.lists(rows(), min_size=1, max_size=12))
def test_a_plan_written_as_a_document_and_imported_back_gives_the_same_activities(
    table: list[list[str]],
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = documents.word(Path(folder) / "plan.docx", Layout(rows=table))
        plan = import_document(path, dry_run=True).draft.plan
    read = [(a.title, ", ".join(a.goals), " / ".join(a.owners), a.deadline.text)
            for a in plan.activities]  # fmt: skip
    assert read == [tuple(row[:4]) for row in table]


def test_the_seed_rows_are_the_document_s_nineteen() -> None:
    # The tests' copy of the document: 19 rows, the doubled goals as the document has them.
    assert len(seed2025.ROWS) == 19
    assert sum("4.2.1, \n4.2.1" in row[1] for row in seed2025.ROWS) == 2
