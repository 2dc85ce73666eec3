"""Files that hold addresses (the contacts file, the digest's sent log) and git: ignored where
hplan creates them, and said when a `git add -A` would commit them or a public host may show
them (issue 32)."""

from __future__ import annotations

import re
from pathlib import Path

from hplan.errors import Message
from hplan.origin import git_answer

PUBLIC_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org")
"""Hosts where a repository is often public; hplan cannot see a repository's visibility."""


def exposed(path: Path) -> Message | None:
    """Why `path`, a file that holds addresses, may land where others read it; else None (not
    in git, or ignored, or tracked in a repository with no remote on a public host)."""
    if not path.is_file():
        return None
    folder = path.resolve().parent
    name = path.resolve().name
    if git_answer(folder, "rev-parse", "--show-toplevel") is None:
        return None  # not in a repository
    if git_answer(folder, "check-ignore", "-q", "--", name) is not None:
        return None  # ignored
    if git_answer(folder, "ls-files", "--error-unmatch", "--", name) is None:
        return Message(
            "{path} holds addresses and git does not ignore it: a `git add -A` would commit "
            "it. Add it to .gitignore (`hplan ci` does)",
            path=path,
        )
    remotes = git_answer(folder, "remote", "-v") or ""
    public = next((host for host in PUBLIC_HOSTS if re.search(rf"[@/]{re.escape(host)}[:/]",
                                                              remotes)), None)  # fmt: skip
    if public is None:
        return None
    return Message(
        "{path} holds addresses and is committed to a repository on {host}: if that repository "
        "is public, so are they. Keep it out of git (git rm --cached, then .gitignore) and give "
        "it to CI as a secret (docs/digest.md)",
        path=path,
        host=public,
    )


def ignore_lines(top: Path, paths: list[Path]) -> bytes | None:
    """The repository's .gitignore with a line for each of `paths` it does not ignore yet,
    or None when nothing is to add. Lines are anchored at the top ("/plans/.hplan-sent.jsonl")."""
    gitignore = top / ".gitignore"
    try:
        text = gitignore.read_bytes().decode("utf-8")
    except FileNotFoundError:
        text = ""
    lines = set(text.splitlines())
    wanted = [f"/{p.resolve().relative_to(top.resolve()).as_posix()}" for p in paths]
    missing = [line for line in wanted if line not in lines]
    if not missing:
        return None
    start = text if not text or text.endswith("\n") else f"{text}\n"
    block = "# Addresses and what was sent to them, kept out of git (hplan ci)\n"
    added = "".join(line + "\n" for line in missing)
    return (start + ("" if block in text else block) + added).encode("utf-8")
