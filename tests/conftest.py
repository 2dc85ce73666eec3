"""Shared fixtures: a temporary copy of the real plan, and ways to run hplan on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from hplan.cli import app

if TYPE_CHECKING:
    from datetime import date

    from hplan.api import Update
    from hplan.plan.statuses import Status

REPO = Path(__file__).resolve().parent.parent
REAL_PLAN = REPO / "plan2025.yaml"


@pytest.fixture(autouse=True)
def _isolated_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No test sees the developer's HPLAN_* settings, colour wishes or cache.

    Human output is English here (HPLAN_LANG=en) unless a test asks for the plan's own
    language (Swedish for the real plan) with the `swedish` fixture.
    """
    for name in (
        "HPLAN_PLAN",
        "HPLAN_DEBUG",
        "HPLAN_LOCK_TIMEOUT",
        "HPLAN_PAGER",
        "NO_COLOR",
        "FORCE_COLOR",
        "HPLAN_HIDE_ADDRESSES",
        "CI",  # hplan names people, not addresses, in CI: a test that wants that says so
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PAGER", "cat")  # a test never waits on a pager; one test sets its own
    monkeypatch.setenv("HPLAN_LANG", "en")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    """A copy of the real plan2025.yaml in a temporary folder (tests never touch the real one)."""
    target = tmp_path / "plan2025.yaml"
    shutil.copyfile(REAL_PLAN, target)
    return target


Run = Callable[..., "Result"]


class Result:
    """What a run of hplan gave: exit code, standard output and standard error."""

    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code = code
        self.stdout = stdout
        self.stderr = stderr

    def __repr__(self) -> str:
        return f"Result(code={self.code}, stdout={self.stdout!r}, stderr={self.stderr!r})"


@pytest.fixture
def run(plan_file: Path) -> Callable[..., Result]:
    """Run hplan in-process (CliRunner) against the temporary plan; `plan=None` to not pass it."""
    runner = CliRunner()

    def invoke(
        *args: str, plan: Path | None = plan_file, env: dict[str, str] | None = None
    ) -> Result:
        argv = list(args)
        if plan is not None and argv and argv[0] not in ("--help", "--version", "-h"):
            argv += ["--plan", str(plan)]
        result = runner.invoke(app, argv, env=env, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return invoke


def hplan_script() -> str:
    """The installed `hplan` script beside this Python."""
    candidate = Path(sysconfig.get_path("scripts")) / "hplan"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("hplan")
    if found is None:
        pytest.fail("the hplan script is not installed; run: pip install -e '.[test]'")
    return found


@pytest.fixture
def script() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed `hplan` script in a subprocess (end to end)."""

    def call(
        *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, **(env or {})}
        return subprocess.run(
            [hplan_script(), *args],
            cwd=cwd,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    return call


@pytest.fixture
def python() -> str:
    return sys.executable


# Hypothesis: the default run stays well under a minute; `--hypothesis-profile soak` digs deeper.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "soak",
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("default")


@pytest.fixture(params=["libyaml", "pure-python"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml's parser and again with PyYAML's pure-Python one."""
    import yaml

    if request.param == "pure-python":
        monkeypatch.setenv("HPLAN_PURE_YAML", "1")
    elif not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML was built without libyaml here")
    return str(request.param)


@pytest.fixture
def swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    """Human output in the plan's own language, as its users see it (no HPLAN_LANG)."""
    monkeypatch.delenv("HPLAN_LANG", raising=False)


def set_status(
    path: Path, activity_id: str, status: Status | None, today: date, note: str | None = None
) -> Update:
    """What `hplan status` does: a session on the plan sets the status (or keeps a note)."""
    from hplan.api import Session

    session = Session(path, as_of=today)
    if status is None:
        assert note is not None
        return session.add_note(activity_id, note)
    return session.set_status(activity_id, status, note)


@pytest.fixture(scope="session")
def release(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """hplan's sdist and wheel, built from this checkout's commit as a release is (`python -m
    build`: the sdist, then the wheel from it), and what the build printed. Built once a run:
    the xdist workers share the folder above their own, and a lock (pytest-xdist's way)."""
    out = once_a_run(tmp_path_factory, "release", _build_release)
    sdist, wheel = next(out.glob("hplan-*.tar.gz")), next(out.glob("hplan-*.whl"))
    return sdist, wheel, (out / "made.log").read_text(encoding="utf-8")


def once_a_run(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], str]
) -> Path:
    """A folder `make` fills once in a run of the suite, whatever the xdist workers: they
    share the folder above their own, and a lock (pytest-xdist's way). What `make` returns
    is kept in made.log, which marks the folder whole."""
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp().parent
    folder = shared / name
    with FileLock(str(shared / f"{name}.lock")):
        if not (folder / "made.log").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            said = make(folder)
            (folder / "made.log").write_text(said, encoding="utf-8")
    return folder


def _build_release(out: Path) -> str:
    # From a clone of the checkout's commit, as a release is built from its tag: a build
    # writes its version file into the tree it builds, which must not be the checkout the
    # other tests run (their cache keys hold the version).
    source = out.parent / "release-source"
    shutil.rmtree(source, ignore_errors=True)
    subprocess.run(["git", "clone", "-q", str(REPO), str(source)], check=True)
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=600, env=environ, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


@pytest.fixture(scope="session")
def dependencies(release: tuple[Path, Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site-packages of a venv holding hplan's dependencies (with [inbox]'s) and pip, but
    not hplan: the fresh venvs of the tests that install hplan as a user does see them
    through a .pth, so nothing is downloaded for each, and no other hplan is in sight (not
    this checkout's, not the system's). Made once a run, as `release` is."""

    def make(folder: Path) -> str:
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
        python = str(folder / "bin" / "python")
        spec = f"hplan[inbox] @ {release[1].as_uri()}"
        subprocess.run([python, "-m", "pip", "install", "-q", spec], check=True, timeout=600)
        subprocess.run([python, "-m", "pip", "uninstall", "-q", "-y", "hplan"], check=True)
        return spec

    folder = once_a_run(tmp_path_factory, "dependencies", make)
    return next((folder / "lib").glob("python3*/site-packages"))


def fresh_venv(folder: Path, dependencies: Path, pip: bool = False) -> Path:
    """A new venv that sees `dependencies` (and their pip) and nothing else; its bin folder.
    Without `pip` of its own, `python -m pip` is the dependencies' pip, installing here."""
    without = [] if pip else ["--without-pip"]
    subprocess.run([sys.executable, "-m", "venv", *without, str(folder)], check=True)
    site = next((folder / "lib").glob("python3*/site-packages"))
    (site / "hplan-dependencies.pth").write_text(f"{dependencies}\n", encoding="utf-8")
    return folder / "bin"
