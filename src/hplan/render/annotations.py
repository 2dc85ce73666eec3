"""Problems of plan files as a CI platform shows them on the lines of a diff: GitHub's
workflow commands (`::error file=…,line=…,col=…::…`) and GitLab's Code Quality report."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from hplan.errors import PlanInvalid
from hplan.render.i18n import say


def _data(text: str) -> str:
    """A workflow command's message, escaped as GitHub reads it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value (file=…), escaped as GitHub reads it."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def github(invalid: list[PlanInvalid], warnings: list[tuple[Path, str]], language: str) -> str:
    """One `::error` line per problem, one `::warning` per warning."""
    lines = []
    for error in invalid:
        for problem in error.problems:
            lines.append(
                f"::error file={_property(str(error.path))},line={problem.line},"
                f"col={problem.column},title=hplan::{_data(say(problem.message, language))}"
            )
    for path, warning in warnings:
        lines.append(f"::warning file={_property(str(path))},title=hplan::{_data(warning)}")
    return "".join(line + "\n" for line in lines)


def gitlab(invalid: list[PlanInvalid], language: str) -> str:
    """GitLab's Code Quality report: a JSON array, one issue per problem."""
    issues = []
    for error in invalid:
        for problem in error.problems:
            description = say(problem.message, language)
            key = f"{error.path}\0{problem.line}\0{problem.column}\0{problem.message.text}"
            issues.append(
                {
                    "description": description,
                    "check_name": "hplan-validate",
                    "fingerprint": hashlib.sha256(key.encode()).hexdigest(),
                    "severity": "major",
                    "location": {"path": str(error.path), "lines": {"begin": problem.line}},
                }
            )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
