"""The loop in a real repository (issue 32): the GitLab pipeline `hplan ci gitlab` writes runs
end to end under gitlab-ci-local (its shell executor: the test's copy drops the `image:`), and
installs the hplan that wrote it, a wheel kept in the plan's repository. The validate job
passes on a good plan and fails, with its Code Quality report, on a broken one; the digest job
sends to an SMTP server on 127.0.0.1, and a second run sends nothing twice. The GitHub
workflow, which no runner here can run, has each `run:` step run in a fresh virtual
environment with the environment the workflow gives it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import REAL_PLAN, REPO, fresh_venv
from .mail.replies import CONTACTS, SENDER
from .mail.servers import PASSWORD, USER, Mailbox, starttls_server

GITLAB_CI_LOCAL = REPO / ".ci" / "npm" / "node_modules" / ".bin" / "gitlab-ci-local"
pytestmark = pytest.mark.xdist_group("release")  # one worker builds the release for all


@pytest.fixture
def wheel(release: tuple[Path, Path, str]) -> Path:
    """hplan's wheel, built from this checkout as a release is."""
    return release[1]


def install(bin_folder: Path, wheel: Path) -> None:
    """hplan from `wheel` into the venv (its dependencies are `dependencies`')."""
    subprocess.run(
        [str(bin_folder / "python"), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        check=True,
    )


def git(folder: Path, *arguments: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=Plan", "-c", "user.email=plan@example.org",
         *arguments], capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


def plan_repository(top: Path, folder: str, wheel: Path) -> Path:
    """A git repository at `top`, the real plan in `folder` ("" for the top) and hplan's wheel
    in .hplan/, committed; the wheel's path there."""
    (top / folder).mkdir(parents=True)
    git(top, "init", "-q", "-b", "main")
    shutil.copyfile(REAL_PLAN, top / folder / "plan2025.yaml")
    kept = top / ".hplan" / wheel.name
    kept.parent.mkdir()
    shutil.copyfile(wheel, kept)
    git(top, "add", "-A")
    git(top, "commit", "-qm", "The plan, and the hplan that reads it")
    return kept


@pytest.fixture
def repository(wheel: Path, tmp_path: Path, dependencies: Path) -> Iterator[tuple[Path, Path]]:
    """The plan's repository with hplan's wheel committed in .hplan/, and a venv where that
    wheel is installed (hplan then knows it came from there); yields both."""
    top = tmp_path / "plan"
    kept = plan_repository(top, "", wheel)
    bin_folder = fresh_venv(tmp_path / "venv", dependencies)
    install(bin_folder, kept)
    yield top, bin_folder


def pipeline(top: Path, bin_folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """gitlab-ci-local in the repository, with the venv first on PATH: each job in a copy of
    its own, as a runner's fresh clone (what a job keeps goes through the cache)."""
    environ = {**os.environ, "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}"}
    environ.pop("HPLAN_PLAN", None)
    command = [str(GITLAB_CI_LOCAL), "--no-color", "--shell-isolation"]
    command += ["--home", str(top.parent / "gcl-home"), *arguments]
    return subprocess.run(command, cwd=top, env=environ, capture_output=True, text=True,
                          timeout=300)  # fmt: skip


def test_the_gitlab_pipeline_runs_validate_and_digest_end_to_end(
    repository: tuple[Path, Path], tmp_path: Path
) -> None:
    if not GITLAB_CI_LOCAL.exists() or shutil.which("rsync") is None:
        pytest.skip("gitlab-ci-local or rsync is missing (.ci/run installs them)")
    top, bin_folder = repository
    written = subprocess.run([str(bin_folder / "hplan"), "ci", "gitlab"], cwd=top,
                             capture_output=True, text=True)  # fmt: skip
    assert written.returncode == 0, written.stderr
    wheel = next((top / ".hplan").glob("*.whl")).name
    pipeline_file = top / ".gitlab-ci.yml"
    assert f'HPLAN_INSTALL: "./.hplan/{wheel}"' in pipeline_file.read_text(encoding="utf-8")
    # The copy runs on the shell executor: no image.
    loaded = yaml.safe_load(pipeline_file.read_text(encoding="utf-8"))
    del loaded["default"]
    pipeline_file.write_text(yaml.safe_dump(loaded, sort_keys=False), encoding="utf-8")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "CI")

    good = pipeline(top, bin_folder)
    assert good.returncode == 0 and "PASS  validate" in good.stdout, good.stdout + good.stderr
    report_file = top / ".gitlab-ci-local" / "builds" / "validate" / "gl-code-quality-report.json"
    assert json.loads(report_file.read_text(encoding="utf-8")) == []

    plan = top / "plan2025.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("status: not-started", "status: nästan", 1), encoding="utf-8")
    git(top, "commit", "-qam", "A status no one knows")
    bad = pipeline(top, bin_folder)
    assert bad.returncode != 0 and "FAIL  validate" in bad.stdout, bad.stdout
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert report and report[0]["location"]["path"] == "plan2025.yaml"
    assert "nästan" in report[0]["description"]
    plan.write_text(text, encoding="utf-8")
    git(top, "commit", "-qam", "The status as it was")

    contacts = tmp_path / "contacts.yaml"  # a File variable in GitLab: a path outside the clone
    contacts.write_text(CONTACTS, encoding="utf-8")
    mailbox = Mailbox()
    with starttls_server(tmp_path, mailbox) as (port, cafile):
        variables = {
            "CI_PIPELINE_SOURCE": "schedule", "HPLAN_SMTP_HOST": "127.0.0.1",
            "HPLAN_SMTP_PORT": str(port), "HPLAN_SMTP_USER": USER, "HPLAN_SMTP_PASSWORD": PASSWORD,
            "HPLAN_SMTP_FROM": SENDER, "HPLAN_CONTACTS": str(contacts),
            "SSL_CERT_FILE": str(cafile),
        }  # fmt: skip
        given = [f"--variable={name}={value}" for name, value in variables.items()]
        first = pipeline(top, bin_folder, *given, "digest")
        assert first.returncode == 0 and "PASS  digest" in first.stdout, first.stdout
        sent = sorted(mailbox.to())
        assert sent == ["karin.flordal@example.org", "linda.beigler@example.org"]
        again = pipeline(top, bin_folder, *given, "digest")
        assert again.returncode == 0, again.stdout
    assert sorted(mailbox.to()) == sent  # the job's cache kept the sent log: nothing twice
    assert PASSWORD not in first.stdout + again.stdout


EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def steps_of(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    """The `run:` steps of a job, each with its environment (the workflow's, the job's, the
    step's) and working directory."""
    defaults = workflow.get("defaults", {}).get("run", {})
    found = []
    for step in workflow["jobs"][job]["steps"]:
        if "run" in step:
            environment = {**workflow.get("env", {}), **workflow["jobs"][job].get("env", {}),
                           **step.get("env", {})}  # fmt: skip
            folder = step.get("working-directory", defaults.get("working-directory", "."))
            found.append({"run": step["run"], "env": environment, "folder": folder})
    return found


def test_each_run_step_of_the_github_workflow_runs_in_a_fresh_environment(
    wheel: Path, tmp_path: Path, dependencies: Path
) -> None:
    """validate, report and digest, step by step as a runner would (`bash -e`), the
    expressions given as GitHub would give them; the answers job's install too."""
    top = tmp_path / "repo"
    kept = plan_repository(top, "plan", wheel)
    writer = fresh_venv(tmp_path / "writer", dependencies)
    install(writer, kept)
    written = subprocess.run([str(writer / "hplan"), "ci", "github"], cwd=top / "plan",
                             capture_output=True, text=True)  # fmt: skip
    assert written.returncode == 0, written.stderr
    workflow = yaml.safe_load((top / ".github/workflows/hplan.yml").read_text(encoding="utf-8"))
    contacts = CONTACTS
    mailbox = Mailbox()
    with starttls_server(tmp_path, mailbox) as (port, cafile):
        given = {
            "secrets.HPLAN_SMTP_HOST": "127.0.0.1", "secrets.HPLAN_SMTP_PORT": str(port),
            "secrets.HPLAN_SMTP_USER": USER, "secrets.HPLAN_SMTP_PASSWORD": PASSWORD,
            "secrets.HPLAN_SMTP_FROM": SENDER, "secrets.HPLAN_SECRET": "s" * 32,
            "secrets.HPLAN_CONTACTS": contacts,
            "needs.pages.outputs.url": "https://kommun.github.io/plan/",
        }  # fmt: skip
        for job in ("validate", "report", "digest", "inbox"):
            runner = fresh_venv(tmp_path / f"runner-{job}", dependencies)  # a fresh runner
            (tmp_path / f"temp-{job}").mkdir()
            steps = steps_of(workflow, job)
            assert steps and "pip install" in steps[0]["run"]
            for step in steps if job != "inbox" else steps[:1]:  # no mailbox to read here
                environment = {
                    **os.environ, "PATH": f"{runner}{os.pathsep}{os.environ['PATH']}",
                    "RUNNER_TEMP": str(tmp_path / f"temp-{job}"), "SSL_CERT_FILE": str(cafile),
                    **{k: EXPRESSION.sub(lambda e: given[e[1]], str(v))
                       for k, v in step["env"].items()},
                }  # fmt: skip
                environment.pop("HPLAN_PLAN", None)
                done = subprocess.run(
                    ["bash", "-e", "-c", step["run"]], cwd=top / step["folder"],
                    env=environment, capture_output=True, text=True, timeout=300,
                )  # fmt: skip
                assert done.returncode == 0, f"{job}: {step['run']}\n{done.stdout}{done.stderr}"
    assert (top / "plan" / "public" / "index.html").stat().st_size > 1000
    assert sorted(mailbox.to()) == ["karin.flordal@example.org", "linda.beigler@example.org"]
    for _, message in mailbox.received:  # each digest links to the report Pages published
        body = message.get_body(("plain",))
        assert body is not None and "https://kommun.github.io/plan/" in body.get_content()
