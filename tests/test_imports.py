"""The commands that only read stay fast: they import nothing of mail, web or import code; a
status write on a plan read from the cache validates no whole plan."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

NOT_ON_THE_READ_PATH = (
    "smtplib",
    "css_inline",
    "email_validator",
    "email.mime",
    "email.headerregistry",
    "hplan.mail",
    "hplan.api.digest",
    "hplan.api.inbox",
    "hplan.queries.replies",
    "hplan.plan.replies",
    "hplan.render.inbox",
    "imaplib",
    "imapclient",
    "mailparser_reply",
    "mailbox",
    "html.parser",
    "hplan.render.digest",
    "hplan.queries.digest",
    "hplan.web",
    "hplan.render.pages",
    "flask",
    "werkzeug",
    "waitress",
    "hplan.imports",
    "hplan.api.imports",
    "docx",
    "lxml",
    "pdfplumber",
    "pdfminer",
    "pydantic",
    "typer._adapters",
    "importlib.metadata",
    "hplan.cli.help_text",
)
"""Nor pydantic: the plan read from the cache is no pydantic model, and Typer 0.29's adapters
(with pydantic's plugin loader and importlib.metadata) are not built for plain parameters
(`hplan.cli.coercion`, issue 16). Nor the help pages' translation, which only `--help` uses."""

SCRIPT = """
import json, sys
sys.argv = ["hplan", *sys.argv[1:]]
from hplan.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "argv",
    [["list"], ["overdue"], ["show", "7"],
     ["list", "--status", "open", "--sort", "due", "-n", "9", "-f", "json", "--owner", "linda"],
     ["overdue", "--by", "owner", "--format", "csv"]],
)  # fmt: skip
def test_read_commands_import_no_mail_web_or_import_code(plan_file: Path, argv: list[str]) -> None:
    for _ in range(2):  # the second run reads the plan from the cache, as people's runs do
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, *argv, "--plan", str(plan_file), "--as-of",
             "2025-07-01"],
            capture_output=True, text=True, check=True, timeout=60,
        )  # fmt: skip
    loaded = json.loads(done.stderr.strip().splitlines()[-1])
    assert "7" in done.stdout
    found = [m for m in loaded if m.startswith(NOT_ON_THE_READ_PATH)]
    assert found == []


NOT_ON_A_CACHED_WRITE = (
    *NOT_ON_THE_READ_PATH,
    "hplan.plan.validation",
    "hplan.store.problems",
    "hplan.store.syntax",
)
"""An edit of one activity of a plan read from the cache parses that activity's lines only:
no validation of a whole plan, and none of the words for a text YAML cannot read."""


def test_a_status_write_on_a_cached_plan_validates_no_whole_plan(plan_file: Path) -> None:
    run = [sys.executable, "-c", SCRIPT, "--plan", str(plan_file), "--as-of", "2025-07-01"]
    subprocess.run([*run, "list"], capture_output=True, check=True, timeout=60)
    done = subprocess.run(
        [*run, "status", "7", "done", "--note", "Mässan hölls"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    loaded = json.loads(done.stderr.strip().splitlines()[-1])
    assert "genomförd" in done.stdout or "done" in done.stdout
    assert "hplan.store.document" in loaded and "yaml" in loaded  # its lines were parsed
    assert [m for m in loaded if m.startswith(NOT_ON_A_CACHED_WRITE)] == []
