"""hplan/origin.py: CI installs exactly the hplan that wrote its file, from a source that
exists, or `hplan ci` refuses in words; a missing extra says how to install it from there."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from hplan import origin
from hplan.errors import ExtraMissing, UsageError
from hplan.render.i18n import say

from .conftest import Run

COMMIT = "0123456789abcdef0123456789abcdef01234567"


class Installed:
    """A distribution as importlib.metadata gives it, with the direct_url.json pip wrote."""

    def __init__(self, direct: dict[str, object] | None, version: str = "0.2.0") -> None:
        self.direct = direct
        self.version = version

    def read_text(self, name: str) -> str | None:
        assert name == "direct_url.json"
        return None if self.direct is None else json.dumps(self.direct)


def installed_as(
    monkeypatch: pytest.MonkeyPatch, direct: dict[str, object] | None, version: str = "0.2.0"
) -> None:
    import importlib.metadata

    monkeypatch.setattr(importlib.metadata, "distribution", lambda name: Installed(direct, version))


def git(folder: Path, *arguments: str) -> str:
    return subprocess.run(
        ["git", "-C", str(folder), *arguments], capture_output=True, text=True, check=True
    ).stdout.strip()


def clone(folder: Path, remote: str | None, pushed: bool) -> str:
    """A clone of hplan's source with one commit; its remote, and a remote-tracking branch
    holding the commit when `pushed`."""
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    (folder / "pyproject.toml").write_text("[project]\nname = 'hplan'\n")
    git(folder, "add", "-A")
    git(folder, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "hplan")
    if remote is not None:
        git(folder, "remote", "add", "origin", remote)
        if pushed:
            git(folder, "update-ref", "refs/remotes/origin/main", "HEAD")
    return git(folder, "rev-parse", "HEAD")


def test_from_a_vcs_url_ci_installs_that_url_and_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "https://ci-token:secret@git.example/hplan.git"
    vcs = {"vcs": "git", "commit_id": COMMIT, "requested_revision": "v0.2.0"}
    installed_as(monkeypatch, {"url": url, "vcs_info": vcs})
    found = origin.origin()
    # The commit, not the tag (a tag can be moved), and never the token in the URL.
    assert found.requirement == f"hplan @ git+https://git.example/hplan.git@{COMMIT}"


def test_from_an_index_ci_installs_that_name_and_version(monkeypatch: pytest.MonkeyPatch) -> None:
    installed_as(monkeypatch, None, "0.2.0")
    assert origin.origin().requirement == "hplan==0.2.0"
    installed_as(monkeypatch, None, "0.2.1.dev3+g0123456")  # no index serves a local version
    assert origin.origin().requirement is None


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("https://git.example/hplan.git", "git+https://git.example/hplan.git"),
        ("git@git.example:kommun/hplan.git", "git+ssh://git@git.example/kommun/hplan.git"),
    ],
)
def test_from_a_pushed_clone_ci_installs_its_remote_and_commit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, remote: str, expected: str
) -> None:
    commit = clone(tmp_path / "hplan", remote, pushed=True)
    url = (tmp_path / "hplan").as_uri()
    installed_as(monkeypatch, {"url": url, "dir_info": {"editable": True}})
    assert origin.origin().requirement == f"hplan @ {expected}@{commit}"


@pytest.mark.parametrize(
    ("remote", "pushed", "words"),
    [
        (None, False, "has no remote"),
        ("https://git.example/hplan.git", False, "is not pushed"),
        ("/srv/git/hplan.git", True, "CI cannot reach"),
    ],
)
def test_a_clone_ci_cannot_install_from_is_refused_in_words(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, remote: str | None,
    pushed: bool, words: str, plan_file: Path,
) -> None:  # fmt: skip
    clone(tmp_path / "hplan", remote, pushed)
    installed_as(monkeypatch, {"url": (tmp_path / "hplan").as_uri(), "dir_info": {}})
    subprocess.run(["git", "init", "-q", str(plan_file.parent)], check=True)
    result = run("ci", "github")
    assert result.code == 2 and words in result.stderr
    assert "--install" in result.stderr and "./.hplan/" in result.stderr
    assert not (plan_file.parent / ".github").exists()  # nothing written
    assert not (plan_file.parent / ".gitignore").exists()


def test_a_wheel_kept_in_the_plans_repository_is_installed_from_its_path(
    run: Run, monkeypatch: pytest.MonkeyPatch, plan_file: Path
) -> None:
    top = plan_file.parent
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    wheel = top / ".hplan" / "hplan-0.2.0-py3-none-any.whl"
    wheel.parent.mkdir()
    wheel.write_bytes(b"PK")
    installed_as(monkeypatch, {"url": wheel.as_uri(), "archive_info": {}})
    refused = run("ci", "gitlab")
    assert refused.code == 2 and "is not committed" in refused.stderr
    git(top, "add", str(wheel))
    result = run("ci", "gitlab")
    assert result.code == 0, result.stderr
    text = (top / ".gitlab-ci.yml").read_text(encoding="utf-8")
    assert 'HPLAN_INSTALL: "./.hplan/hplan-0.2.0-py3-none-any.whl"' in text
    assert "./.hplan/hplan-0.2.0-py3-none-any.whl[inbox]" in text


def test_a_wheel_url_is_installed_with_its_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "https://files.example/hplan-0.2.0-py3-none-any.whl"
    installed_as(monkeypatch, {"url": url, "archive_info": {"hashes": {"sha256": "ab" * 32}}})
    assert origin.origin().requirement == f"hplan @ {url}#sha256={'ab' * 32}"
    installed_as(monkeypatch, {"url": "file:///tmp/hplan-0.2.0-py3-none-any.whl"})
    found = origin.origin()
    assert found.requirement is None and found.why is not None
    assert "CI cannot reach" in say(found.why, "en")


def test_never_a_bare_name_no_index_has(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    installed_as(monkeypatch, {"url": "file:///nowhere", "dir_info": {}})
    with pytest.raises(UsageError) as refused:
        origin.requirement(tmp_path)
    assert "--install" in say(refused.value.message, "en")


def test_a_missing_extra_says_how_to_install_it_from_where_hplan_came(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    installed_as(monkeypatch, {"url": "https://git.example/hplan.git",
                               "vcs_info": {"vcs": "git", "commit_id": COMMIT}})  # fmt: skip
    with pytest.raises(ExtraMissing) as missing:
        origin.needs("web", ("flask", "no_such_module_hplan"), "hplan serve")
    words = say(missing.value.message, "en")
    assert f"pip install 'hplan[web] @ git+https://git.example/hplan.git@{COMMIT}'" in words
    assert missing.value.exit_code == 2
    origin.needs("web", ("json",), "hplan serve")  # installed: nothing said


@pytest.mark.parametrize(
    ("command", "extra", "module"),
    [(("serve", "--no-browser"), "web", "flask"), (("import", "plan.docx"), "import", "docx")],
)
def test_a_command_whose_extra_is_missing_exits_2_and_writes_nothing(
    run: Run, monkeypatch: pytest.MonkeyPatch, plan_file: Path, command: tuple[str, ...],
    extra: str, module: str,
) -> None:  # fmt: skip
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == module else real(name, *a)
    )
    before = sorted(plan_file.parent.iterdir())
    result = run(*command)
    assert result.code == 2 and f"[{extra}]" in result.stderr and "Traceback" not in result.stderr
    assert sorted(plan_file.parent.iterdir()) == before


@pytest.mark.parametrize(
    ("install", "expected"),
    [
        ("hplan==0.2.0", "hplan[inbox]==0.2.0"),
        ("hplan[web] @ git+https://x/h@v1", "hplan[web,inbox] @ git+https://x/h@v1"),
        ("hplan[inbox]==1", "hplan[inbox]==1"),
        ("https://x/hplan.whl", "hplan[inbox] @ https://x/hplan.whl"),
        ("./.hplan/hplan.whl", "./.hplan/hplan.whl[inbox]"),
    ],
)
def test_with_extra(install: str, expected: str) -> None:
    assert origin.with_extra(install, "inbox") == expected
