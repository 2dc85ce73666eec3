"""Click's and Typer's usage errors said in hplan's words and the plan's language (issue 18):
the option as typed, what is wrong, what to do, where the help is; exit 2, no Click text."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import Run

CLICKS_WORDS = ("Invalid value", "Value error", "Error:", "No such", "Traceback")

CASES = [
    (["list", "--format", "xml"],
     "hplan: --format: 'xml' is not one of table, json, csv, markdown",
     "hplan: --format: 'xml' är inte ett av table, json, csv, markdown",
     "See `hplan list --help`."),
    (["list", "--limit", "0"],
     "hplan: --limit: '0' is not a number of at least 1",
     "hplan: --limit: '0' är inte ett tal som är minst 1",
     "See `hplan list --help`."),
    (["upcoming", "--within", "many"],
     "hplan: --within: 'many' is not a number from 0 to 3660",
     "hplan: --within: 'many' är inte ett tal från 0 till 3660",
     "See `hplan upcoming --help`."),
    (["list", "--fromat", "json"],
     "hplan: unknown option --fromat; did you mean --format?",
     "hplan: okänt alternativ --fromat; menade du --format?",
     "See `hplan list --help`."),
    (["lst"],
     "hplan: unknown command 'lst'; did you mean list?",
     "hplan: okänt kommando 'lst'; menade du list?",
     "See `hplan --help`."),
    (["show"], "hplan: ID is missing\nUsage: hplan show [OPTIONS] ID",
     "hplan: ID saknas\nAnvändning: hplan show [ALTERNATIV] ID", "See `hplan show --help`."),
    (["list", "extra"],
     "hplan: unexpected extra argument: extra\nUsage: hplan list [OPTIONS]",
     "hplan: ett argument för mycket: extra\nAnvändning: hplan list [ALTERNATIV]",
     "See `hplan list --help`."),
    (["list", "--owner"], "hplan: --owner needs a value", "hplan: --owner behöver ett värde",
     "See `hplan"),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "english", "swedish_text", "helped"), CASES)
def test_a_usage_error_is_said_in_hplans_words(
    run: Run, argv: list[str], english: str, swedish_text: str, helped: str
) -> None:
    result = run(*argv)
    assert result.code == 2
    assert result.stderr.startswith(english + "\n"), result.stderr
    assert helped in result.stderr
    assert not any(word in result.stderr for word in CLICKS_WORDS)
    assert result.stdout == ""


@pytest.mark.parametrize(("argv", "english", "swedish_text", "helped"), CASES)
def test_a_usage_error_is_in_the_plans_language(
    run: Run, swedish: None, argv: list[str], english: str, swedish_text: str, helped: str
) -> None:
    result = run(*argv)
    assert result.code == 2
    assert result.stderr.startswith(swedish_text + "\n"), result.stderr
    assert "Se `hplan" in result.stderr


def test_a_day_that_does_not_read_names_the_option_in_the_plans_language(
    run: Run, swedish: None
) -> None:
    result = run("--as-of", "igårr", "list")
    assert result.code == 2
    assert result.stderr.startswith("hplan: --as-of: kan inte läsa 'igårr' som en dag")


def test_the_installed_script_says_usage_errors_in_hplans_words(
    script: object, plan_file: Path
) -> None:
    done = script("list", "-f", "xml", "--plan", str(plan_file))  # type: ignore[operator]
    assert done.returncode == 2
    assert done.stderr.startswith("hplan: --format: 'xml' is not one of table, json")
    assert "Invalid value" not in done.stderr


def test_help_and_no_arguments_still_work(run: Run) -> None:
    assert run("list", "--help").code == 0
    bare = run(plan=None)
    assert bare.code == 2
    assert "[OPTIONS] COMMAND [ARGS]..." in bare.stdout + bare.stderr
