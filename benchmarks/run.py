"""Time whole `hplan` processes on the real plan and on synthetic plans of 1,000 and 10,000.

    python benchmarks/run.py            # 5 runs each after a warm-up; writes RESULTS.md
    python benchmarks/run.py --runs 9

Medians, min–max and peak memory (max RSS) per command, beside the floors `python -c pass`
and `python -c "import typer, yaml, pydantic"`, and the targets of issue 5.
"""

from __future__ import annotations

import argparse
import os
import platform
import pty
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.synthetic import make_plan  # noqa: E402

AS_OF = "2025-07-01"


@dataclass
class Measure:
    plan: str
    name: str
    times: list[float]
    rss_mb: float

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def hplan() -> str:
    script = Path(sysconfig.get_path("scripts")) / "hplan"
    return str(script) if script.exists() else shutil.which("hplan") or "hplan"


def run_piped(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall time and max RSS (MB) of one process with its output piped."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed: {process.stderr.read() if process.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024


def run_terminal(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """The same with a pseudo-terminal as standard output (tables drawn with rich)."""
    controller, terminal = pty.openpty()
    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env={**env, "COLUMNS": "100"}, stdout=terminal,
                               stderr=subprocess.DEVNULL)
    os.close(terminal)
    while True:
        try:
            if not os.read(controller, 1 << 16):
                break
        except OSError:
            break
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    os.close(controller)
    return elapsed, usage.ru_maxrss / 1024


def measure(plan: str, name: str, runs: int, once: Callable[[], tuple[float, float]],
            before: Callable[[], None] = lambda: None) -> Measure:
    before()
    once()  # warm-up: fills the OS cache and hplan's plan cache
    times, peak = [], 0.0
    for _ in range(runs):
        before()
        elapsed, rss = once()
        times.append(elapsed)
        peak = max(peak, rss)
    return Measure(plan, name, times, peak)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (>= 5)")
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "RESULTS.md")
    args = parser.parse_args()
    runs = max(args.runs, 5)
    exe = hplan()
    results: list[Measure] = []
    with tempfile.TemporaryDirectory(prefix="hplan-bench-") as scratch:
        root = Path(scratch)
        env = {**os.environ, "XDG_CACHE_HOME": str(root / "cache")}
        env.pop("NO_COLOR", None)
        floors = [("python -c pass", [sys.executable, "-c", "pass"]),
                  ('python -c "import typer, yaml, pydantic"',
                   [sys.executable, "-c", "import typer, yaml, pydantic"])]
        for name, argv in floors:
            results.append(measure("-", name, runs,
                                   lambda argv=argv: run_piped(argv, root, env)))
        plans = {"real (19)": (REPO / "plan2025.yaml").read_text(encoding="utf-8"),
                 "1,000": make_plan(1000), "10,000": make_plan(10000)}
        for label, text in plans.items():
            folder = root / label.split()[0].replace(",", "")
            folder.mkdir()
            plan = folder / "plan2025.yaml"
            plan.write_text(text, encoding="utf-8")
            owner = "Linda Beigler"

            def piped(*a: str, folder: Path = folder) -> Callable[[], tuple[float, float]]:
                return lambda: run_piped([exe, *a], folder, env)

            def tty(*a: str, folder: Path = folder) -> Callable[[], tuple[float, float]]:
                return lambda: run_terminal([exe, *a], folder, env)

            def restore(plan: Path = plan, text: str = text) -> None:
                plan.write_text(text, encoding="utf-8")

            commands: list[tuple[str, Callable[[], tuple[float, float]], Callable[[], None]]] = [
                ("list (piped)", piped("list", "--as-of", AS_OF), lambda: None),
                ("list (terminal table)", tty("list", "--as-of", AS_OF), lambda: None),
                ("list --owner … --format json",
                 piped("list", "--owner", owner, "--format", "json", "--as-of", AS_OF),
                 lambda: None),
                ("overdue (piped)", piped("overdue", "--as-of", AS_OF), lambda: None),
                ("overdue (terminal table)", tty("overdue", "--as-of", AS_OF), lambda: None),
                ("overdue --by goal", piped("overdue", "--by", "goal", "--as-of", AS_OF),
                 lambda: None),
                ("list --format json", piped("list", "--format", "json", "--as-of", AS_OF),
                 lambda: None),
                ("validate", piped("validate"), lambda: None),
                ("status ID done (write)", piped("status", "2", "done", "--as-of", AS_OF),
                 restore),
                ("report -o report.html",
                 piped("report", "-o", str(folder / "report.html"), "--as-of", AS_OF),
                 lambda: None),
                ("--help", piped("--help"), lambda: None),
                ("--version", piped("--version"), lambda: None),
            ]
            if label != "real (19)":
                commands = [c for c in commands if c[0] not in ("--help", "--version")]
                uncached = {**env, "HPLAN_NO_CACHE": "1"}
                commands.append(("validate (no cache)",
                                 lambda f=folder: run_piped([exe, "validate"], f, uncached),
                                 lambda: None))
            for name, once, before in commands:
                results.append(measure(label, name, runs, once, before))
                print(f"{label:10} {name:34} {results[-1].median:7.3f} s", file=sys.stderr)
    write_results(results, runs, args.output)


def write_results(results: list[Measure], runs: int, output: Path) -> None:
    floor = next(m for m in results if m.name.startswith('python -c "import')).median
    rows = [
        f"| {m.plan} | `{m.name}` | {m.median:.3f} | {min(m.times):.3f}–{max(m.times):.3f} | "
        f"{m.median / floor:.2f}× | {m.rss_mb:.0f} |"
        for m in results
    ]
    by = {(m.plan, m.name): m for m in results}

    def check(plan: str, name: str, limit: float, *, ratio: bool = False) -> str:
        m = by[(plan, name)]
        value = m.median / floor if ratio else m.median
        unit = "×" if ratio else " s"
        verdict = "met" if value <= limit else "NOT met"
        return f"| {plan} | `{name}` | ≤ {limit}{unit} | {value:.2f}{unit} | {verdict} |"

    targets = [
        check("real (19)", "list (piped)", 1.25, ratio=True),
        check("real (19)", "overdue (piped)", 1.25, ratio=True),
        check("real (19)", "list (terminal table)", 1.5, ratio=True),
        check("real (19)", "overdue (terminal table)", 1.5, ratio=True),
        check("real (19)", "--help", 1.0, ratio=True),
        check("real (19)", "--version", 1.0, ratio=True),
        check("10,000", "overdue (piped)", 0.25),
        check("10,000", "list --format json", 0.25),
        check("10,000", "validate", 0.25),
        check("10,000", "status ID done (write)", 0.5),
        check("10,000", "list (terminal table)", 1.0),
    ]
    peak = max(m.rss_mb for m in results if m.plan == "10,000")
    growth = [
        f"| `{name}` | {by[('1,000', name)].median:.3f} | {by[('10,000', name)].median:.3f} | "
        f"{by[('10,000', name)].median / by[('1,000', name)].median:.1f}× |"
        for name in ("overdue (piped)", "list --format json", "validate", "validate (no cache)",
                     "status ID done (write)")
    ]
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")  # noqa: UP017
    text = "\n".join([
        "# hplan benchmark results",
        "",
        f"Made by `python benchmarks/run.py` on {stamp}: {machine()}.",
        f"Each figure is the median of {runs} runs of a whole process after one warm-up run "
        "(which also fills hplan's plan cache); min–max beside it; peak memory is the largest "
        "max RSS of those runs. Ratios are to the floor "
        f"`python -c \"import typer, yaml, pydantic\"` = {floor:.3f} s in the same run.",
        "",
        "## Targets (issue 5)",
        "",
        "| plan | command | target | measured | |",
        "|---|---|---|---|---|",
        *targets,
        f"| 10,000 | peak memory, any command | ≤ 150 MB | {peak:.0f} MB | "
        f"{'met' if peak <= 150 else 'NOT met'} |",
        "",
        "## Growth from 1,000 to 10,000 activities (linear would be 10×)",
        "",
        "| command | 1,000 (s) | 10,000 (s) | growth |",
        "|---|---|---|---|",
        *growth,
        "",
        "## All figures",
        "",
        "| plan | command | median (s) | min–max (s) | vs floor | max RSS (MB) |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
    ])
    output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
