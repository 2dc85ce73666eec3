"""Loading: the real plan's content, the YAML traps, and located errors for broken plans."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from hplan.errors import PlanInvalid, PlanNotFound
from hplan.plan.model import OwnerKind
from hplan.plan.statuses import Status
from hplan.store.reading import read_plan
from hplan.store.source import MAX_PLAN_BYTES, find_plan, read_source

from ..conftest import REAL_PLAN

# Every test here runs with both YAML parsers: their results must be identical.
pytestmark = pytest.mark.usefixtures("yaml_parser")

MINIMAL = """\
title: Testplan
organisation: Testrådet
year: 2025
goals:
  - id: 4.1
    title: Mål
  - id: 4.10
    title: Tionde målet
owners:
  - name: Linda Beigler
activities:
  - id: 1
    title: Göra något
    goals:
      - 4.10
    owners:
      - Linda Beigler
    deadline: 25 maj
    status: {status}
"""


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[tuple[int, str]]:
    with pytest.raises(PlanInvalid) as caught:
        read_plan(path)
    return [(p.line, str(p.message)) for p in caught.value.problems]


# --- the real plan --------------------------------------------------------------------------


def test_real_plan_holds_the_whole_document() -> None:
    plan = read_plan(REAL_PLAN)
    assert plan.title == "Hälsingerådets handlingsplan 2025"
    assert (plan.organisation, plan.year, plan.language) == ("Hälsingerådet", 2025, "sv")
    assert [g.id for g in plan.goals] == ["4.1", "4.1.1", "4.2", "4.2.1", "4.2.2", "4.2.3"]
    assert plan.goal("4.1") is not None and plan.goal("4.1").title == "Effektiv samverkan"
    assert plan.goal("4.1.1").title == "Nya samarbeten i intern verksamhet"  # type: ignore[union-attr]
    assert "kommuncheferna som samordnar" in plan.goal("4.1").text  # type: ignore[union-attr]
    assert [a.id for a in plan.activities] == [str(i) for i in range(1, 20)]
    assert all(a.status is Status.NOT_STARTED for a in plan.activities)
    assert all(a.status_date is None and not a.notes for a in plan.activities)


def test_real_plan_owners_and_roles() -> None:
    plan = read_plan(REAL_PLAN)
    kinds = {o.name: o.kind for o in plan.owners}
    assert kinds == {
        "Linda Beigler": OwnerKind.PERSON,
        "Karin Flordal": OwnerKind.PERSON,
        "Sammankallande kommunikationschef": OwnerKind.ROLE,
        "Näringslivschefer": OwnerKind.ROLE,
    }
    first = plan.activity("1")
    assert first is not None
    assert first.owners == ["Sammankallande kommunikationschef", "Linda Beigler", "Karin Flordal"]
    nine = plan.activity("9")
    assert nine is not None
    assert nine.owners == ["Karin Flordal", "Linda Beigler"]
    assert nine.with_ == ["Näringslivschefer"]


def test_real_plan_titles_join_broken_lines_and_undo_only_line_break_hyphens() -> None:
    plan = read_plan(REAL_PLAN)
    titles = {a.id: a.title for a in plan.activities}
    assert titles["1"] == "Delta i kommunikationschefernas nätverk med regelbundenhet"
    assert titles["2"].startswith("Varumärkes-skydda varumärket")  # a hyphen as written
    assert titles["8"].endswith("halsingland.se/Inflyttarportalen")
    assert titles["11"] == (
        "Samordna kommunikation och marknadsföringsaktiviteter för www.halsingland.se"
    )
    assert titles["16"] == (
        "Arbeta för att öka synligheten och kunskapen om Utvecklingskontoret och Hälsingerådet"
        " i kommunorganisationerna och interaktionen dem emellan."
    )


def test_real_plan_deadlines_are_kept_as_written_and_read_with_the_year() -> None:
    plan = read_plan(REAL_PLAN)
    deadlines = {a.id: (a.deadline.text, a.deadline.due) for a in plan.activities}
    assert deadlines["2"] == ("Första halvåret 2025", date(2025, 6, 30))
    assert deadlines["5"] == ("25 maj", date(2025, 5, 25))
    assert deadlines["6"] == ("25–27 september", date(2025, 9, 27))
    assert deadlines["7"] == ("17–18 maj", date(2025, 5, 18))
    assert deadlines["8"] == ("Juni", date(2025, 6, 30))
    assert deadlines["9"] == ("Senast oktober 2025", date(2025, 10, 31))
    assert deadlines["10"] == ("December", date(2025, 12, 31))
    assert deadlines["19"] == ("2025", date(2025, 12, 31))
    ongoing = [a.id for a in plan.activities if a.deadline.ongoing]
    assert ongoing == ["1", "3", "4", "11", "12", "13", "14", "15", "16", "18"]


def test_repeated_goal_ids_are_kept_once_with_a_comment() -> None:
    text = REAL_PLAN.read_text(encoding="utf-8")
    assert text.count('lists goal 4.2.1 twice here ("4.2.1, 4.2.1"); kept once') == 2
    plan = read_plan(REAL_PLAN)
    assert plan.activity("11").goals == ["4.2.1"]  # type: ignore[union-attr]
    assert plan.activity("12").goals == ["4.2.1"]  # type: ignore[union-attr]


# --- YAML traps -----------------------------------------------------------------------------


def test_goal_id_4_10_stays_text(tmp_path: Path) -> None:
    plan = read_plan(write(tmp_path, MINIMAL.format(status="not-started")))
    assert [g.id for g in plan.goals] == ["4.1", "4.10"]
    assert plan.activities[0].goals == ["4.10"]


@pytest.mark.parametrize("word", ["no", "yes", "off", "on", "true", "False", "~", "0", "1.5"])
def test_yaml_11_words_are_not_statuses(tmp_path: Path, word: str) -> None:
    found = problems(write(tmp_path, MINIMAL.format(status=word)))
    assert len(found) == 1
    line, message = found[0]
    assert line == 19
    assert "activity 1" in message
    assert "status" in message


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("ej påbörjad", Status.NOT_STARTED),
        ("Pågår", Status.IN_PROGRESS),
        ("påbörjad", Status.IN_PROGRESS),
        ("genomförd", Status.DONE),
        ("klar", Status.DONE),
        ("blockerad", Status.BLOCKED),
        ("avbruten", Status.CANCELLED),
        ("inställd", Status.CANCELLED),
        ("in progress", Status.IN_PROGRESS),
        ('"done"', Status.DONE),
    ],
)
def test_swedish_status_words_are_accepted(tmp_path: Path, word: str, status: Status) -> None:
    plan = read_plan(write(tmp_path, MINIMAL.format(status=word)))
    assert plan.activities[0].status is status


def test_dates_stay_as_written(tmp_path: Path) -> None:
    text = MINIMAL.format(status="done").replace("deadline: 25 maj", "deadline: 2025-05-25")
    text += "    status_date: 2025-05-26\n"
    plan = read_plan(write(tmp_path, text))
    assert plan.activities[0].deadline.text == "2025-05-25"
    assert plan.activities[0].status_date == date(2025, 5, 26)


def test_duplicate_mapping_key_names_both_lines(tmp_path: Path) -> None:
    text = MINIMAL.format(status="done") + "    status: not-started\n"
    assert problems(write(tmp_path, text)) == [
        (20, "duplicate key 'status' (first at line 19); keep one")
    ]


def test_all_errors_are_reported_in_line_order(tmp_path: Path) -> None:
    text = (
        MINIMAL.format(status="nej")
        .replace("title: Göra något", "title: Göra något\n    colour: blue")
        .replace("deadline: 25 maj", "deadline: snart")
        .replace("      - Linda Beigler\n    deadline", "      - Linda Beiglr\n    deadline")
        .replace("      - 4.10\n", "      - 4.11\n")
    )
    found = problems(write(tmp_path, text))
    lines = [line for line, _ in found]
    assert lines == sorted(lines)
    messages = " | ".join(m for _, m in found)
    assert len(found) == 5, messages
    assert "unknown key 'colour'" in messages
    assert "unknown goal 4.11 (did you mean '4.1' or '4.10'?)" in messages
    assert "unknown owner 'Linda Beiglr' (did you mean 'Linda Beigler'?)" in messages
    assert "cannot read the deadline 'snart'" in messages
    assert "unknown status 'nej'" in messages


def test_missing_required_keys_are_named(tmp_path: Path) -> None:
    text = MINIMAL.format(status="done").replace("    deadline: 25 maj\n", "")
    assert problems(write(tmp_path, text)) == [(12, "activity 1: missing required key 'deadline'")]


def test_duplicate_ids_and_orphan_sub_goals(tmp_path: Path) -> None:
    text = MINIMAL.format(status="done").replace("  - id: 4.10\n", "  - id: 4.1\n")
    text = text.replace("      - 4.10\n", "      - 4.1\n")
    text += "  - id: 1\n    title: x\n    goals: [4.1]\n    owners: [Linda Beigler]\n"
    text += "    deadline: Juni\n    status: done\n"
    text = text.replace(
        "owners:\n  - name", "  - id: 5.3.1\n    title: Föräldralös\nowners:\n  - name"
    )
    messages = [m for _, m in problems(write(tmp_path, text))]
    assert "duplicate goal id 4.1 (first at line 5)" in messages
    assert "sub-goal 5.3.1 has no parent goal 5.3; declare goal 5.3 first" in messages
    assert "duplicate activity id 1 (first at line 14); ids must be unique" in messages


def test_wrong_types_are_located(tmp_path: Path) -> None:
    text = MINIMAL.format(status="done").replace("year: 2025", "year: tjugotjugofem")
    text = text.replace("    goals:\n      - 4.10\n", "    goals: 4.10\n")
    found = problems(write(tmp_path, text))
    assert found[0][0] == 3 and "year" in found[0][1]
    assert found[1][0] == 14 and "goals" in found[1][1]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("", 1, "the file is empty"),
        ("# only a comment\n", 1, "the file is empty"),
        ("- a\n- b\n", 1, "not a list"),
        ("just words\n", 1, "not a single value"),
        ("title: [unclosed\n", 2, "YAML syntax error"),
        ('title: "unclosed\n', 2, "YAML syntax error"),
        ("title: x\n\tyear: 2025\n", 2, "indent with spaces, not tabs"),
        (
            "title: x\n<<<<<<< HEAD\nyear: 1\n=======\nyear: 2\n>>>>>>> main\n",
            2,
            "unresolved merge conflict",
        ),
        ("title: !!python/object/apply:os.system ['echo pwned']\n", 1, "is not allowed"),
        ("a: &x [1]\nb: *x\n", 2, "aliases (*x) are not allowed"),
    ],
)
def test_broken_files_get_a_located_message(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    found = problems(write(tmp_path, text))
    assert any(fragment in message for at, message in found if at == line), found


def test_binary_and_foreign_encodings_are_refused_with_where(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("title: x\norganisation: Hälsingerådet\n".encode("latin-1"))
    assert problems(latin1) == [(2, "not UTF-8 text (byte 0xe4); save the file as UTF-8")]
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_text("title: x\n", encoding="utf-16")
    assert problems(utf16) == [(1, "the file is UTF-16; save it as UTF-8")]
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"title: x\n\x00\x01\x02")
    assert "binary data" in problems(binary)[0][1]


def test_a_plan_over_the_size_bound_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_PLAN_BYTES + 1)
    assert "larger than 20,971,520 bytes, the most hplan reads" in problems(big)[0][1]


def test_a_missing_plan_says_so(tmp_path: Path) -> None:
    with pytest.raises(PlanNotFound, match="no such file"):
        read_plan(tmp_path / "nowhere.yaml")


# --- valid input in other clothes -----------------------------------------------------------


def test_bom_crlf_and_nfd_load_the_same_plan(tmp_path: Path) -> None:
    text = REAL_PLAN.read_text(encoding="utf-8")
    base = read_plan(REAL_PLAN)
    variant = tmp_path / "plan.yaml"
    variant.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert read_plan(variant) == base
    nfd = tmp_path / "nfd.yaml"
    nfd.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    assert read_source(nfd).nfd
    assert len(read_plan(nfd).activities) == len(base.activities)


def test_flow_style_and_quoting_load(tmp_path: Path) -> None:
    text = MINIMAL.format(status="'done'").replace(
        "    goals:\n      - 4.10\n    owners:\n      - Linda Beigler\n",
        '    goals: ["4.10", 4.1]\n    owners: [Linda Beigler]\n',
    )
    plan = read_plan(write(tmp_path, text))
    assert plan.activities[0].goals == ["4.10", "4.1"]
    assert plan.activities[0].status is Status.DONE


# --- finding the plan -----------------------------------------------------------------------


def test_find_plan_takes_the_given_path_else_the_plan_of_the_year(tmp_path: Path) -> None:
    assert find_plan(tmp_path / "x.yaml", tmp_path, 2025) == tmp_path / "x.yaml"
    for name in (
        "plan2025.yaml",
        "plan2026.yaml",
        "plan2024.yaml",
        "plan2025_backup.yaml",
        "plan2026-utkast.yaml",
        "plan2028.yml.bak",
        ".plan2027.yaml.x.hplan-tmp",
        "other.yaml",
    ):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert find_plan(None, tmp_path, 2025) == tmp_path / "plan2025.yaml"
    assert find_plan(None, tmp_path, 2026) == tmp_path / "plan2026.yaml"
    assert find_plan(None, tmp_path, 2031) == tmp_path / "plan2026.yaml"  # the latest earlier
    with pytest.raises(PlanNotFound, match="no plan for 2023 or an earlier year"):
        find_plan(None, tmp_path, 2023)


def test_find_plan_looks_in_the_folders_above_up_to_the_repository(tmp_path: Path) -> None:
    (tmp_path / "plan2025.yaml").write_text("", encoding="utf-8")
    below = tmp_path / "a" / "b"
    below.mkdir(parents=True)
    assert find_plan(None, below, 2025) == tmp_path / "plan2025.yaml"
    (tmp_path / "a" / ".git").mkdir()  # a repository's top: nothing above it is looked at
    with pytest.raises(PlanNotFound, match=r"no plan<YEAR>\.yaml in"):
        find_plan(None, below, 2025)


def test_find_plan_without_any_plan_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    with pytest.raises(PlanNotFound, match=r"no plan<YEAR>\.yaml in") as raised:
        find_plan(None, tmp_path, 2025)
    assert raised.value.searched == "folder"  # the interface says how to name a plan
    assert "--plan" not in str(raised.value)  # in its own terms: an option, a field, ...
