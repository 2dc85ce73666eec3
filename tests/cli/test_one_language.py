"""One language all the way through (issue 33): a Swedish plan's help pages, usage errors,
completion message and catalog hold no English, and an import says everything in one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hplan.cli.app import COMMANDS

from ..conftest import Run

HELP_ENGLISH = (
    "Usage:", "Options:", "Commands:", "Arguments:", "[OPTIONS]", "COMMAND", "[ARGS]", "PATH",
    "DATE", "TITLE", "NAME", "FILE", "GOAL", "DAYS", "YEAR", "ROUND", "<str>", "<int>",
    "<float>", "x>=", "<=x", "env var", "default:", "required", "Show this message",
)  # fmt: skip
"""What Click and Typer write in English on a help page, and hplan's English placeholders."""
CATALOG_ENGLISH = (
    " the ", " is ", " and ", " not ", " with ", " or ", " of ", " you ", " your ", " to ",
    " was ", " has ", " be ", "Usage", "Options", "default:", "required", "env var", "x>=",
)  # fmt: skip
"""Words of English prose, which no Swedish sentence holds."""


def english_in(text: str, fragments: tuple[str, ...]) -> list[str]:
    # What is typed is the same in both languages: options, variables, quoted and code text.
    plain = re.sub(r"\{[^}]*\}|`[^`]*`|'[^']*'|--[\w-]+|\$\w+|HPLAN_\w+", "", f" {text} ")
    return [fragment for fragment in fragments if fragment in plain]


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_page_of_a_swedish_plan_is_swedish(
    run: Run, swedish: None, command: str
) -> None:
    result = run(*command.split(), "--help")
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("Användning: ")
    assert english_in(result.stdout, HELP_ENGLISH) == [], result.stdout


def test_every_swedish_catalog_entry_is_swedish() -> None:
    from ..catalogs import read_catalog

    found = []
    for message in read_catalog("sv"):
        if not message.id:
            continue
        strings = [message.string] if isinstance(message.string, str) else message.string
        found += [(s, english_in(s, CATALOG_ENGLISH)) for s in strings if s]
    assert [f for f in found if f[1]] == []
    assert len(found) > 500


def test_a_usage_error_names_the_argument_in_the_plans_language(run: Run, swedish: None) -> None:
    result = run("add")
    assert result.code == 2
    assert "hplan: TITEL saknas\nAnvändning: hplan add [ALTERNATIV] TITEL\n" in result.stderr
    english = run("--lang", "en", "add")
    assert "hplan: TITLE is missing\nUsage: hplan add [OPTIONS] TITLE\n" in english.stderr


def test_a_help_row_shows_ranges_in_words_and_no_type(run: Run, swedish: None) -> None:
    said = run("digest", "--help").stdout
    assert "[miljövariabel: HPLAN_SMTP_PORT; 1–65535]" in " ".join(said.split())
    assert "[minst 1]" in " ".join(run("list", "--help").stdout.split())
    assert "  TITEL  Aktiviteten som den skrivs." in run("add", "--help").stdout
    assert "[at least 1]" in " ".join(run("--lang", "en", "list", "--help").stdout.split())


def test_install_completion_says_it_in_the_plans_language(
    run: Run, swedish: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    result = run("--install-completion", "bash")
    assert result.code == 0
    [installed] = (tmp_path / ".bash_completions").iterdir()  # named as the program
    assert f"kompletteringen för bash är installerad i {installed}" in result.stdout
    assert "Completion will take effect" not in result.stdout and installed.exists()


def test_an_import_says_its_errors_in_the_documents_language_as_its_summary(
    run: Run, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under LANG=C.UTF-8 in a folder without a plan, the summary was Swedish (the new
    plan's language) and a refusal after reading English (the locale's)."""
    from ..imports import documents

    for name in ("HPLAN_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    empty = tmp_path_factory.mktemp("utan-plan")  # no plan here nor above (run's is beside)
    monkeypatch.chdir(empty)
    document = documents.word(empty / "plan.docx")
    first = run("import", str(document), "-o", "ny.yaml", plan=None)
    assert first.code == 0 and "6 mål, 19 aktiviteter" in first.stdout
    again = run("import", str(document), "-o", "ny.yaml", plan=None)
    assert again.code == 7
    assert "ny.yaml finns redan; hplan import skriver aldrig över en fil" in again.stderr


def test_the_systems_reason_is_said_in_hplans_words(
    run: Run, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python gives the C library's English ("Too many levels of symbolic links") whatever
    the locale; inside a Swedish message it is said in hplan's words."""
    import errno

    from hplan.errors import os_reason
    from hplan.render.i18n import say

    assert say(os_reason(OSError(errno.EACCES, "Permission denied")), "sv") == "åtkomst nekad"
    assert os_reason(OSError(errno.EOWNERDEAD, "Owner died")) == "Owner died"  # no words yet
    folder = tmp_path_factory.mktemp("slinga")
    (folder / "a.docx").symlink_to(folder / "b.docx")
    (folder / "b.docx").symlink_to(folder / "a.docx")
    for name in ("HPLAN_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    result = run("import", str(folder / "a.docx"), "--dry-run", plan=None)
    assert "en länk som leder runt i en cirkel" in result.stderr
    assert "symbolic" not in result.stderr
