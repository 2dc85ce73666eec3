"""A corpus of broken plans (tests/corpus/), each with the error and line it must produce.

Every file is checked with `validate`, `list` and `status`; `status` must leave it byte-identical.
"""

from __future__ import annotations

import resource
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hplan.cli import app

# Every test here runs with both YAML parsers: their results must be identical.
pytestmark = pytest.mark.usefixtures("yaml_parser")

CORPUS = Path(__file__).parent.parent / "corpus"

CASES = {
    "empty.yaml": (1, "the file is empty (or only comments)"),
    "only-comments.yaml": (1, "the file is empty (or only comments)"),
    "binary.yaml": (3, "the file holds binary data (a NUL byte), not text"),
    "invalid-utf8.yaml": (2, "not UTF-8 text (byte 0xe4); save the file as UTF-8"),
    "utf16.yaml": (1, "the file is UTF-16; save it as UTF-8"),
    "unclosed-bracket.yaml": (
        17,
        "YAML syntax error: a list opened with '[' is not closed with ']'",
    ),
    "unclosed-quote.yaml": (30, "YAML syntax error: a quote is not closed"),
    "bad-indentation.yaml": (20, "YAML syntax error: a line is indented differently"),
    "tab-indentation.yaml": (20, "indent with spaces, not tabs"),
    "top-level-list.yaml": (
        1,
        "the plan must be a mapping of keys (title:, year:, goals: ...), not a list",
    ),
    "top-level-scalar.yaml": (1, "not a single value"),
    "section-wrong-type.yaml": (10, "plan: owners: expected a list here"),
    "merge-conflict.yaml": (21, "unresolved merge conflict marker '<<<<<<<'"),
    "python-tag.yaml": (
        1,
        "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed in a plan",
    ),
    "billion-laughs.yaml": (32, "aliases (*a) are not allowed in a plan"),
    "deep-nesting.yaml": (1, "the YAML is nested more than 32 levels deep"),
    "two-documents.yaml": (30, "a plan is one YAML document"),
    "duplicate-key.yaml": (22, "duplicate key 'status' (first at line 21); keep one"),
    "duplicate-activity-id.yaml": (22, "duplicate activity id 1 (first at line 14)"),
    "duplicate-goal-id.yaml": (8, "duplicate goal id 4.2 (first at line 6)"),
    "duplicate-owner.yaml": (13, "owner 'Linda Beigler' is declared twice (first at line 11)"),
    "unknown-key.yaml": (21, "activity 1: unknown key 'satus' (did you mean 'status'"),
    "unknown-top-level-key.yaml": (5, "plan: unknown key 'version'; allowed keys: title,"),
    "wrong-type-title.yaml": (16, "activity 1: title: expected text here"),
    "missing-deadline.yaml": (14, "activity 1: missing required key 'deadline'"),
    "missing-title.yaml": (1, "plan: missing required key 'title'"),
    "unknown-goal.yaml": (17, "activity 1: unknown goal 4.2.4 (did you mean '4.2.1' or '4.2'?)"),
    "unknown-owner.yaml": (
        27,
        "activity 2: unknown owner 'Karin Flordahl' (did you mean 'Karin Flordal'?)",
    ),
    "orphan-sub-goal.yaml": (10, "sub-goal 5.3.1 has no parent goal 5.3"),
    "deadline-unreadable.yaml": (
        20,
        "cannot read the deadline 'Till midsommar'; write one of: Löpande, 25 maj",
    ),
    "deadline-impossible-day.yaml": (20, "the deadline '31 juni' names a day that does not exist"),
    "deadline-reversed-range.yaml": (20, "the deadline '27–25 september' ends before it starts"),
    "deadline-not-text.yaml": (20, "a deadline is text such as 'Löpande' or '25 maj'"),
    "deadline-senast-ongoing.yaml": (20, "cannot read the deadline 'Senast löpande'"),
    "unknown-status.yaml": (21, "activity 1: unknown status 'halvklar'; use one of not-started"),
    "status-yaml-boolean.yaml": (21, "activity 1: unknown status 'no'"),
    "status-empty.yaml": (21, "activity 1: a status is a word such as not-started or done"),
    "id-yaml-boolean.yaml": (22, "activity yes: id: an activity id is a whole number such as 5"),
    "goal-id-not-numbered.yaml": (8, "goal 4.2.a: id: a goal id is numbers with dots"),
    "year-not-a-number.yaml": (3, "plan: year: expected a whole number, such as 2025"),
    "control-escape.yaml": (15, "the control character U+001B is not allowed"),
    "control-escaped-in-quotes.yaml": (15, "control character"),
    "year-float.yaml": (3, "plan: year: expected a whole number, such as 2025"),
    "language-unknown.yaml": (4, "hplan speaks sv and en"),
    "deadline-jul.yaml": (20, "'jul' is Christmas in Swedish"),
    "tab-after-colon.yaml": (1, "a tab after ':'"),
    "cr-only-lines.yaml": (1, "the lines end in CR alone"),
    "goals-empty-list.yaml": (16, "activity 1: goals: an activity serves at least one goal"),
    "status-date-unreadable.yaml": (22, "status_date: a date is written like 2025-06-01"),
    "note-without-date.yaml": (23, "activity 1: missing required key 'date'"),
    "complex-key.yaml": (5, "a key must be plain text"),
    "owner-kind-unknown.yaml": (
        13,
        "owner Karin Flordal: kind: Input should be 'person' or 'role'",
    ),
}


def test_the_corpus_is_complete() -> None:
    files = {p.name for p in CORPUS.glob("*.yaml")} - {"valid-base.yaml"}
    assert files == set(CASES)
    assert len(CASES) >= 30


def test_the_base_of_the_corpus_is_valid() -> None:
    result = CliRunner().invoke(app, ["validate", str(CORPUS / "valid-base.yaml")])
    assert result.exit_code == 0, result.stderr


@pytest.fixture(params=sorted(CASES))
def broken(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, int, str]:
    name = request.param
    target = tmp_path / "plan2025.yaml"
    shutil.copyfile(CORPUS / name, target)
    line, fragment = CASES[name]
    return target, line, fragment


def expect_located(stderr: str, path: Path, line: int, fragment: str) -> None:
    located = [entry for entry in stderr.splitlines() if entry.startswith(f"{path}:{line}:")]
    assert any(fragment in entry for entry in located), stderr
    assert "Traceback" not in stderr


def test_validate_names_the_line_and_the_problem(broken: tuple[Path, int, str]) -> None:
    path, line, fragment = broken
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 3
    expect_located(result.stderr, path, line, fragment)
    assert result.stderr.splitlines()[-1].startswith(f"hplan: {path}: ")


def test_list_refuses_with_the_same_error(broken: tuple[Path, int, str]) -> None:
    path, line, fragment = broken
    result = CliRunner().invoke(app, ["list", "--plan", str(path)])
    assert (result.exit_code, result.stdout) == (3, "")
    expect_located(result.stderr, path, line, fragment)


def test_status_refuses_and_leaves_the_file_byte_identical(broken: tuple[Path, int, str]) -> None:
    path, line, fragment = broken
    before = path.read_bytes()
    result = CliRunner().invoke(app, ["status", "1", "done", "--plan", str(path)])
    assert result.exit_code == 3
    expect_located(result.stderr, path, line, fragment)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["plan2025.yaml"]


def test_validate_reports_errors_in_line_order() -> None:
    result = CliRunner().invoke(app, ["validate", str(CORPUS / "merge-conflict.yaml")])
    lines = [int(entry.split(":")[1]) for entry in result.stderr.splitlines()[:-1]]
    assert lines == [21, 23, 25]


def test_a_plan_over_the_size_bound_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "plan2025.yaml"
    with big.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)
    result = CliRunner().invoke(app, ["validate", str(big)])
    assert result.exit_code == 3
    assert "larger than 20,971,520 bytes, the most hplan reads" in result.stderr


def test_a_billion_laughs_is_refused_fast_and_small() -> None:
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = CliRunner().invoke(app, ["validate", str(CORPUS / "billion-laughs.yaml")])
    assert result.exit_code == 3
    # Expanded, the aliases would take gigabytes; refused, the peak does not move noticeably.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before < 100_000  # KiB


def test_deep_nesting_is_a_clean_error_not_a_recursion_error() -> None:
    deep = (CORPUS / "deep-nesting.yaml").read_text(encoding="utf-8")
    assert deep.count("[") == 20000
    result = CliRunner().invoke(app, ["validate", str(CORPUS / "deep-nesting.yaml")])
    assert result.exit_code == 3
    assert "RecursionError" not in result.stderr


def test_block_nesting_is_refused_too(tmp_path: Path) -> None:
    path = tmp_path / "plan2025.yaml"
    path.write_text("".join(" " * i + f"k{i}:\n" for i in range(2000)), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 3
    assert "nested more than 32 levels deep" in result.stderr


def test_a_python_tag_is_never_constructed(tmp_path: Path) -> None:
    marker = Path("/tmp/hplan-pwned")
    marker.unlink(missing_ok=True)
    CliRunner().invoke(app, ["validate", str(CORPUS / "python-tag.yaml")])
    assert not marker.exists()
