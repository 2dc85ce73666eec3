"""Every command and option through typer's CliRunner, on a temporary copy of the real plan."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from hplan import __version__
from hplan.cli import app

from ..conftest import Result

Run = Callable[..., Result]
COMMANDS = ["list", "show", "overdue", "upcoming", "goals", "owners", "status", "validate"]


def ids_of(result: Result) -> list[str]:
    assert result.code == 0, result
    return [a["id"] for a in json.loads(result.stdout)]


# --- list -----------------------------------------------------------------------------------


def test_list_prints_every_activity_as_plain_text_when_piped(run: Run) -> None:
    result = run("list", "--as-of", "2025-07-01")
    assert result.code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "ID",
        "Activity",
        "Goals",
        "Owners",
        "Deadline",
        "Due",
        "Status",
        "Late",
    ]
    assert len(lines) == 20
    assert lines[5].startswith("5   Planera och genomföra Hälsingegårdarnas dag")
    assert lines[5].split()[-7:] == ["25", "May", "2025", "not", "started", "37", "d"]
    assert "\x1b[" not in result.stdout


def test_list_owner_accepts_part_of_a_name_in_any_case(run: Run) -> None:
    full = ids_of(run("list", "--owner", "Linda Beigler", "-f", "json"))
    assert ids_of(run("list", "--owner", "linda", "-f", "json")) == full
    assert ids_of(run("list", "--owner", "BEIGLER", "-f", "json")) == full
    assert len(full) == 14


def test_list_unknown_owner_suggests_the_closest(run: Run) -> None:
    result = run("list", "--owner", "Karin Flordahl")
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(
        "hplan: --owner: unknown owner 'Karin Flordahl' (did you mean 'Karin Flordal'?)"
    )
    assert "Traceback" not in result.stderr


def test_list_goal_includes_sub_goals_and_rejects_unknown_goals(run: Run) -> None:
    assert len(ids_of(run("list", "--goal", "4.2", "-f", "json"))) == 19
    assert ids_of(run("list", "-g", "4.2.2", "-f", "json")) == ["1", "8", "9", "10", "14", "15"]
    assert ids_of(run("list", "--goal", "4.1", "-f", "json")) == []
    result = run("list", "--goal", "4.4")
    assert result.code == 2 and "unknown goal '4.4'" in result.stderr


def test_list_status_is_repeatable_and_takes_swedish_words(run: Run) -> None:
    assert run("status", "5", "pågår", "--as-of", "2025-05-01").code == 0
    assert run("status", "6", "blockerad", "--as-of", "2025-05-01").code == 0
    assert ids_of(run("list", "--status", "in-progress", "-f", "json")) == ["5"]
    assert ids_of(run("list", "-s", "pågår", "-s", "blocked", "-f", "json")) == ["5", "6"]
    bad = run("list", "--status", "halvklar")
    assert bad.code == 2 and "unknown status 'halvklar'" in bad.stderr


def test_list_due_window_ongoing_search_and_sort(run: Run) -> None:
    assert ids_of(run("list", "--due-before", "1 juli", "--sort", "due", "-f", "json")) == [
        "7",
        "5",
        "2",
        "8",
        "17",
    ]
    assert ids_of(run("list", "--due-after", "2025-09-30", "-f", "json")) == ["9", "10", "19"]
    assert len(ids_of(run("list", "--ongoing", "-f", "json"))) == 10
    assert len(ids_of(run("list", "--no-ongoing", "-f", "json"))) == 9
    assert ids_of(run("list", "--search", "mässan", "-f", "json")) == ["6", "7"]
    assert ids_of(run("list", "--search", "MASSAN", "-f", "json")) == ["6", "7"]
    assert ids_of(run("list", "--overdue", "--as-of", "2025-06-01", "-f", "json")) == ["5", "7"]
    assert ids_of(run("list", "--sort", "status", "-f", "json"))[0] == "1"
    bad = run("list", "--due-before", "snart")
    assert bad.code == 2 and "--due-before" in bad.stderr


def test_list_json_is_the_documented_scripting_interface(run: Run) -> None:
    records = json.loads(run("list", "--as-of", "2025-11-01", "-f", "json").stdout)
    nine = next(r for r in records if r["id"] == "9")
    assert nine == {
        "id": "9",
        "title": "Kartlägga och välja ut de evenemang, mässor och liknande som Hälsingerådet "
        "ska samordna ett gemensamt deltagande i.",
        "goals": ["4.2.1", "4.2.2"],
        "owners": ["Karin Flordal", "Linda Beigler"],
        "with": ["Näringslivschefer"],
        "deadline": "Senast oktober 2025",
        "start": None,
        "due": "2025-10-31",
        "ongoing": False,
        "status": "not-started",
        "status_date": None,
        "overdue": True,
        "days_overdue": 1,
        "notes": [],
        "assessments": [],
    }
    six = next(r for r in records if r["id"] == "6")
    assert (six["start"], six["due"]) == ("2025-09-25", "2025-09-27")


def test_list_csv_and_markdown(run: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(run("list", "-f", "csv").stdout)))
    assert len(rows) == 19
    assert rows[0]["owners"] == "Sammankallande kommunikationschef; Linda Beigler; Karin Flordal"
    assert rows[0]["overdue"] in ("true", "false")
    markdown = run("list", "-f", "markdown").stdout.splitlines()
    assert markdown[0] == "| ID | Activity | Goals | Owners | Deadline | Due | Status | Late |"
    assert markdown[1] == "|---|---|---|---|---|---|---|---|"
    assert len(markdown) == 21
    assert all(line.count(" | ") == 7 for line in markdown[2:])


def test_list_with_nothing_to_show_says_so(run: Run) -> None:
    result = run("list", "--status", "done")
    assert (result.code, result.stdout) == (0, "No activities match.\n")
    assert run("list", "--status", "done", "-f", "json").stdout == "[]\n"


# --- show -----------------------------------------------------------------------------------


def test_show_tells_everything_about_one_activity(run: Run) -> None:
    run("status", "9", "pågår", "--note", "Första mötet hållet", "--as-of", "2025-09-01")
    result = run("show", "9", "--as-of", "2025-11-03")
    assert result.code == 0
    assert result.stdout == (
        "Activity:    9  Kartlägga och välja ut de evenemang, mässor och liknande som "
        "Hälsingerådet ska samordna ett gemensamt deltagande i.\n"
        "Goals:       4.2.1 Varumärket Hälsingland; 4.2.2 Att bidra till ökad "
        "kompetensförsörjning\n"
        "Owners:      Karin Flordal, Linda Beigler\n"
        "With:        Näringslivschefer\n"
        "Deadline:    Senast oktober 2025  (31 October 2025)\n"
        "Status:      in progress\n"
        "Status date: 1 September 2025\n"
        "Late:        3 days\n"
        "Note:        1 September 2025  Första mötet hållet\n"
    )
    record = json.loads(run("show", "6", "-f", "json").stdout)[0]
    assert record["goal_titles"] == {"4.2.1": "Varumärket Hälsingland"}
    assert run("show", "1").stdout.splitlines()[3] == (
        "Deadline:    Löpande  (ongoing, never overdue)"
    )


def test_show_unknown_id(run: Run) -> None:
    result = run("show", "42")
    assert result.code == 4
    assert (
        result.stderr == "hplan: no activity has id '42' (ids in this plan: 1–19); see "
        "`hplan list`\n"
    )


# --- overdue and upcoming -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2025-05-18", []),
        ("2025-05-19", ["7"]),
        ("1 juli 2025", ["7", "5", "2", "8", "17"]),
        ("2026-01-01", ["7", "5", "2", "8", "17", "6", "9", "10", "19"]),
    ],
)
def test_overdue_as_of(run: Run, as_of: str, expected: list[str]) -> None:
    assert ids_of(run("overdue", "--as-of", as_of, "-f", "json")) == expected


def test_overdue_with_nothing_late_says_so_and_exits_0(run: Run) -> None:
    result = run("overdue", "--as-of", "2025-05-01", "--exit-code")
    assert (result.code, result.stdout) == (0, "Nothing is overdue as of 1 May 2025.\n")


def test_overdue_exit_code_for_scripts(run: Run) -> None:
    assert run("overdue", "--as-of", "2025-07-01").code == 0
    assert run("overdue", "--as-of", "2025-07-01", "--exit-code").code == 1


def test_overdue_shows_days_late(run: Run) -> None:
    lines = run("overdue", "--as-of", "2025-07-01").stdout.splitlines()
    assert lines[1].startswith("7 ") and lines[1].endswith("44 d")
    assert lines[-1].startswith("17 ") and lines[-1].endswith("1 d")


def test_overdue_by_owner_lists_shared_activities_under_each(run: Run) -> None:
    groups = json.loads(
        run("overdue", "--by", "owner", "--as-of", "2025-11-01", "-f", "json").stdout
    )
    assert [(g["key"], [a["id"] for a in g["activities"]]) for g in groups] == [
        ("Linda Beigler", ["7", "5", "2", "8", "6", "9"]),
        ("Karin Flordal", ["17", "9"]),
        ("Näringslivschefer", ["9"]),
    ]
    text = run("overdue", "--by", "owner", "--as-of", "2025-11-01").stdout
    assert text.startswith("Linda Beigler — 6\nID ")
    assert "\nNäringslivschefer (role) — 1\n" in text


def test_overdue_by_goal_and_filters(run: Run) -> None:
    groups = json.loads(
        run("overdue", "--by", "goal", "--as-of", "2025-11-01", "-f", "json").stdout
    )
    assert [g["key"] for g in groups] == ["4.2.1", "4.2.2", "4.2.3"]
    text = run("overdue", "--by", "goal", "--as-of", "2025-11-01").stdout
    assert text.startswith("4.2.1 Varumärket Hälsingland — 6\n")
    assert ids_of(run("overdue", "--owner", "karin", "--as-of", "2025-11-01", "-f", "json")) == [
        "17",
        "9",
    ]
    assert ids_of(run("overdue", "--goal", "4.2.2", "--as-of", "2025-11-01", "-f", "json")) == [
        "8",
        "9",
    ]
    rows = list(
        csv.DictReader(
            io.StringIO(run("overdue", "--by", "goal", "--as-of", "2025-11-01", "-f", "csv").stdout)
        )
    )
    assert [r["group"] for r in rows].count("4.2.1") == 6


def test_upcoming(run: Run) -> None:
    assert ids_of(run("upcoming", "--as-of", "2025-05-01", "-f", "json")) == ["7", "5"]
    assert ids_of(run("upcoming", "--as-of", "2025-09-01", "--within", "121", "-f", "json")) == [
        "6",
        "9",
        "10",
        "19",
    ]
    assert ids_of(
        run(
            "upcoming", "--as-of", "2025-09-01", "--within", "121", "--owner", "karin", "-f", "json"
        )
    ) == ["9", "19"]
    empty = run("upcoming", "--as-of", "2025-01-01", "--within", "7")
    assert empty.stdout == "Nothing is due in the next 7 days (from 1 January 2025).\n"
    assert run("upcoming", "--within", "-3").code == 2


# --- goals and owners -----------------------------------------------------------------------


def test_goals_shows_the_tree_rolled_up_and_goals_without_activity(run: Run) -> None:
    result = run("goals", "--as-of", "2025-07-01")
    assert result.code == 0
    assert result.stdout.splitlines() == [
        "Goal     Title                                     Activities   By status       Overdue",
        "4.1      Effektiv samverkan                        no activity",
        "  4.1.1  Nya samarbeten i intern verksamhet        no activity",
        "4.2      Hållbar tillväxt                          19           19 not started  5",
        "  4.2.1  Varumärket Hälsingland                    14           14 not started  4",
        "  4.2.2  Att bidra till ökad kompetensförsörjning  6            6 not started   1",
        "  4.2.3  Regionalt och nationellt påverkansarbete  7            7 not started   1",
    ]
    records = json.loads(run("goals", "-f", "json", "--as-of", "2025-07-01").stdout)
    assert records[3] == {
        "id": "4.2.1",
        "title": "Varumärket Hälsingland",
        "parent": "4.2",
        "depth": 1,
        "activities": 14,
        "direct_activities": 14,
        "by_status": {"not-started": 14, "in-progress": 0, "done": 0, "blocked": 0, "cancelled": 0},
        "overdue": 4,
    }


def test_owners_counts(run: Run) -> None:
    run("status", "5", "done", "--as-of", "2025-05-25")
    result = run("owners", "--as-of", "2025-07-01")
    assert result.stdout.splitlines() == [
        "Owner                              Kind    Activities  Open  Overdue  Done",
        "Linda Beigler                      person  14          13    3        1",
        "Karin Flordal                      person  10          10    1        0",
        "Sammankallande kommunikationschef  role    1           1     0        0",
        "Näringslivschefer                  role    1           1     0        0",
    ]
    records = json.loads(run("owners", "-f", "json").stdout)
    assert records[0]["name"] == "Linda Beigler" and records[0]["done"] == 1


# --- status ---------------------------------------------------------------------------------


def test_status_reports_the_change(run: Run, plan_file: Path) -> None:
    result = run("status", "5", "genomförd", "--as-of", "2025-05-26")
    title = "Planera och genomföra Hälsingegårdarnas dag"
    assert result.stdout == f"5: not started → done — {title} ({plan_file})\n"
    again = run("status", "5", "done")
    assert again.stdout == "5: already done; nothing changed\n"
    note = run("status", "5", "done", "-n", "Efterarbete klart", "--as-of", "2025-06-01")
    assert note.stdout == f"5: note added (done) — {title} ({plan_file})\n"
    text = plan_file.read_text(encoding="utf-8")
    assert "    status: done\n    status_date: 2025-05-26\n    notes:\n" in text
    assert "      - date: 2025-06-01\n        text: Efterarbete klart\n" in text


# --- validate -------------------------------------------------------------------------------


def test_validate_a_valid_plan(run: Run, plan_file: Path) -> None:
    result = run("validate", str(plan_file), plan=None)
    assert result.code == 0
    assert result.stdout == f"{plan_file}: valid — 6 goals, 4 owners, 19 activities\n"


def test_validate_reports_every_error_located(run: Run, plan_file: Path, tmp_path: Path) -> None:
    text = plan_file.read_text(encoding="utf-8")
    broken = tmp_path / "plan2026.yaml"
    broken.write_text(
        text.replace("deadline: 25 maj", "deadline: 25 majj").replace(
            "      - Karin Flordal\n    deadline: Löpande\n    status: not-started\n\n  - id: 14",
            "      - Karin Flordahl\n    deadline: Löpande\n    status: pågått\n\n  - id: 14",
        ),
        encoding="utf-8",
    )
    result = run("validate", str(plan_file), str(broken), plan=None)
    assert result.code == 3
    assert result.stdout == f"{plan_file}: valid — 6 goals, 4 owners, 19 activities\n"
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{broken}:142:15: activity 5: cannot read the deadline '25 majj'")
    assert lines[1] == (
        f"{broken}:224:9: activity 13: unknown owner 'Karin Flordahl' (did you "
        "mean 'Karin Flordal'?); owners are declared under 'owners:'"
    )
    assert lines[2].startswith(f"{broken}:226:13: activity 13: unknown status 'pågått'")
    assert lines[3] == f"hplan: {broken}: 3 errors; fix them and run `hplan validate`."


def test_every_command_refuses_an_invalid_plan_with_its_errors(run: Run, plan_file: Path) -> None:
    plan_file.write_text(
        plan_file.read_text(encoding="utf-8").replace("year: 2025", "year: x"), encoding="utf-8"
    )
    for args in (
        ["list"],
        ["show", "1"],
        ["overdue"],
        ["upcoming"],
        ["goals"],
        ["owners"],
        ["status", "1", "done"],
        ["validate"],
    ):
        result = run(*args)
        assert result.code == 3, args
        assert f"{plan_file}:17:7: plan: year:" in result.stderr
        assert result.stdout == ""


# --- finding the plan, version, help, errors ------------------------------------------------


def test_the_plan_comes_from_hplan_plan_or_the_current_folder(
    run: Run,
    plan_file: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)
    missing = run("overdue", plan=None)
    assert missing.code == 4
    assert "no plan<YEAR>.yaml in" in missing.stderr
    assert "give --plan PATH, set HPLAN_PLAN" in missing.stderr
    assert run("overdue", plan=None, env={"HPLAN_PLAN": str(plan_file)}).code == 0
    monkeypatch.chdir(plan_file.parent)
    assert len(ids_of(run("list", "-f", "json", plan=None))) == 19
    below = plan_file.parent / "rapporter" / "2025"
    below.mkdir(parents=True)
    monkeypatch.chdir(below)  # as git does: the nearest folder above with a plan
    assert len(ids_of(run("list", "-f", "json", plan=None))) == 19


def test_version() -> None:
    from typer.testing import CliRunner

    from hplan.origin import built_from

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith(f"hplan {__version__} (commit ")
    commit = built_from()  # the commit this editable install was built from (setup.py)
    assert commit and result.stdout.endswith(f"(commit {commit})\n")
    assert __version__ != "0+unknown"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(command: str) -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"hplan {command}" in result.stdout.split("Examples:")[1]


def test_no_arguments_shows_help() -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, [], prog_name="hplan")
    assert "Usage: hplan [OPTIONS] COMMAND" in result.stdout + result.stderr
    for command in COMMANDS:
        assert command in result.stdout + result.stderr


def test_usage_errors_exit_2(run: Run) -> None:
    result = run("list", "--format", "yaml")
    assert result.code == 2
    assert "--format: 'yaml' is not one of table, json, csv, markdown" in result.stderr
    assert run("frobnicate").code == 2


def test_unexpected_errors_never_show_a_traceback_unless_debug(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("hplan.queries.filters.goal_summaries", boom)
    result = run("goals")
    assert result.code == 1
    assert result.stderr.startswith("hplan: unexpected error: RuntimeError('boom'). This is a bug")
    assert "Traceback" not in result.stderr
    with pytest.raises(RuntimeError, match="boom"):
        run("goals", env={"HPLAN_DEBUG": "1"})


def test_nfc_input_finds_text_in_an_nfd_plan(run: Run, plan_file: Path) -> None:
    import unicodedata

    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    assert len(ids_of(run("list", "--owner", "Linda Beigler", "-f", "json"))) == 14
    assert ids_of(run("list", "--owner", "Näringslivschefer", "-f", "json")) == ["9"]
    assert ids_of(run("list", "--search", "Vävmässan", "-f", "json")) == ["6"]
    assert run("status", "6", "klar", "--note", "Vävmässan klar").code == 0
    assert unicodedata.is_normalized("NFD", plan_file.read_text(encoding="utf-8"))


def test_a_bom_and_crlf_plan_works_end_to_end(run: Run, plan_file: Path) -> None:
    text = plan_file.read_text(encoding="utf-8").replace("\n", "\r\n")
    plan_file.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert len(ids_of(run("list", "--owner", "linda", "-f", "json"))) == 14
    assert run("status", "6", "done").code == 0
    raw = plan_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\n") == raw.count(b"\r\n")


def test_repeated_owners_and_goals_mean_any_of_them(run: Run) -> None:
    linda = set(ids_of(run("list", "--owner", "linda", "-f", "json")))
    karin = set(ids_of(run("list", "--owner", "karin", "-f", "json")))
    both = set(ids_of(run("list", "--owner", "linda", "--owner", "karin", "-f", "json")))
    assert both == linda | karin and both != karin
    goals = set(ids_of(run("list", "--goal", "4.2.2", "--goal", "4.2.3", "-f", "json")))
    assert goals == set(ids_of(run("list", "--goal", "4.2.2", "-f", "json"))) | set(
        ids_of(run("list", "--goal", "4.2.3", "-f", "json"))
    )


@pytest.mark.parametrize("name", ["r.docx", "rapport.txt", "r.odt"])
def test_a_report_format_hplan_cannot_make_is_refused(run: Run, plan_file: Path, name: str) -> None:
    target = plan_file.parent / name
    result = run("report", "-o", str(target), "--as-of", "2025-07-01")
    assert result.code == 2 and "Markdown (.md), HTML (.html) or PDF (.pdf)" in result.stderr
    assert not target.exists()


def test_show_refuses_a_format_it_cannot_make(run: Run) -> None:
    result = run("show", "5", "--format", "csv")
    assert result.code == 2 and result.stdout == ""


def test_help_shows_each_commands_description_whole() -> None:
    from typer.testing import CliRunner

    shown = " ".join(CliRunner().invoke(app, ["--help"]).stdout.split())
    assert "Activities past their due date and not done or cancelled, most days late first." in (
        shown
    )
    assert "..." not in shown.split("Commands:")[1]


def test_adding_an_activity_already_late_says_so(run: Run, plan_file: Path) -> None:
    result = run(
        "add", "Ny", "--goal", "4.2.1", "--owner", "linda", "--deadline", "15 mars",
        "--as-of", "2025-07-01",
    )  # fmt: skip
    assert result.code == 0
    assert "20 was due on 15 March 2025 already; it is 108 days late" in result.stderr


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("status", "Usage: hplan status [OPTIONS] ID... STATUS"),
        ("note", "Usage: hplan note [OPTIONS] ID... TEXT"),
        ("history", "Usage: hplan history [OPTIONS] ID"),
        ("validate", "Usage: hplan validate [OPTIONS] [PATH]..."),
    ],
)
def test_usage_lines_name_arguments_as_people_write_them(command: str, usage: str) -> None:
    from typer.testing import CliRunner

    runner = CliRunner()
    shown = runner.invoke(app, [command, "--help"], prog_name="hplan")
    assert shown.stdout.splitlines()[0] == usage
    if command == "validate":
        return  # its paths are optional: nothing to leave out
    missing = runner.invoke(app, [command], prog_name="hplan")
    assert missing.exit_code == 2
    assert usage in missing.output
