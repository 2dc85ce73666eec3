"""`--help` in the plan's language (issue 18): the command's text, its options' texts, Click's
own headings, and the command list, from the same catalogs as every other word."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hplan.cli import app

from ..conftest import Run


def test_a_commands_help_is_swedish_for_a_swedish_plan(run: Run, swedish: None) -> None:
    result = run("list", "--help")
    assert result.code == 0
    text = result.stdout
    assert text.startswith("Användning: root list [ALTERNATIV]\n")  # CliRunner names it root
    assert "Lista aktiviteter, filtrerade och sorterade." in text
    assert "Exempel:\n    hplan list --owner linda" in text
    assert "Alternativ:" in text and "Bara försenade aktiviteter." in text
    assert "[standard: id]" in text and "Visa den här hjälpen och avsluta." in text
    assert "Alternativ för alla kommandon" in text
    assert "Options:" not in text and "Only overdue" not in text


def test_the_command_list_is_swedish(run: Run, swedish: None, plan_file: Path) -> None:
    result = CliRunner().invoke(app, ["--help"], env={"HPLAN_PLAN": str(plan_file)})
    assert result.exit_code == 0
    assert "Kommandon:" in result.stdout
    assert "list      Lista aktiviteter, filtrerade och sorterade." in result.stdout
    assert "Validera, fråga och uppdatera Hälsingerådets handlingsplan" in result.stdout


def test_lang_en_and_an_english_plan_keep_english_help(run: Run, swedish: None) -> None:
    result = run("--lang", "en", "list", "--help")
    assert result.stdout.startswith("Usage: root list [OPTIONS]\n")
    assert "List activities, filtered and sorted." in result.stdout


def test_every_help_text_has_its_swedish_words() -> None:
    from hplan.render.i18n import gettext_for

    from ..catalogs import help_texts

    _ = gettext_for("sv")
    texts = help_texts()
    assert len(texts) > 80
    untranslated = [text for text in texts if _(text) == text and text.strip(" .") != ""]
    assert untranslated == []


def test_a_broken_swedish_plan_still_gets_swedish_help(
    run: Run, swedish: None, plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("status: not-started", "status: ???", 1), encoding="utf-8")
    result = run("list", "--help")
    assert result.code == 0
    assert "Lista aktiviteter, filtrerade och sorterade." in result.stdout
