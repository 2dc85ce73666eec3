"""`hplan import`: the 2025 document, as Word and as PDF, gives what plan2025.yaml holds."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hplan.api.imports import import_document
from hplan.plan.model import Activity, Plan
from hplan.store.reading import read_plan

from ..conftest import Run
from . import documents, seed2025
from .documents import Layout

Script = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of its own (tmp_path holds the test plan, plan2025.yaml)."""
    made = tmp_path / "import"
    made.mkdir()
    return made


def facts(activity: Activity) -> tuple[Any, ...]:
    """What the board's document states of an activity, and the due date hplan reads."""
    deadline = activity.deadline
    return (activity.id, activity.title, activity.goals, activity.owners, activity.with_,
            deadline.text, deadline.start, deadline.due, activity.status)  # fmt: skip


def same_plan(imported: Plan, expected: Plan) -> None:
    assert [facts(a) for a in imported.activities] == [facts(a) for a in expected.activities]
    assert len(imported.activities) == 19
    assert {(o.name, o.kind) for o in imported.owners} == {
        (o.name, o.kind) for o in expected.owners
    }
    assert [(g.id, g.title, g.objective) for g in imported.goals] == [
        (g.id, g.title, g.objective) for g in expected.goals
    ]
    assert (imported.title, imported.organisation, imported.year, imported.language) == (
        expected.title, expected.organisation, expected.year, expected.language
    )  # fmt: skip


def test_the_2025_word_document_gives_plan2025(tmp_path: Path, plan_file: Path) -> None:
    document = documents.word(tmp_path / "Handlingsplan 2025.docx")
    result = import_document(document, tmp_path / "imported.yaml")
    expected = read_plan(plan_file)
    same_plan(read_plan(tmp_path / "imported.yaml"), expected)
    # the goals' text too, paragraph by paragraph, as plan2025.yaml keeps it
    assert [g.text for g in result.draft.plan.goals] == [g.text for g in expected.goals]


def test_the_2025_pdf_with_its_table_over_two_pages_and_a_row_cut_gives_plan2025(
    tmp_path: Path, plan_file: Path
) -> None:
    # The document's row 8 runs over the page break: "…halsingland.se/Inflyttar-" | "portalen"
    layout = Layout(split_at=8, cut_row=7)
    document = documents.pdf(tmp_path / "handlingsplan.pdf", layout)
    import_document(document, tmp_path / "imported.yaml")
    same_plan(read_plan(tmp_path / "imported.yaml"), read_plan(plan_file))


@pytest.mark.parametrize("make", [documents.word, documents.pdf])
def test_a_merged_goal_cell_applies_to_each_of_its_rows(tmp_path: Path, make: Any) -> None:
    rows = [list(r) for r in seed2025.ROWS]
    layout = Layout(rows=rows, merged_goals=(1, 6), split_at=10)
    result = import_document(make(tmp_path / "doc", layout), dry_run=True)
    goals = [a.goals for a in result.draft.plan.activities]
    assert goals[1:7] == [["4.2.1"]] * 6
    assert goals[7] == ["4.2.1", "4.2.2"]
    assert len(goals) == 19


def test_a_table_split_into_two_with_its_header_repeated_is_one_list(tmp_path: Path) -> None:
    document = documents.word(tmp_path / "split.docx", Layout(split_at=9))
    result = import_document(document, dry_run=True)
    titles = [a.title for a in result.draft.plan.activities]
    assert len(titles) == 19
    assert (
        titles[8].startswith("Kartlägga")
        and titles[9] == "Utveckla och förvalta www.halsingland.se"
    )


def test_what_the_import_was_unsure_of_is_marked_in_the_file_and_said(
    run: Run, folder: Path
) -> None:
    document = documents.word(folder / "handlingsplan.docx")
    target = folder / "plan2025.yaml"
    result = run("import", str(document), "-o", str(target))
    assert result.code == 0, result.stdout + result.stderr
    text = target.read_text(encoding="utf-8")
    # in the plan's language, above the key to check
    assert (
        "    # GRANSKA: dokumentet anger mål 4.2.1 två gånger här; behölls en gång\n    goals:"
        in text
    )
    assert "# GRANSKA: lästes som en roll" in text
    assert text.count("GRANSKA:") == 4
    assert "# Jämför varje ställe märkt 'GRANSKA' med dokumentet" in text
    assert "6 goals, 19 activities, 4 owners (2 people, 2 roles)." in (
        result.stdout + result.stderr
    )
    assert "activity 11, goals: the document lists goal 4.2.1 twice here; kept once" in (
        result.stdout + result.stderr
    )


def test_the_written_plan_passes_validate_in_the_installed_hplan(
    folder: Path, script: Script
) -> None:
    document = documents.pdf(folder / "handlingsplan.pdf", Layout(split_at=8, cut_row=7))
    done = script("import", str(document), cwd=folder, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (folder / "plan2025.yaml").is_file()
    checked = script("validate", "plan2025.yaml", cwd=folder)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "19" in checked.stdout


@pytest.mark.parametrize("asked", [("--dry-run",), ("-o", "-")])
def test_dry_run_prints_the_plan_and_writes_nothing(
    run: Run, folder: Path, monkeypatch: pytest.MonkeyPatch, asked: tuple[str, ...]
) -> None:
    """`-o -` is standard output, as everywhere else: never a file named "-" (issue 34, 12)."""
    monkeypatch.chdir(folder)
    document = documents.word(folder / "handlingsplan.docx")
    result = run("import", str(document), *asked)
    assert result.code == 0
    assert "title: Hälsingerådets handlingsplan 2025\n" in result.stdout
    assert "would write plan2025.yaml" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["handlingsplan.docx"]


def test_an_existing_file_is_never_overwritten_without_force(run: Run, folder: Path) -> None:
    document = documents.word(folder / "handlingsplan.docx")
    target = folder / "plan2025.yaml"
    target.write_text("mitt utkast\n", encoding="utf-8")
    refused = run("import", str(document), "-o", str(target))
    assert refused.code == 7
    assert "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "mitt utkast\n"
    assert run("import", str(document), "-o", str(target), "--force").code == 0
    assert read_plan(target).year == 2025


def test_a_deadline_it_cannot_read_is_kept_as_written_and_marked(run: Run, folder: Path) -> None:
    rows = [list(r) for r in seed2025.ROWS]
    rows[4][3] = "Efter sommaren"
    rows[5][1] = "4.2.1, 4.3"  # a goal no heading declares
    document = documents.word(folder / "doc.docx", Layout(rows=rows))
    target = folder / "plan.yaml"
    result = run("import", str(document), "-o", str(target))
    assert result.code == 0, result.stdout + result.stderr
    text = target.read_text(encoding="utf-8")
    assert "\n    deadline: Efter sommaren\n" in text  # never guessed
    assert "# GRANSKA: slutdatumet 'Efter sommaren'" in text
    assert "no heading in the document declares goal 4.3" in (result.stdout + result.stderr)
    assert "hplan validate fails on this plan" in (result.stdout + result.stderr)
    checked = run("validate", str(target))
    assert checked.code == 3
    assert "plan.yaml:127:" in checked.stderr and "Efter sommaren" in checked.stderr
    assert "1 error" in checked.stderr


def test_an_english_document_makes_an_english_plan(tmp_path: Path) -> None:
    layout = Layout(header=["Activity", "Goals", "Owner", "Deadline", "Status"],
                    title="Hälsingerådet action plan 2025")  # fmt: skip
    result = import_document(documents.word(tmp_path / "plan.docx", layout), dry_run=True)
    assert (result.draft.plan.language, result.draft.plan.organisation) == ("en", "Hälsingerådet")
    assert "# REVIEW: read as a role" in result.text


@pytest.mark.parametrize("kind", ["device", "fifo", "socket", "folder"])
def test_force_never_replaces_a_device_a_pipe_a_socket_or_a_folder(
    run: Run, folder: Path, kind: str
) -> None:
    import os
    import socket
    import stat

    document = documents.word(folder / "handlingsplan.docx")
    target = folder / "plan2025.yaml"
    if kind == "device":
        try:  # a null device of the test's own: broken, the guard would make it a file
            os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs root")
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "socket":
        listening = socket.socket(socket.AF_UNIX)
        listening.bind(str(target))
    else:
        target.mkdir()
    before = target.lstat().st_mode
    refused = run("import", str(document), "-o", str(target), "--force")
    assert refused.code in (2, 7) and "Traceback" not in refused.stderr, refused.stderr
    assert stat.S_IFMT(target.lstat().st_mode) == stat.S_IFMT(before)


@pytest.mark.parametrize("make", [documents.word, documents.pdf])
def test_a_chapter_about_goals_is_no_goal_and_its_numbered_headings_are(
    folder: Path, make: Any
) -> None:
    """Issue 33: "4 Mål och inriktning" became goal 4 titled "Och inriktning". A chapter
    about goals holds goals: its numbered headings are goals (4.1 without the word Mål),
    and it is none itself."""
    goals = [
        ("heading", "4 Mål och inriktning"),
        ("text", "Hälsingerådet har två mål för samarbetet."),
        ("heading", "4.1 Effektiv samverkan"),
        ("text", "Fokus för målet om effektiv samverkan handlar om intern samverkan."),
        ("heading", "4.2 Mål HÅLLBAR TILLVÄXT"),
        *[g for g in seed2025.GOALS if g[1].startswith(("4.2.", "Delmål 4.2."))],
        *seed2025.AFTER_GOALS,
    ]
    imported = import_document(make(folder / "kapitel.x", Layout(goals=goals)), dry_run=True)
    found = {g.id: g for g in imported.draft.plan.goals}
    assert "4" not in found
    assert found["4.1"].title == "Effektiv samverkan"
    assert found["4.1"].text.startswith("Fokus för målet")
    assert found["4.2"].title == "Hållbar tillväxt" and "4.2.1" in found
    assert not any("inriktning" in g.title.casefold() for g in found.values())
