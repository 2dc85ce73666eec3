"""A release anyone can build (issue 32): the version from git, metadata PyPI accepts, a wheel
with every data file hplan reads and nothing else, and a release workflow that passes the
same checkers as the workflows hplan writes."""

from __future__ import annotations

import re
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest

from .cli.test_ci import actionlint, check
from .conftest import REPO

pytestmark = pytest.mark.xdist_group("release")  # the release is built once, on one worker

DATA = re.compile(r"\.(j2|css|js|mo|txt)$|/py\.typed$")


def tracked(prefix: str) -> list[str]:
    done = subprocess.run(["git", "-C", str(REPO), "ls-files", prefix], capture_output=True,
                          text=True, check=True)  # fmt: skip
    return done.stdout.split()


def test_the_build_warns_of_nothing_and_pypis_checks_pass(release: tuple[Path, Path, str]) -> None:
    sdist, wheel, said = release
    assert not [line for line in said.splitlines() if re.search(r"warn", line, re.I)]
    twine = check("twine", "check", "--strict", str(sdist), str(wheel))
    assert twine.returncode == 0, twine.stdout + twine.stderr
    contents = check("check-wheel-contents", str(wheel))
    assert contents.returncode == 0, contents.stdout + contents.stderr


def test_the_wheel_carries_every_data_file_and_nothing_else(
    release: tuple[Path, Path, str],
) -> None:
    _, wheel, _ = release
    names = set(zipfile.ZipFile(wheel).namelist())
    package = {n for n in names if not n.split("/")[0].endswith(".dist-info")}
    sources = {path.removeprefix("src/") for path in tracked("src/hplan")}
    modules = {n for n in sources if n.endswith(".py")} | {"hplan/_version.py", "hplan/commit.txt"}
    data = {n for n in sources if DATA.search(n)}
    built = {f"hplan/locale/{lang}/{name}" for lang in ("en", "sv")
             for name in ("LC_MESSAGES/hplan.mo", "months.txt")}  # fmt: skip
    assert package == modules | data | built
    assert not any(n.endswith(".po") for n in names)  # the build's input, not hplan's


def test_the_version_comes_from_git_and_says_its_commit(release: tuple[Path, Path, str]) -> None:
    sdist, wheel, _ = release
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.strip()  # fmt: skip
    # The wheel is built from the sdist, where git is not: the sdist carried the commit.
    with zipfile.ZipFile(wheel) as opened:
        assert opened.read("hplan/commit.txt").decode() == f"{head}\n"
        metadata = opened.read(next(n for n in opened.namelist() if n.endswith("METADATA")))
    text = metadata.decode()
    assert "License-Expression: MIT" in text and "Project-URL: Repository, https://" in text
    assert "Classifier: Programming Language :: Python :: 3.11" in text
    # The sdist builds the same version without git (its PKG-INFO).
    with tarfile.open(sdist) as opened:
        assert any(n.endswith("/PKG-INFO") for n in opened.getnames())


def test_the_release_workflow_passes_githubs_checkers() -> None:
    workflow = REPO / ".github" / "workflows" / "release.yml"
    assert actionlint(workflow) == []
    zizmor = check("zizmor", "--offline", "--persona=pedantic", str(workflow))
    assert zizmor.returncode == 0, zizmor.stdout + zizmor.stderr
    schema = check("check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow))
    assert schema.returncode == 0, schema.stdout
    text = workflow.read_text(encoding="utf-8")
    assert "id-token: write" in text and "pypa/gh-action-pypi-publish@" in text
