"""Where this hplan came from, and the pip requirement that installs the same hplan again:
in CI (`hplan ci`) and when an extra is missing (issue 32). Never a bare name that no package
index has.

- Installed from a VCS URL: that URL and commit (PEP 610's `direct_url.json` records them).
- Installed from a folder (a clone, editable or not): its remote's URL and its commit, once
  the commit is pushed.
- Installed from a wheel's URL: that URL and its hash; from a wheel file in the plan's
  repository: its path from the plan's folder, where the CI jobs run.
- Installed from an index (no `direct_url.json`): the name and version.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from hplan.errors import ExtraMissing, Message

NAME = "hplan"


@dataclass(frozen=True)
class Origin:
    """The requirement that installs this hplan (`hplan @ git+https://…@<commit>`), or, when
    none can be known, why not."""

    requirement: str | None
    why: Message | None = None


def origin(plan_folder: Path | None = None) -> Origin:
    """Where this hplan came from. `plan_folder`: where CI runs hplan, for a wheel kept in the
    plan's repository."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        installed = distribution(NAME)
    except PackageNotFoundError:
        return Origin(None, Message("hplan runs from a source tree and is not installed"))
    recorded = installed.read_text("direct_url.json")
    if recorded is None:  # from an index (PEP 610 records every other way)
        version = installed.version
        if "+" in version:  # a local version no index serves
            return Origin(None, Message("its version {version} is in no index", version=version))
        return Origin(f"{NAME}=={version}")
    try:
        direct = json.loads(recorded)
        url = str(direct["url"])
    except (ValueError, KeyError, TypeError):
        return Origin(None, Message("its record of where it came from is damaged"))
    if "vcs_info" in direct:
        commit = str(direct["vcs_info"].get("commit_id", ""))
        return _remote(url.removeprefix("git+"), commit)
    if "dir_info" in direct:
        return _clone(_local(url))
    if url.startswith(("https://", "http://")):
        hashes = direct.get("archive_info", {}).get("hashes", {})
        pinned = f"#sha256={hashes['sha256']}" if "sha256" in hashes else ""
        return Origin(f"{NAME} @ {_without_password(url)}{pinned}")
    return _kept_wheel(_local(url), plan_folder)


def built_from() -> str | None:
    """The commit this hplan was built from (setup.py writes it beside the modules), if known."""
    try:
        text = (Path(__file__).parent / "commit.txt").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", text) else None


def requirement(plan_folder: Path, extra: str | None = None) -> str:
    """The requirement CI installs: this hplan, with `extra`; refused in words, with the ways
    to give `--install`, when where it came from cannot be known."""
    from hplan.errors import UsageError

    found = origin(plan_folder)
    if found.requirement is None:
        raise UsageError(
            "install",
            Message(
                "CI cannot install this hplan: {why}. Give --install with what CI installs: a "
                "git URL with a tag or commit ('hplan @ git+https://git.example/hplan@v0.2.0'), "
                "a wheel's URL, or a wheel kept in the plan's repository "
                "(./.hplan/hplan-0.2.0-py3-none-any.whl); docs/digest.md shows each",
                why=found.why or "",
            ),
        )
    return with_extra(found.requirement, extra) if extra else found.requirement


def needs(extra: str, modules: tuple[str, ...], command: str) -> None:
    """Nothing when `modules` can be imported; else ExtraMissing, saying which extra to
    install and how, from where this hplan came."""
    import importlib.util

    if all(importlib.util.find_spec(name) is not None for name in modules):
        return
    raise ExtraMissing(
        Message(
            "{command} needs hplan's extra [{extra}], which is not installed; nothing was "
            "done. Install it: {how}",
            command=command,
            extra=extra,
            how=install_command(extra),
        )
    )


def install_command(extra: str) -> Message | str:
    """How to install this hplan with `extra`: the pip command from where it came, else in
    words (never a bare `hplan[pdf]` that no index may serve)."""
    found = origin().requirement
    if found is None:
        return Message("install hplan again from where it came, with [{extra}] after its name",
                       extra=extra)  # fmt: skip
    return f"pip install '{with_extra(found, extra)}'"


def with_extra(install: str, extra: str) -> str:
    """The requirement with an extra of hplan's: `hplan[inbox]==0.1.0`,
    `hplan[inbox] @ git+https://…`, `./.hplan/hplan.whl[inbox]`."""
    named = re.match(r"^\s*hplan\s*(\[[^\]]*\])?(.*)$", install, re.I)
    if named is not None:
        extras = [e.strip() for e in (named.group(1) or "[]")[1:-1].split(",") if e.strip()]
        rest = named.group(2).strip()
        name = f"hplan[{','.join(dict.fromkeys([*extras, extra]))}]"
        return f"{name} {rest}" if rest.startswith("@") else f"{name}{rest}"
    if "://" in install:
        return f"hplan[{extra}] @ {install.strip()}"
    return f"{install.strip()}[{extra}]"  # a path to a wheel or a source folder


def _local(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


def git_answer(folder: Path, *arguments: str) -> str | None:
    """What a git command run in `folder` printed (stripped), or None when it failed, exited
    other than 0, or git is missing: a question asked of git that may have no answer."""
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *arguments],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _clone(folder: Path) -> Origin:
    """A folder pip installed: the clone's remote and commit, once the commit is pushed."""
    commit = git_answer(folder, "rev-parse", "--verify", "HEAD")
    if not commit:
        return Origin(None, Message("it was installed from {path}, which is no git clone",
                                    path=folder))  # fmt: skip
    upstream = git_answer(
        folder, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"
    )
    remotes = (git_answer(folder, "remote") or "").split()
    name = upstream.split("/")[0] if upstream else ("origin" if "origin" in remotes else "")
    name = name or (remotes[0] if len(remotes) == 1 else "")
    url = git_answer(folder, "remote", "get-url", name) if name else None
    if not url:
        return Origin(None, Message("its clone {path} has no remote to install it from",
                                    path=folder))  # fmt: skip
    if not git_answer(folder, "branch", "--remotes", "--contains", commit):
        return Origin(
            None,
            Message("the commit {commit} of {path} is not pushed (git push, then run this again)",
                    commit=commit[:12], path=folder),
        )  # fmt: skip
    return _remote(url, commit)


def _remote(url: str, commit: str) -> Origin:
    """A git remote and commit as a pip requirement, when CI can reach the remote."""
    scp = re.match(r"^([\w.-]+@)?([\w.-]+):(?!//)(.+)$", url)
    if scp is not None and not os.path.isabs(url):
        url = f"ssh://{scp.group(1) or ''}{scp.group(2)}/{scp.group(3)}"
    if not re.match(r"^(https?|ssh)://", url):
        return Origin(None, Message("it came from {url}, a folder on this machine that CI "
                                    "cannot reach", url=url))  # fmt: skip
    if not re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", commit):
        return Origin(None, Message("the commit it came from is not recorded"))
    return Origin(f"{NAME} @ git+{_without_password(url)}@{commit}")


def _kept_wheel(wheel: Path, plan_folder: Path | None) -> Origin:
    """A wheel file pip installed: usable in CI only when it is kept in the plan's repository."""
    if plan_folder is not None and wheel.suffix == ".whl":
        top = git_answer(plan_folder, "rev-parse", "--show-toplevel")
        kept = top is not None and wheel.resolve().is_relative_to(Path(top).resolve())
        if kept and git_answer(plan_folder, "ls-files", "--error-unmatch", str(wheel.resolve())):
            path = os.path.relpath(wheel.resolve(), plan_folder.resolve())
            return Origin(path if path.startswith("..") else f"./{path}")
        if kept:
            return Origin(None, Message("its wheel {path} is not committed (git add it, commit "
                                        "and push)", path=wheel))  # fmt: skip
    return Origin(None, Message("it was installed from {path}, a file on this machine that CI "
                                "cannot reach", path=wheel))  # fmt: skip


def _without_password(url: str) -> str:
    """The URL without a password or token in it (a CI file is read by many)."""
    parts = urlsplit(url)
    if parts.password is None and not (parts.username and parts.scheme.startswith("http")):
        return url
    host = parts.hostname or ""
    user = f"{parts.username}@" if parts.scheme == "ssh" and parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit((parts.scheme, f"{user}{host}{port}", parts.path, parts.query, ""))
