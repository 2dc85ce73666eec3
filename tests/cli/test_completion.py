"""Shell completion (Typer's) from the plan in use, through the installed script (issue 6)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
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
    assert complete(folder, "bash", "hplan list --owner ") == [  # escaped: bash inserts as is
        "Linda\\ Beigler",
        "Karin\\ Flordal",
        "Sammankallande\\ kommunikationschef",
        "Näringslivschefer",
    ]
    # what is typed stays as typed (Typer keeps only values that start with it)
    assert complete(folder, "bash", "hplan list --owner Lin") == ["Linda\\ Beigler"]
    assert complete(folder, "bash", "hplan list --owner 'Lin") == ["Linda\\ Beigler"]
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
    """Each shell gets its own script (Typer asks the parent process which shell it is)."""
    marks = {
        "bash": "complete -o default -F",
        "zsh": "#compdef hplan",
        "fish": "complete --command",
    }
    for shell, mark in marks.items():
        if shutil.which(shell) is None:
            continue  # checked for real in the terminal test, which says what it needs
        shown = subprocess.run(
            [shell, "-c", f"{hplan_script()} --show-completion; true"],  # `true`: no exec
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert shown.returncode == 0
        assert mark in shown.stdout and "_HPLAN_COMPLETE" in shown.stdout


HOSTILE = 'Varumärkesskydd\\");touch x;(\\" [/] [link=x]y[/link]'
"""A title, owner and goal title that a shell's completion must never obey."""


def hostile_plan(plan_file: Path) -> None:
    """The plan with HOSTILE as activity 5's title, goal 4.2.1's title and an owner."""
    quoted = json.dumps(HOSTILE, ensure_ascii=False)  # a JSON string is YAML too
    text = plan_file.read_text(encoding="utf-8")
    text = text.replace("title: Planera och genomföra Hälsingegårdarnas dag", f"title: {quoted}", 1)
    text = text.replace("title: Varumärket Hälsingland", f"title: {quoted}", 1)
    text = text.replace("  - name: Näringslivschefer", f"  - name: {quoted}", 1)
    text = text.replace("      - Näringslivschefer", f"      - {quoted}")
    plan_file.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("shell", ["zsh", "fish", "bash"])
def test_hostile_plan_text_never_reaches_a_shell_as_code(plan_file: Path, shell: str) -> None:
    hostile_plan(plan_file)
    folder = plan_file.parent
    for words in ("hplan status 5", "hplan list --goal 4.2.", "hplan list --owner "):
        said = "\n".join(complete(folder, shell, words))
        assert "\\\\" not in said and "Traceback" not in said, said
        assert "[/]" not in said and "[link" not in said
    if shell != "bash":  # bash completes values only; zsh and fish show the title
        assert "Varumärkesskydd" in "\n".join(complete(folder, shell, "hplan status 5"))
    assert not (folder / "x").exists()


SHELLS = {
    # The shell, started without the user's files, and how it loads hplan's completion.
    "zsh": (
        ["zsh", "-f"],
        "PS1='$ '; autoload -Uz compinit && compinit -u -d \"$HOME/zcompdump\""
        ' && eval "$(hplan --show-completion)"',
    ),
    "fish": (
        ["fish", "--no-config"],
        "function fish_prompt; echo '$ '; end; hplan --show-completion | source",
    ),
    "bash": (["bash", "--norc", "--noprofile"], "PS1='$ '; eval \"$(hplan --show-completion)\""),
}


class Terminal:
    """A real shell in a tmux terminal of its own, driven by keys as a person would."""

    def __init__(self, folder: Path, shell: str, number: int) -> None:
        self.socket = str(folder.parent / f"tmux-{shell}-{number}.sock")
        home = folder.parent / f"home-{shell}-{number}"
        home.mkdir()
        env = {
            "PATH": f"{Path(hplan_script()).parent}:/usr/bin:/bin",
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
        }
        command, setup = SHELLS[shell]
        self.tmux(
            "new-session", "-d", "-x", "120", "-y", "50", "-c", str(folder), *command, env=env
        )
        self.keys(f"{setup}; echo READ''Y", "Enter")  # the quotes: not the typed line
        self.wait_for("READY\n")

    def tmux(self, *args: str, env: dict[str, str] | None = None) -> str:
        done = subprocess.run(
            ["tmux", "-S", self.socket, *args],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        return done.stdout

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", *keys)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p")

    def wait_for(self, text: str, *, whole: bool = False) -> str:
        """The screen once it shows `text` (a shell's completion starts Python: give it time),
        or once `text` is `whole` of it."""
        for _ in range(300):
            shown = self.screen()
            if (shown.strip() == text) if whole else (text in shown):
                return shown
            time.sleep(0.1)
        pytest.fail(f"the terminal never showed {text!r}:\n{self.screen()}")

    def tab(self, typed: str, expect: str) -> str:
        """What the terminal shows after typing `typed` and pressing Tab twice."""
        self.keys(typed, "Tab")
        time.sleep(1)
        self.keys("Tab")  # a second Tab lists the choices in zsh and bash
        return self.wait_for(expect)

    def running(self) -> str:
        """The program the terminal is running now (the shell, if nothing took over)."""
        return self.tmux("display-message", "-p", "#{pane_dead} #{pane_current_command}").strip()

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], check=False, timeout=30)


@pytest.mark.parametrize("shell", ["zsh", "fish", "bash"])
def test_hostile_plan_text_is_harmless_when_a_person_presses_tab(
    plan_file: Path, shell: str
) -> None:
    """Each shell for real, in a terminal: Tab lists plan text and never runs any of it."""
    if shutil.which("tmux") is None or shutil.which(shell) is None:
        pytest.skip(f"needs tmux and {shell} (Debian's packages; .ci/run installs them)")
    hostile_plan(plan_file)
    folder = plan_file.parent
    seen = []
    for typed, expect in [
        ("hplan show ", "19"),
        ("hplan list --goal 4.2.", "4.2.3"),
        ("hplan list --owner ", "Linda"),
        ("hplan list --owner Lin", "Beigler"),  # a name with a space completes as one word
    ]:
        terminal = Terminal(folder, shell, len(seen))  # a fresh shell for each question
        try:
            seen.append(terminal.tab(typed, expect))
            assert terminal.running() == f"0 {shell}"  # the shell is still the one in charge
        finally:
            terminal.close()
    if shell != "bash":  # bash lists values only; zsh and fish show the titles
        assert "Varumärkesskydd" in seen[0]
        assert "Varumärkesskydd" in seen[1]
    assert "--owner Linda\\ Beigler" in seen[3]
    for screen in seen:
        assert (
            "Traceback" not in screen and "[/]" not in screen and "command not found" not in screen
        )
    assert not (folder / "x").exists()
