"""Output for people in the plan's language: Swedish for the real plan, English on request."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import Result

Run = Callable[..., Result]
pytestmark = pytest.mark.usefixtures("swedish")

OVERDUE_SV = """\
Nr  Aktivitet                                                                              Mål           Ansvarig       Slutdatum             Förfaller     Status       Försenad
7   Samordna och delta i Hälsinglands medverkan i Outdoor-mässan i Stockholm.              4.2.1         Linda Beigler  17–18 maj             18 maj 2025   ej påbörjad  44 d
5   Planera och genomföra Hälsingegårdarnas dag                                            4.2.1         Linda Beigler  25 maj                25 maj 2025   genomförd
2   Varumärkes-skydda varumärket Hälsingland och tillhörande grafiska profil               4.2.1         Linda Beigler  Första halvåret 2025  30 juni 2025  ej påbörjad  1 d
8   Samordna och ansvara för uppbyggnad och lansering av halsingland.se/Inflyttarportalen  4.2.1, 4.2.2  Linda Beigler  Juni                  30 juni 2025  ej påbörjad  1 d
17  Etablera Projektutvecklarnätverk i Hälsingland                                         4.2.3         Karin Flordal  Första halvåret 2025  30 juni 2025  blockerad    1 d
"""  # noqa: E501


def progress(run: Run) -> None:
    assert run("status", "5", "klar", "--as-of", "2025-05-26").code == 0
    assert run("status", "17", "blockerad", "--note", "Väntar", "--as-of", "2025-06-20").code == 0


def test_lists_speak_swedish_for_a_swedish_plan(run: Run) -> None:
    progress(run)
    text = run("list", "--due-before", "1 juli", "--sort", "due", "--as-of", "2025-07-01").stdout
    assert text == OVERDUE_SV


def test_lang_en_and_hplan_lang_give_english(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    progress(run)
    english = run(
        "list", "--due-before", "1 juli", "--sort", "due", "--as-of", "2025-07-01", "--lang", "en"
    ).stdout
    assert english.splitlines()[0].split() == [
        "ID",
        "Activity",
        "Goals",
        "Owners",
        "Deadline",
        "Due",
        "Status",
        "Late",
    ]
    assert "  done  " not in english and " done" in english and "blocked" in english
    monkeypatch.setenv("HPLAN_LANG", "en")
    assert (
        run("list", "--due-before", "1 juli", "--sort", "due", "--as-of", "2025-07-01").stdout
        == english
    )


def test_goals_owners_show_and_messages_in_swedish(run: Run, plan_file: Path) -> None:
    assert run("goals", "--as-of", "2025-07-01").stdout.splitlines()[:2] == [
        "Mål      Titel                                     Aktiviteter       Per status       "
        "Försenade",
        "4.1      Effektiv samverkan                        inga aktiviteter",
    ]
    assert run("owners").stdout.splitlines()[3].split()[-5:] == ["roll", "1", "1", "0", "0"]
    assert run(
        "status", "9", "pågår", "--note", "Listan påbörjad", "--as-of", "2025-09-01"
    ).stdout == (
        "9: ej påbörjad → pågår — Kartlägga och välja ut de evenemang, mässor och liknande som "
        f"Hälsingerådet ska samordna ett gemensamt deltagande i. ({plan_file})\n"
    )
    assert run("show", "9", "--as-of", "2025-11-03").stdout.splitlines()[3:] == [
        "Tillsammans med: Näringslivschefer",
        "Slutdatum:       Senast oktober 2025  (31 oktober 2025)",
        "Status:          pågår",
        "Statusdatum:     1 september 2025",
        "Försenad:        3 dagar",
        "Anteckning:      1 september 2025  Listan påbörjad",
    ]
    assert (
        run("overdue", "--as-of", "2025-01-01").stdout == "Inget är försenat per 1 januari 2025.\n"
    )


def test_json_and_csv_stay_english(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    progress(run)
    swedish = run("list", "--format", "json", "--as-of", "2025-07-01").stdout
    csv = run("list", "--format", "csv", "--as-of", "2025-07-01").stdout
    monkeypatch.setenv("HPLAN_LANG", "en")
    assert run("list", "--format", "json", "--as-of", "2025-07-01").stdout == swedish
    assert run("list", "--format", "csv", "--as-of", "2025-07-01").stdout == csv
    assert '"status": "done"' in swedish


def test_written_out_dates_are_babels_and_written_by_the_build() -> None:
    from datetime import date

    from babel.dates import format_date

    from hplan.render import i18n

    i18n._months.cache_clear()
    for language in ("sv", "en"):
        for month in range(1, 13):
            day = date(2025, month, 28)
            assert i18n.format_day(day, language) == format_date(day, "d MMMM y", locale=language)
        built = (i18n.LOCALE / language / i18n.MONTHS_FILE).read_text(encoding="utf-8")
        assert built.split("\n")[:36] == i18n.cldr_months(language)
    assert i18n._months("sv")[4] == "maj"


@pytest.mark.parametrize(("locale", "word"), [("sv_SE.UTF-8", "Skrev"), ("C.UTF-8", "Wrote")])
def test_where_no_plan_is_read_the_locale_decides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, locale: str, word: str
) -> None:
    from typer.testing import CliRunner

    from hplan.cli import app

    monkeypatch.delenv("HPLAN_LANG", raising=False)
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", locale)
    target = tmp_path / "plan.schema.json"
    result = CliRunner().invoke(app, ["schema", "-o", str(target)])
    assert result.exit_code == 0 and result.stderr == f"{word} {target}\n"


def test_errors_speak_the_plans_language(run: Run, plan_file: Path) -> None:
    before = plan_file.read_bytes()
    owner = run("list", "--owner", "nobody")
    assert owner.code == 2
    assert owner.stderr.startswith(
        "hplan: --owner: okänd ansvarig 'nobody'; ansvariga i den här planen: "
    )
    # A value refused before the plan is read is said in the plan's language too.
    status = run("status", "3", "färdig")
    assert status.code == 2
    assert status.stderr.startswith("hplan: STATUS: okänd status 'färdig'; använd en av ")
    deadline = run("add", "Ny", "--goal", "4.2.1", "--owner", "linda", "--deadline", "32 maj")
    assert deadline.code == 2
    assert (
        deadline.stderr == "hplan: --deadline: slutdatumet '32 maj' anger en dag som inte finns\n"
    )
    assert plan_file.read_bytes() == before
    english = run("list", "--owner", "nobody", "--lang", "en")
    assert english.stderr.startswith(
        "hplan: --owner: unknown owner 'nobody'; owners in this plan: "
    )


def test_a_broken_plan_is_reported_in_the_language_it_states(run: Run, plan_file: Path) -> None:
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("deadline: 25 maj", "deadline: 35 maj", 1), encoding="utf-8")
    result = run("validate")
    line = text[: text.index("deadline: 25 maj")].count("\n") + 1
    assert result.code == 3
    assert result.stderr == (
        f"{plan_file}:{line}:15: aktivitet 5: slutdatumet '35 maj' anger en dag som inte finns\n"
        f"hplan: {plan_file}: 1 fel; rätta det och kör `hplan validate`.\n"
    )


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("sv_SE.UTF-8", "YAML-syntaxfel: "),
        ("en_GB.UTF-8", "YAML syntax error: "),
        ("C.UTF-8", "YAML syntax error: "),
    ],
)
def test_a_plan_that_states_no_language_is_reported_in_the_locales(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, locale: str, expected: str
) -> None:
    broken = tmp_path / "trasig.yaml"
    broken.write_text("title: [x\n", encoding="utf-8")
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", locale)
    result = run("validate", str(broken))
    assert result.code == 3
    assert result.stderr.startswith(f"{broken}:2:1: {expected}")


def test_a_card_wraps_its_text_beside_its_id_never_under_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hplan.render.records import Table
    from hplan.render.rich_table import to_rich_text

    monkeypatch.setenv("NO_COLOR", "1")
    title = "Samordna och delta i Hälsinglands medverkan i Outdoor-mässan i Stockholm."
    when = "2025-05-19 10:00"
    table = Table(
        ["When", "Commit", "Author", "ID", "Activity", "Change"],
        [[when, "e0e716b0", "Linda Beigler", "7", title, "ej påbörjad → genomförd"]],
        language="sv",
    )
    lines = to_rich_text(table, width=60).splitlines()
    assert lines[0].startswith(f"{when}  Samordna och delta")
    assert lines[1].startswith(" " * (len(when) + 2) + lines[1].strip())
    assert "Stockholm." in lines[1] or "Stockholm." in lines[2]
    assert any(line.strip().startswith("Commit: e0e716b0  ·  Av: Linda Beigler") for line in lines)


def test_the_swedish_wording_a_reader_asked_for(run: Run, plan_file: Path) -> None:
    sv = {"HPLAN_LANG": "sv"}
    run("status", "3", "pågår", "--as-of", "2025-07-01", env=sv)
    again = run("status", "3", "pågår", "--as-of", "2025-07-01", env=sv)
    assert again.stdout == "3: har redan status pågår; inget ändrat\n"
    goals = run("goals", "--as-of", "2025-07-01", env=sv)
    assert "1 pågående" in goals.stdout and "1 pågår" not in goals.stdout
    elsewhere = plan_file.parent / "utan-git.yaml"
    elsewhere.write_bytes(plan_file.read_bytes())
    history = run("history", "3", plan=elsewhere, env=sv)
    assert "git-arkiv" in history.stderr


def test_a_large_number_is_grouped_as_the_language_writes_it() -> None:
    from hplan.errors import Message
    from hplan.render.i18n import say

    more = Message(
        "… {count:,} more; --all shows every row, --format csv or json for a spreadsheet "
        "or a script",
        count=3283,
    )
    assert say(more, "sv").startswith("… 3\u00a0283 till;")  # a no-break space, never split
    assert say(more, "en").startswith("… 3,283 more;")
    assert say(Message("{count:,} of {name}", count=3283, name="a,b"), "sv") == "3\u00a0283 of a,b"
