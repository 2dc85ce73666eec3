"""Shell completion (Typer's) from the plan in use, through the installed script (issue 6)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from ..conftest import hplan_script


def complete(folder: Path, shell: str, words: str) -> list[str]:
    # The test's own cache folder (conftest): completing reads the plan through the cache.
    env = {
        "_HPLAN_COMPLETE": f"complete_{shell}",
        "PATH": "/usr/bin:/bin",
        "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],
    }
    if shell == "bash":
        env.update(COMP_WORDS=words, COMP_CWORD=str(len(words.split(" ")) - 1))
    else:
        env.update(_TYPER_COMPLETE_ARGS=words, _TYPER_COMPLETE_FISH_ACTION="get-args")
    done = subprocess.run(
        [hplan_script()],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return [line for line in done.stdout.splitlines() if line]


def test_activity_ids_complete_with_their_titles(plan_file: Path) -> None:
    fish = complete(plan_file.parent, "fish", "hplan status 1")
    assert fish[0] == "1\tDelta i kommunikationschefernas nätverk med regelbundenhet"
    assert [line.split("\t")[0] for line in fish] == ["1", *(str(n) for n in range(10, 20))]
    zsh = "\n".join(complete(plan_file.parent, "zsh", "hplan show 9"))
    assert '"9":"Kartlägga och välja ut de evenemang' in zsh
    assert complete(plan_file.parent, "bash", "hplan show ")[:3] == ["1", "2", "3"]


def test_owners_goals_and_statuses_complete(plan_file: Path) -> None:
    folder = plan_file.parent
    assert complete(folder, "bash", "hplan list --owner ") == [  # quoted: bash inserts as is
        "'Linda Beigler'",
        "'Karin Flordal'",
        "'Sammankallande kommunikationschef'",
        "Näringslivschefer",
    ]
    zsh = "\n".join(complete(folder, "zsh", "hplan list --owner L"))
    assert '"Linda Beigler":"person"' in zsh  # zsh quotes by itself
    fish = complete(folder, "fish", "hplan list --owner K")
    assert fish == ["Karin Flordal\tperson"]
    assert complete(folder, "fish", "hplan overdue --goal 4.2.") == [
        "4.2.1\tVarumärket Hälsingland",
        "4.2.2\tAtt bidra till ökad kompetensförsörjning",
        "4.2.3\tRegionalt och nationellt påverkansarbete",
    ]
    assert complete(folder, "bash", "hplan status 5 p") == ["påbörjad", "påbörjat", "pågår"]
    assert complete(folder, "bash", "hplan list --status in") == [
        "in-progress",
        "inställd",
        "inställt",
    ]


def test_completion_without_a_plan_completes_nothing(tmp_path: Path) -> None:
    assert complete(tmp_path, "bash", "hplan show ") == []


def test_the_completion_scripts_install_for_each_shell(tmp_path: Path) -> None:
    for shell in ("bash", "zsh", "fish"):
        shown = subprocess.run(
            [hplan_script(), "--show-completion", shell],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert shown.returncode == 0
        assert "_HPLAN_COMPLETE" in shown.stdout


HOSTILE = 'Varumärkesskydd\\");touch x;(\\" [/] [link=x]y[/link]'
"""A title, owner and goal title that a shell's completion must never obey."""


@pytest.mark.parametrize("shell", ["zsh", "fish", "bash"])
def test_hostile_plan_text_never_reaches_a_shell_as_code(plan_file: Path, shell: str) -> None:
    quoted = json.dumps(HOSTILE, ensure_ascii=False)  # a JSON string is YAML too
    text = plan_file.read_text(encoding="utf-8")
    text = text.replace("title: Planera och genomföra Hälsingegårdarnas dag", f"title: {quoted}", 1)
    text = text.replace("title: Varumärket Hälsingland", f"title: {quoted}", 1)
    text = text.replace("  - name: Näringslivschefer", f"  - name: {quoted}", 1)
    text = text.replace("      - Näringslivschefer", f"      - {quoted}")
    plan_file.write_text(text, encoding="utf-8")
    folder = plan_file.parent
    for words in ("hplan status 5", "hplan list --goal 4.2.", "hplan list --owner "):
        said = "\n".join(complete(folder, shell, words))
        assert "\\\\" not in said and "Traceback" not in said, said
        assert "[/]" not in said and "[link" not in said
    if shell != "bash":  # bash completes values only; zsh and fish show the title
        assert "Varumärkesskydd" in "\n".join(complete(folder, shell, "hplan status 5"))
    assert not (folder / "x").exists()
