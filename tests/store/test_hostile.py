"""Never lose, never lie (issue 10): refused input writes nothing, writes go to the right file,
and nothing from a plan file acts on a terminal, spreadsheet, browser or calendar.

Each kind of failure is tried in several variants.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from hplan.store import cache

from ..conftest import REPO, Result

Run = Callable[..., Result]
BASE = (REPO / "tests" / "corpus" / "valid-base.yaml").read_text(encoding="utf-8")


def plan_with(tmp_path: Path, text: str, name: str = "plan2025.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def validate(run: Run, path: Path) -> Result:
    return run("validate", str(path), plan=None)


# --- a command that fails has written nothing ----------------------------------------------


@pytest.mark.parametrize("language", ["fi", "de", "SV", "svenska"])
def test_validate_refuses_a_language_hplan_does_not_speak(
    run: Run, tmp_path: Path, language: str
) -> None:
    path = plan_with(tmp_path, BASE.replace("language: sv", f"language: {language}"))
    result = validate(run, path)
    assert result.code == 3
    assert ":4:" in result.stderr and "hplan speaks sv and en" in result.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["note", "1", "Lokalen bokad"],
        ["status", "1", "done", "--note", "Klart"],
        ["add", "Ny", "--goal", "4.2.1", "--owner", "linda", "--deadline", "juni"],
    ],
)
@pytest.mark.parametrize("lang", ["de", "fi"])
def test_an_unknown_output_language_refuses_before_writing(
    run: Run, tmp_path: Path, argv: list[str], lang: str
) -> None:
    path = plan_with(tmp_path, BASE)
    result = run(*argv, "--as-of", "2025-03-01", plan=path, env={"HPLAN_LANG": lang})
    # The language asked for is not one hplan speaks, so it says so in the plan's own.
    assert result.code == 2
    assert f"hplan talar sv och en, inte '{lang}'" in result.stderr
    assert path.read_text(encoding="utf-8") == BASE


# --- the plan that is written is the one a person expects ----------------------------------


@pytest.mark.parametrize(
    "other", ["plan2025_backup.yaml", "plan2025-kopia.yaml", "plan2026-utkast.yaml", "planB.yaml"]
)
def test_a_backup_or_draft_beside_the_plan_is_never_written(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other: str
) -> None:
    plan = plan_with(tmp_path, BASE)
    beside = plan_with(tmp_path, BASE, other)
    monkeypatch.chdir(tmp_path)
    result = run("status", "1", "done", "--as-of", "2026-02-01", plan=None)
    assert result.code == 0, result.stderr
    assert result.stdout.rstrip().endswith("(plan2025.yaml)")  # the write names its file
    assert "status: done" in plan.read_text(encoding="utf-8")
    assert beside.read_text(encoding="utf-8") == BASE


def test_after_rollover_a_write_goes_to_the_plan_of_the_year(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_with(tmp_path, BASE)
    monkeypatch.chdir(tmp_path)
    assert run("rollover", "2026", "-o", "plan2026-utkast.yaml", plan=None).code == 0
    draft = (tmp_path / "plan2026-utkast.yaml").read_bytes()
    assert run("note", "1", "Anteckning", "--as-of", "2026-03-01", plan=None).code == 0
    assert (tmp_path / "plan2026-utkast.yaml").read_bytes() == draft
    assert "Anteckning" in (tmp_path / "plan2025.yaml").read_text(encoding="utf-8")


# --- a plan being saved by another program --------------------------------------------------


def test_a_plan_changed_a_moment_ago_is_read_once_it_is_still(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hplan.store import source

    path = plan_with(tmp_path, BASE)
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        old = time.time() - 10
        os.utime(path, (old, old))  # the other program has finished meanwhile

    monkeypatch.setattr(time, "sleep", sleep)
    source.wait_until_still(path)
    assert slept  # it waited for the fresh file
    slept.clear()
    source.wait_until_still(path)
    assert slept == []  # and not for a still one


# --- exports and new files: whole or not at all, never through a link -----------------------


@pytest.mark.parametrize("argv", [["report", "-o", "r.html"], ["calendar", "-o", "cal.ics"]])
def test_a_full_disk_leaves_the_old_export_whole_and_says_so(
    run: Run, plan_file: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    from hplan.store import atomic

    monkeypatch.chdir(plan_file.parent)
    target = plan_file.parent / argv[-1]
    target.write_text("the old export made by hplan\n", encoding="utf-8")

    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "_fill", full)
    result = run(*argv, "--as-of", "2025-07-01")
    assert result.code == 7
    assert "the disk is full; nothing was written" in result.stderr
    assert "unexpected error" not in result.stderr
    assert target.read_text(encoding="utf-8") == "the old export made by hplan\n"
    assert sorted(p.name for p in plan_file.parent.iterdir()) == sorted(["plan2025.yaml", argv[-1]])


@pytest.mark.parametrize("dangling", [True, False])
def test_rollover_never_creates_a_file_through_a_link(
    run: Run, plan_file: Path, tmp_path_factory: pytest.TempPathFactory, dangling: bool
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "stolen.yaml"
    if not dangling:
        elsewhere.write_text("keep\n", encoding="utf-8")
    (plan_file.parent / "plan2026.yaml").symlink_to(elsewhere)
    result = run("rollover", "2026")
    assert result.code == 7 and "exists already" in result.stderr
    assert elsewhere.exists() is not dangling
    if not dangling:
        assert elsewhere.read_text(encoding="utf-8") == "keep\n"


@pytest.mark.parametrize("argv", [["report", "-o", "r.md"], ["calendar", "-o", "cal.ics"]])
def test_an_export_is_never_written_through_a_link(
    run: Run, plan_file: Path, tmp_path_factory: pytest.TempPathFactory, argv: list[str]
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "target"
    link = plan_file.parent / argv[-1]
    link.symlink_to(elsewhere)
    result = run(argv[0], "-o", str(link), "--as-of", "2025-07-01")
    assert result.code == 7 and "symbolic link" in result.stderr
    assert not elsewhere.exists()


# --- control characters ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Planera\x1b]52;c;ZWNobyBoYWNr\x07 dagen", 0x1B),  # OSC 52: a clipboard write
        ("Planera\x1b[2J dagen", 0x1B),  # a screen clear
        ("Planera\x0b dagen", 0x0B),  # Word's line break
        ("Planera\x7f dagen", 0x7F),
        ("Planera\uffff dagen", 0xFFFF),
    ],
)
def test_a_raw_control_character_is_refused_at_its_own_line_and_column(
    run: Run, tmp_path: Path, written: str, code: int
) -> None:
    path = plan_with(
        tmp_path,
        BASE.replace("title: Planera och genomföra Hälsingegårdarnas dag", f"title: {written}"),
    )
    result = validate(run, path)
    assert result.code == 3
    assert f"{path}:15:19: the control character U+{code:04X} is not allowed" in result.stderr
    assert "\x1b" not in result.stderr + result.stdout


@pytest.mark.parametrize("escaped", ["\\e[2J", "\\r", "\\x07", "\\u000b", "\\u2028"])
def test_an_escaped_control_character_is_refused_too(
    run: Run, tmp_path: Path, escaped: str
) -> None:
    path = plan_with(
        tmp_path,
        BASE.replace(
            "title: Planera och genomföra Hälsingegårdarnas dag", f'title: "Planera{escaped}"'
        ),
    )
    result = validate(run, path)
    assert result.code == 3 and "control character" in result.stderr, result.stderr
    assert ":15:" in result.stderr


@pytest.mark.parametrize("text", ["\x1b]0;hacked\x07", "rad\x0bett", "klart\x1b[8m"])
def test_a_note_with_a_control_character_is_refused_and_nothing_written(
    run: Run, plan_file: Path, text: str
) -> None:
    before = plan_file.read_bytes()
    result = run("note", "5", text)
    assert result.code == 7 and "control character" in result.stderr
    assert "\x1b" not in result.stderr
    assert plan_file.read_bytes() == before


@pytest.mark.parametrize("typed", ["Lokalen bokad \udce4", "\udcc3\udca4"])
def test_a_note_from_a_terminal_in_another_encoding_is_an_error_about_the_note(
    run: Run, plan_file: Path, typed: str
) -> None:
    before = plan_file.read_bytes()
    result = run("note", "5", typed)  # what Python makes of non-UTF-8 bytes in argv
    assert result.code == 7
    assert "the note is not UTF-8 text" in result.stderr and "plan2025.yaml:" not in result.stderr
    assert plan_file.read_bytes() == before


def test_what_the_user_typed_is_shown_escaped_in_errors(run: Run) -> None:
    result = run("list", "--owner", "x\x1b[2Jy")
    assert result.code == 2
    assert "\x1b" not in result.stderr and "\\x1b[2J" in result.stderr


# --- formula, Markdown and calendar injection ------------------------------------------------


@pytest.mark.parametrize("title", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_csv_cells_that_a_spreadsheet_would_run_are_text(
    run: Run, tmp_path: Path, title: str
) -> None:
    path = plan_with(
        tmp_path,
        BASE.replace("title: Planera och genomföra Hälsingegårdarnas dag", f"title: '{title}'"),
    )
    out = run("list", "--format", "csv", "--as-of", "2025-07-01", plan=path).stdout
    cells = [line.split(",", 2)[1] for line in out.splitlines()[1:2]]
    assert cells[0].strip('"').startswith("'" + title[0])


@pytest.mark.parametrize(
    "title",
    ["[klicka](javascript:alert(1))", "![bild](http://example.org/spår.png)", "<img src=x>"],
)
def test_plan_text_is_text_in_the_markdown_report(run: Run, tmp_path: Path, title: str) -> None:
    path = plan_with(
        tmp_path,
        BASE.replace("title: Planera och genomföra Hälsingegårdarnas dag", f"title: '{title}'"),
    )
    report = run("report", "--as-of", "2025-07-01", plan=path).stdout
    assert title not in report
    assert not re.search(r"(?<!\\)\]\(", report)  # no link or image can form
    assert "![" not in report and "<img" not in report


# --- the cache proves what it holds -----------------------------------------------------------


def test_an_entry_copied_from_another_plan_is_never_served(run: Run, tmp_path: Path) -> None:
    first = plan_with(tmp_path, BASE)
    (tmp_path / "other").mkdir()  # its own folder (not `..`: the plan search of other tests
    other = plan_with(  # walks up through the shared temporary folder and would find it)
        tmp_path / "other",
        BASE.replace("title: Korpusplan", "title: Annan").replace(
            "Planera och genomföra Hälsingegårdarnas dag", "En annan plans aktivitet"
        ),
    )
    run("validate", str(first), plan=None)
    run("validate", str(other), plan=None)
    entries = sorted(cache.cache_folder().glob("*.plan"))
    assert len(entries) == 2
    first_entry = next(e for e in entries if b"Korpusplan" in e.read_bytes())
    other_entry = next(e for e in entries if e != first_entry)
    first_entry.write_bytes(other_entry.read_bytes())  # copied over
    shown = run("list", "--format", "json", plan=first).stdout
    assert "Hälsingegårdarnas dag" in shown and "En annan plans aktivitet" not in shown
    assert cache.cached_plan(first.read_bytes()) is None or (
        cache.cached_plan(first.read_bytes()).plan.title == "Korpusplan"  # type: ignore[union-attr]
    )


def test_the_cache_is_trimmed_and_cleans_up_after_killed_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hplan.store.reading import read_plan

    monkeypatch.setattr(cache, "KEEP_ENTRIES", 24)
    folder = cache.cache_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stale = folder / "x.tmp"
    stale.write_bytes(b"left by a killed run")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    for n in range(30):
        read_plan(plan_with(tmp_path, BASE.replace("title: Korpusplan", f"title: Plan {n}")))
    assert len(list(folder.glob("*.plan"))) == 24
    assert not stale.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_the_cache_or_as_the_plan_never_hangs(
    script: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    path = plan_with(tmp_path, BASE)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert script("validate", str(path), env=env).returncode == 0
    [entry] = (tmp_path / "cache" / "hplan" / "plans").glob("*.plan")
    entry.unlink()
    os.mkfifo(entry)
    again = script("validate", str(path), env=env, timeout=30)
    assert again.returncode == 0, again.stderr
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    result = script("validate", str(fifo), env=env, timeout=30)
    assert result.returncode == 4 and "not a regular file" in result.stderr
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    result = script("validate", str(zero), env=env, timeout=30)
    assert result.returncode == 4 and "not a regular file" in result.stderr


# --- never silently wrong -----------------------------------------------------------------------


@pytest.mark.parametrize("year", ["2025.0", "+2025", "20_25", "²⁰²⁵", "2" * 5000, "0x7e9"])
def test_one_reading_of_the_year(run: Run, tmp_path: Path, year: str) -> None:
    path = plan_with(tmp_path, BASE.replace("year: 2025", f"year: {year}"))
    result = validate(run, path)
    assert result.code == 3 and "unexpected" not in result.stderr
    assert ":3:7: plan: year: expected a whole number, such as 2025" in result.stderr


@pytest.mark.parametrize("deadline", ["Jul", "Senast jul", "jul.", "24 jul"])
def test_ambiguous_words_are_refused_with_what_to_write(
    run: Run, tmp_path: Path, deadline: str
) -> None:
    path = plan_with(tmp_path, BASE.replace("deadline: 25 maj", f"deadline: {deadline}"))
    result = validate(run, path)
    assert result.code == 3 and "'jul' is Christmas in Swedish: write 'juli'" in result.stderr


@pytest.mark.parametrize("deadline", ["december 2024", "2026-01-15", "Senast mars 2026"])
def test_a_deadline_outside_the_plans_year_is_a_warning(
    run: Run, tmp_path: Path, deadline: str
) -> None:
    path = plan_with(tmp_path, BASE.replace("deadline: 25 maj", f"deadline: {deadline}"))
    result = validate(run, path)
    assert result.code == 0
    assert f"warning: activity 1: the deadline '{deadline}' lies outside" in result.stderr


@pytest.mark.parametrize("activity_id", ["9" * 5000, "1234567890"])
def test_numbers_have_bounds(run: Run, tmp_path: Path, activity_id: str) -> None:
    path = plan_with(tmp_path, BASE.replace("  - id: 1\n", f"  - id: {activity_id}\n"))
    result = validate(run, path)
    assert result.code == 3 and "an activity id is a whole number" in result.stderr


def test_within_has_a_bound_and_debug_0_means_no(run: Run) -> None:
    result = run("upcoming", "--within", "3000000")
    assert result.code == 2 and "unexpected" not in result.stderr
    hidden = run("show", "99", env={"HPLAN_DEBUG": "0"})
    assert hidden.code == 4 and "Traceback" not in hidden.stderr


# --- layouts that validate can be edited --------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("    status: not-started\n", "    status: not-started\n    status_date:\n"),
        (
            "    status: not-started\n",
            "    status: not-started\n    status_date:   # sätts av hplan\n",
        ),
        ("    status: not-started\n", "    status: not-started\n    notes:\n"),
    ],
)
def test_every_layout_that_validates_can_be_edited(
    run: Run, tmp_path: Path, before: str, after: str
) -> None:
    path = plan_with(tmp_path, BASE.replace(before, after, 1))
    assert validate(run, path).code == 0
    result = run("status", "1", "done", "--note", "Klart", "--as-of", "2025-06-01", plan=path)
    assert result.code == 0, result.stderr
    assert validate(run, path).code == 0
    shown = run("show", "1", "--format", "json", plan=path).stdout
    assert '"status": "done"' in shown and '"status_date": "2025-06-01"' in shown


def test_a_flow_activity_with_a_trailing_comma_can_be_edited(run: Run, tmp_path: Path) -> None:
    flow = (
        "  - {id: 3, title: Flöde, goals: [4.2.1], owners: [Linda Beigler], deadline: juni, "
        "status: not-started, }\n"
    )
    path = plan_with(tmp_path, BASE + flow)
    assert validate(run, path).code == 0
    result = run("status", "3", "done", "--as-of", "2025-06-01", plan=path)
    assert result.code == 0, result.stderr
    assert "status: done" in path.read_text(encoding="utf-8")


# --- history that says when it is cut short ---------------------------------------------------


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    folder.mkdir()
    plan_with(folder, BASE)
    git(folder, "init", "-q")
    git(folder, "add", "plan2025.yaml")
    git(folder, "commit", "-qm", "start", "--date", "2025-03-01T10:00:00")
    text = BASE.replace("    status: not-started\n", "    status: done\n", 1)
    plan_with(folder, text)
    git(folder, "commit", "-qam", "klar", "--date", "2025-06-01T10:00:00")
    return folder


def test_a_day_before_the_history_shows_everything_and_after_it_nothing(
    run: Run, repository: Path
) -> None:
    plan = repository / "plan2025.yaml"
    everything = run("changes", "--since", "1900-01-01", "--as-of", "2025-07-01", plan=plan)
    assert everything.code == 0, everything.stderr
    assert "added" in everything.stdout and "not started → done" in everything.stdout
    nothing = run("changes", "--since", "9999-12-31", "--as-of", "2025-07-01", plan=plan)
    assert nothing.code == 0 and "added" not in nothing.stdout and "→" not in nothing.stdout


@pytest.mark.parametrize("since", ["nosuchtag", "1 juli", "HEAD~99"])
def test_an_unknown_since_is_said_in_a_persons_words(
    run: Run, repository: Path, since: str
) -> None:
    result = run("changes", "--since", since, plan=repository / "plan2025.yaml")
    assert result.code == 2
    assert "is neither a day" in result.stderr and "rev-parse" not in result.stderr


def test_a_shallow_clone_says_its_history_is_cut_short(
    script: Callable[..., subprocess.CompletedProcess[str]], repository: Path, tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repository}", str(clone)], check=True
    )
    result = script("history", "1", "--plan", str(clone / "plan2025.yaml"))
    assert result.returncode == 0, result.stderr
    assert "shallow clone" in result.stderr and "git fetch --unshallow" in result.stderr


# --- two YAML parsers, one verdict --------------------------------------------------------------


@pytest.mark.usefixtures("yaml_parser")
@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (
            lambda s: s.replace("title: Korpusplan", "title:\tKorpusplan"),
            ":1:7:",
            "a tab after ':'",
        ),
        (
            lambda s: s.replace("title: Korpusplan", "title: Korpusplan\t"),
            ":1:18:",
            "a tab at the end",
        ),
        (lambda s: "---\n\ufeff" + s, ":2:1:", "a byte-order mark (U+FEFF) inside"),
        (lambda s: "\ufeff" + s, ":1:1:", "a byte-order mark (U+FEFF) inside"),  # a second BOM
        (lambda s: s.replace("\n", "\r"), ":1:18:", "the lines end in CR alone"),
    ],
)
def test_both_yaml_parsers_give_one_verdict(
    run: Run, tmp_path: Path, change: Callable[[str], str], where: str, message: str
) -> None:
    path = tmp_path / "plan2025.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + change(BASE).encode("utf-8"))
    before = path.read_bytes()
    result = validate(run, path)
    assert result.code == 3 and f"{where} {message}" in result.stderr, result.stderr
    assert run("status", "1", "done", plan=path).code == 3
    assert path.read_bytes() == before


def test_changes_without_since_starts_at_the_latest_tag_else_30_days_back(
    run: Run, repository: Path
) -> None:
    plan = repository / "plan2025.yaml"
    untagged = run("changes", "--as-of", "2025-06-20", plan=plan)
    assert untagged.code == 0, untagged.stderr
    given = run("changes", "--since", "2025-05-21", "--as-of", "2025-06-20", plan=plan)
    heading, *rest = untagged.stdout.splitlines()
    assert heading == "Changes in the last 30 days (since 21 May 2025):"
    assert rest == given.stdout.splitlines()[1:]  # the same changes, the period said so
    git(repository, "tag", "styrelsemote-maj", "HEAD~1")
    tagged = run("changes", "--as-of", "2025-07-01", plan=plan)
    assert (
        tagged.stdout
        == run("changes", "--since", "styrelsemote-maj", "--as-of", "2025-07-01", plan=plan).stdout
    )
    assert "not started → done" in tagged.stdout


@pytest.mark.parametrize(
    "status", ["status: >-\n      not-started", "status: |-\n      not-started"]
)
def test_a_layout_hplan_cannot_edit_safely_is_refused_with_what_to_change(
    run: Run, tmp_path: Path, status: str
) -> None:
    path = plan_with(tmp_path, BASE.replace("status: not-started", status, 1))
    assert validate(run, path).code == 0
    before = path.read_bytes()
    result = run("status", "1", "done", "--as-of", "2025-06-01", plan=path)
    if result.code == 0:  # edited: then the result is valid and says what was asked
        assert validate(run, path).code == 0
        assert '"status": "done"' in run("show", "1", "-f", "json", plan=path).stdout
    else:
        assert "cannot make this change safely" in result.stderr
        assert "status: done" in result.stderr  # what to write instead
        assert not re.search(r"plan2025\.yaml:\d+:", result.stderr)  # not blamed on a line
        assert path.read_bytes() == before


@pytest.mark.parametrize("damage", [b"\xff\xfe\x00garbage", b"", b"jan\n" * 40])
def test_a_damaged_month_name_file_is_a_miss_never_a_crash(
    run: Run, damage: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hplan.render import i18n

    shutil.copytree(i18n.LOCALE, tmp_path / "locale")
    monkeypatch.setattr(i18n, "LOCALE", tmp_path / "locale")
    (tmp_path / "locale" / "sv" / i18n.MONTHS_FILE).write_bytes(damage)
    i18n._months.cache_clear()
    result = run("overdue", "--as-of", "2025-07-01", "--lang", "sv")
    i18n._months.cache_clear()
    assert result.code == 0 and "18 maj 2025" in result.stdout


def test_a_line_break_in_every_text_of_the_plan_stays_inside_its_calendar_property(
    run: Run, tmp_path: Path
) -> None:
    """A folded YAML block ends with a line break: the plan's title, a goal's, an activity's,
    an owner's name, a note, all at once; each is one escaped property in the calendar."""
    from icalendar import Calendar

    text = BASE.replace("title: Korpusplan\n", "title: >\n  Korpus\n  plan\n", 1)
    text = text.replace(
        "title: Planera och genomföra Hälsingegårdarnas dag",
        'title: "Planera\\nHälsingegårdarnas dag\\n"',
    )
    path = plan_with(tmp_path, text)
    assert run("note", "2", "två\nrader", plan=path).code == 0
    target = tmp_path / "cal.ics"
    done = run("calendar", "-o", str(target), "--as-of", "2025-07-01", plan=path)
    assert done.code == 0, done.stderr
    raw = target.read_bytes()
    assert all(not line or line[:1] == b" " or b":" in line for line in raw.split(b"\r\n"))
    parsed = Calendar.from_ical(raw)
    assert b"\r\nX-WR-CALNAME:Korpus plan\\n\r\n" in raw  # escaped, on its own line
    summaries = [str(e["summary"]) for e in parsed.walk("VEVENT")]
    assert any(s.endswith("Planera\nHälsingegårdarnas dag\n") for s in summaries)
