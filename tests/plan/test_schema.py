"""The plan's JSON Schema for editors: committed, current, and true to the real plan."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from hplan.cli import app

from ..conftest import REAL_PLAN, REPO

COMMITTED = REPO / "plan.schema.json"


def as_an_editor_reads(path: Path) -> Any:
    """The YAML as a YAML 1.2 editor sees it: dates are text there."""

    def normal(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: normal(v) for k, v in value.items()}
        if isinstance(value, list):
            return [normal(v) for v in value]
        return value.isoformat() if isinstance(value, date) else value

    return normal(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_the_committed_schema_is_the_generated_one(tmp_path: Path) -> None:
    printed = CliRunner().invoke(app, ["schema"])
    assert printed.exit_code == 0
    assert json.loads(printed.stdout) == json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert printed.stdout == COMMITTED.read_text(encoding="utf-8"), (
        "run: hplan schema -o plan.schema.json"
    )


def test_the_plan_points_editors_to_the_schema() -> None:
    first = REAL_PLAN.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=plan.schema.json"


def test_the_real_plan_validates_against_the_schema() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(as_an_editor_reads(REAL_PLAN))


@pytest.mark.parametrize(
    ("broken", "where"),
    [
        ("unknown-key.yaml", "satus"),
        ("unknown-status.yaml", "halvklar"),
        ("missing-deadline.yaml", "deadline"),
        ("goal-id-not-numbered.yaml", "4.2.a"),
    ],
)
def test_the_schema_flags_what_hplan_refuses(broken: str, where: str) -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    errors = list(
        jsonschema.Draft202012Validator(schema).iter_errors(
            as_an_editor_reads(REPO / "tests" / "corpus" / broken)
        )
    )
    assert errors
    assert any(where in (e.message + json.dumps(list(e.path))) for e in errors), errors


def test_the_schema_describes_statuses_and_deadlines() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    activity = schema["$defs"]["Activity"]["properties"]
    assert "pågår" in activity["status"]["enum"] and "done" in activity["status"]["enum"]
    assert "Första halvåret 2025" in activity["deadline"]["description"]
