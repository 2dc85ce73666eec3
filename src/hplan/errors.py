"""The errors hplan reports to its user. The CLI maps them to exit codes in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class HplanError(Exception):
    """A user or data error: one clear message, and the exit status it carries."""

    exit_code = 1


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a plan file, at a 1-based line and column where known."""

    line: int
    column: int
    message: str

    def located(self, path: Path | str) -> str:
        return f"{path}:{self.line}:{self.column}: {self.message}"


class PlanInvalid(HplanError):
    """The plan file cannot be used; every problem found, in line order."""

    def __init__(self, path: Path | str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = sorted(set(problems))
        super().__init__("\n".join(p.located(path) for p in self.problems))


class PlanNotFound(HplanError):
    """No plan file could be found or read."""


class LockTimeout(HplanError):
    """Another hplan holds the plan's write lock for too long."""


class OptionError(HplanError):
    """A value given on the command line that hplan cannot use: a usage error, exit status 2."""

    exit_code = 2

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")


class PlanChanged(HplanError):
    """The file changed after hplan read it (another hplan, or an editor saved it)."""
