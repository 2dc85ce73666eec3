"""The README's own commands, as a new user runs them (issue 32): its first line in a clone of
hplan, in a fresh virtual environment, then "Tell the owners" in a plan's repository; the
workflow written installs the hplan that was installed, from the clone's remote and commit."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import REPO, fresh_venv

pytestmark = pytest.mark.xdist_group("release")  # builds hplan, as the release tests do

REMOTE = "https://git.example/hplan.git"


def sh_blocks() -> list[list[str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return [block.strip().splitlines() for block in re.findall(r"```sh\n(.*?)```", text, re.S)]


def run(command: str, folder: Path, bin_folder: Path) -> subprocess.CompletedProcess[str]:
    command = re.sub(r"\s+#.*$", "", command)  # the README's comments
    environ = {**os.environ, "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}"}
    environ.update(GIT_AUTHOR_NAME="Plan", GIT_AUTHOR_EMAIL="plan@example.org",
                   GIT_COMMITTER_NAME="Plan", GIT_COMMITTER_EMAIL="plan@example.org")  # fmt: skip
    for name in ("HPLAN_PLAN", "VIRTUAL_ENV", "PYTHONPATH"):
        environ.pop(name, None)
    return subprocess.run(["bash", "-e", "-c", command], cwd=folder, env=environ,
                          capture_output=True, text=True, timeout=600)  # fmt: skip


def test_the_readmes_first_command_and_tell_the_owners_work_as_written(
    tmp_path: Path, dependencies: Path
) -> None:
    clone = tmp_path / "hplan"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    # As if cloned from hplan's repository, its commit pushed there.
    subprocess.run(["git", "-C", str(clone), "remote", "set-url", "origin", REMOTE], check=True)
    head = subprocess.run(["git", "-C", str(clone), "rev-parse", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.strip()  # fmt: skip
    # A venv with pip, that sees hplan's dependencies (nothing to download) and no hplan.
    bin_folder = fresh_venv(tmp_path / "venv", dependencies, pip=True)

    first = sh_blocks()[0][0]
    assert first == "pip install . && hplan overdue"
    done = run(first, clone, bin_folder)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Linda Beigler" in done.stdout  # the table of what is overdue
    assert shutil.which("hplan", path=str(bin_folder)) is not None

    plan = tmp_path / "plan"
    plan.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main", str(plan)], check=True)
    shutil.copyfile(clone / "plan2025.yaml", plan / "plan2025.yaml")
    tell = next(block for block in sh_blocks() if block[0].startswith("hplan digest"))
    for line in tell:
        line = line.replace(" && git push", "")  # no remote to push to here
        done = run(line, plan, bin_folder)
        assert done.returncode == 0, f"{line}\n{done.stdout}{done.stderr}"
    workflow = (plan / ".github" / "workflows" / "hplan.yml").read_text(encoding="utf-8")
    assert f'HPLAN_INSTALL: "hplan @ git+{REMOTE}@{head}"' in workflow
    committed = subprocess.run(["git", "-C", str(plan), "show", "--stat", "HEAD"],
                               capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert ".github/workflows/hplan.yml" in committed and ".gitignore" in committed
