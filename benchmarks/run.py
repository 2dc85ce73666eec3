"""Time whole `hplan` processes beside the floors they are judged against; write RESULTS.md.

    python benchmarks/run.py                    # 7 runs each after a warm-up
    python benchmarks/run.py --runs 15
    python benchmarks/run.py --hplan /other/venv/bin/hplan --output before.md

Figures, each the median of whole processes (min–max and peak memory beside it); the ones
compared with each other (the cold start's, `overdue` and `task list`, the status write and
`task modify`) run in turn, run by run, so that the machine's drift changes them alike:
- cold start: `hplan overdue` on the real plan in a new process, against the import floor
  `python -c "import typer, yaml, pydantic"` (with the Python and Typer hplan runs with) and
  against a minimal Typer app with the same options and one command (issue 16);
- 10,000 activities (tests/synthetic.py), against Taskwarrior (Debian's `taskwarrior`) holding
  the same 10,000 tasks: `overdue` against `task list`, a status write with a note against
  `task N modify`, and peak memory;
- history: `hplan changes --since` over 9 commits of the 10,000-activity plan, each commit a
  `hplan status` write (so each version was read by hplan before), and once with an empty
  cache (a fresh clone);
- the YAML reader: hplan's event tree against `yaml.compose` on the 10,000-activity plan;
- the digest: a dry run of `hplan digest` on 10,000 activities shared by 300 people with
  addresses, against `hplan overdue` on the same plan;
- the floors of the two 10,000-activity figures: the same work by the smallest programs on
  hplan's stack (benchmarks/floors.py), in turn with hplan and Taskwarrior.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import floors  # noqa: E402  (benchmarks/floors.py, beside this file)
from tests.synthetic import make_plan  # noqa: E402

AS_OF = "2025-07-01"
Once = Callable[[], tuple[float, float]]


@dataclass
class Measure:
    group: str
    name: str
    times: list[float]
    rss_mb: float

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def run(
    argv: list[str], cwd: Path, env: dict[str, str], ok: tuple[int, ...] = (0, 1)
) -> tuple[float, float]:
    """Wall time and max RSS (MB) of one process, its output piped; an exit status not `ok`
    stops the benchmark."""
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    error = process.stderr.read() if process.stderr else b""
    if os.waitstatus_to_exitcode(status) not in ok:
        raise SystemExit(f"{' '.join(argv)} failed: {error.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss / 1024


def measure(
    group: str, name: str, runs: int, once: Once, before: Callable[[int], None] | None = None
) -> Measure:
    """`once` timed `runs` times after a warm-up; `before(n)` prepares run n, untimed."""
    if before:
        before(0)
    once()  # warm-up: fills the OS cache and hplan's plan cache
    times, peak = [], 0.0
    for n in range(1, runs + 1):
        if before:
            before(n)
        elapsed, rss = once()
        times.append(elapsed)
        peak = max(peak, rss)
    found = Measure(group, name, times, peak)
    print(f"{group:12} {name:44} {found.median:7.3f} s", file=sys.stderr)
    return found


Entry = tuple[str, Once, Callable[[int], None] | None]
"""A name, one timed run, and what prepares run n (untimed), for `measure_together`."""


def measure_together(group: str, runs: int, entries: list[Entry]) -> list[Measure]:
    """Commands timed in turn, run by run (A B C A B C …), each after its own warm-up: a
    machine whose speed drifts within the minute changes every command alike, so their
    ratios hold where blocks of runs one after another would not."""
    for _, once, before in entries:
        if before:
            before(0)
        once()
    times: list[list[float]] = [[] for _ in entries]
    peaks = [0.0] * len(entries)
    for n in range(1, runs + 1):
        for k, (_, once, before) in enumerate(entries):
            if before:
                before(n)
            elapsed, rss = once()
            times[k].append(elapsed)
            peaks[k] = max(peaks[k], rss)
    found = [Measure(group, name, times[k], peaks[k]) for k, (name, _, _) in enumerate(entries)]
    for m in found:
        print(f"{group:12} {m.name:44} {m.median:7.3f} s", file=sys.stderr)
    return found


def print_table(results: list[Measure], made_by: str, python: str, what: str = "command") -> None:
    """The figures as RESULTS.md keeps them: one row a measure, with the machine."""
    print(f"\nMade by `{made_by}`: {machine(python)}.")
    print(f"| {what} | median (s) | min–max (s) | max RSS (MB) |\n|---|---|---|---|")
    for m in results:
        spread = f"{min(m.times):.2f}–{max(m.times):.2f}"
        name = f"`{m.name}`" if what == "command" else m.name
        print(f"| {name} | {m.median:.2f} | {spread} | {m.rss_mb:.0f} |")


def at_rest(path: Path) -> None:
    """Date a plan restored between runs a minute back, as a plan a person edits is: hplan
    waits for a file changed in the last 50 ms (an editor's save in place) before writing."""
    past = time.time() - 60
    os.utime(path, (past, past))


def taskwarrior(folder: Path, plan_text: str) -> dict[str, str]:
    """A Taskwarrior database with the plan's activities as tasks; the environment to use it."""
    export = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from hplan.store.reading import read_plan\n"
        "plan = read_plan(Path(sys.argv[1]))\n"
        "tasks = []\n"
        "for a in plan.activities:\n"
        "    task = {'uuid': '%08x-0000-4000-8000-%012x' % (int(a.id), int(a.id)),\n"
        "            'description': a.title, 'entry': '20250101T000000Z',\n"
        "            'project': 'goal' + a.goals[0].replace('.', '_'),\n"
        "            'tags': [o.split()[0].lower() for o in a.owners],\n"
        "            'status': 'completed' if a.status.closed else 'pending'}\n"
        "    if a.status.closed:\n"
        "        task['end'] = '20250601T000000Z'\n"
        "    if a.deadline.due:\n"
        "        task['due'] = a.deadline.due.strftime('%Y%m%dT000000Z')\n"
        "    task['annotations'] = [{'entry': n.date.strftime('%Y%m%dT000000Z'),\n"
        "                            'description': n.text} for n in a.notes]\n"
        "    tasks.append(task)\n"
        "print(json.dumps(tasks))\n"
    )
    source = folder / "plan.yaml"
    source.write_text(plan_text, encoding="utf-8")
    tasks = subprocess.run(  # this checkout's hplan reads the plan, whichever is timed
        [sys.executable, "-c", export, str(source)], capture_output=True, text=True, check=True
    ).stdout
    (folder / "tasks.json").write_text(tasks, encoding="utf-8")
    (folder / "data").mkdir()
    (folder / "taskrc").write_text(
        f"data.location={folder / 'data'}\nconfirmation=off\nhooks=off\n", encoding="utf-8"
    )
    env = {**os.environ, "TASKRC": str(folder / "taskrc")}
    subprocess.run(
        ["task", "rc.verbose=nothing", "import", str(folder / "tasks.json")],
        env=env,
        capture_output=True,
        check=True,
    )
    return env


def history_repo(folder: Path, exe: str, env: dict[str, str], commits: int) -> str:
    """A git repository whose plan has `commits` commits of status writes; the first's id."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=folder, env=env, capture_output=True, text=True, check=True
        ).stdout.strip()

    git("init", "-q")
    git("add", "plan2025.yaml")
    git("-c", "user.name=Bench", "-c", "user.email=b@example.org", "commit", "-qm", "start")
    first = git("rev-parse", "HEAD")
    for n in range(1, commits + 1):
        subprocess.run(
            [exe, "status", str(n * 7), "done", "--note", f"Klar {n}", "--as-of", AS_OF],
            cwd=folder,
            env=env,
            capture_output=True,
            check=True,
        )
        git("-c", "user.name=Bench", "-c", "user.email=b@example.org", "commit", "-qam", f"{n}")
    return first


def reader_figures(plan_text: str) -> list[Measure]:
    """hplan's event tree against yaml.compose on the same text, in one process each."""
    script = (
        "import sys, time, yaml\n"
        "from pathlib import Path\n"
        "text = Path(sys.argv[1]).read_text(encoding='utf-8')\n"
        "if sys.argv[2] == 'compose':\n"
        "    started = time.perf_counter(); yaml.compose(text, Loader=yaml.CSafeLoader)\n"
        "else:\n"
        "    from hplan.store.nodes import read_nodes\n"
        "    started = time.perf_counter(); read_nodes(Path(sys.argv[1]), text)\n"
        "print(time.perf_counter() - started)\n"
    )
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "plan.yaml"
        path.write_text(plan_text, encoding="utf-8")
        found = []
        for kind in ("tree", "compose"):
            times = [
                float(
                    subprocess.run(
                        [sys.executable, "-c", script, str(path), kind],
                        capture_output=True,
                        text=True,
                        check=True,
                    ).stdout
                )
                for _ in range(3)
            ]
            name = "hplan's event tree" if kind == "tree" else "yaml.compose (CSafeLoader)"
            found.append(Measure("YAML reader", name, times, 0.0))
    return found


def machine(python: str) -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = subprocess.run(
        [python, "-c", "import typer, pydantic; print(typer.__version__, pydantic.VERSION)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    task = subprocess.run(["task", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, typer {versions[0]}, pydantic {versions[1]}, "
        f"Taskwarrior {task}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command (>= 5)")
    parser.add_argument("--hplan", default=None, help="the hplan script to time")
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "RESULTS.md")
    args = parser.parse_args()
    runs = max(args.runs, 5)
    scripts = Path(sysconfig.get_path("scripts"))
    exe = args.hplan or (
        str(scripts / "hplan") if (scripts / "hplan").exists() else shutil.which("hplan")
    )
    assert exe, "hplan is not installed"
    python = str(Path(exe).with_name("python"))
    if shutil.which("task") is None:
        raise SystemExit("Taskwarrior is missing: apt-get install taskwarrior")
    results: list[Measure] = []
    with tempfile.TemporaryDirectory(prefix="hplan-bench-") as scratch:
        root = Path(scratch)
        env = {**os.environ, "XDG_CACHE_HOME": str(root / "cache"), "HPLAN_LANG": "sv"}
        for name in ("NO_COLOR", "HPLAN_NO_CACHE", "HPLAN_PLAN"):
            env.pop(name, None)

        def hplan(folder: Path, *a: str, environ: dict[str, str] = env) -> Once:
            return lambda: run([exe, *a], folder, environ)

        real = root / "real"
        real.mkdir()
        original = (REPO / "plan2025.yaml").read_bytes()
        (real / "plan2025.yaml").write_bytes(original)

        def restore_real(n: int) -> None:
            (real / "plan2025.yaml").write_bytes(original)
            at_rest(real / "plan2025.yaml")

        floor = [python, "-c", "import typer, yaml, pydantic"]
        minimal = root / "minimal_typer.py"
        minimal.write_text(MINIMAL_TYPER, encoding="utf-8")
        # The figures compared with each other run in turn (measure_together).
        results += measure_together("cold start", runs, [
            (MINIMAL_NAME,
             lambda: run([python, str(minimal), "overdue", "--format", "json"], real, env), None),
            ("hplan overdue --format json",
             hplan(real, "overdue", "--format", "json", "--as-of", AS_OF), None),
            ("python -c pass", lambda: run([python, "-c", "pass"], real, env), None),
            ('python -c "import typer, yaml, pydantic"', lambda: run(floor, real, env), None),
            ("hplan overdue", hplan(real, "overdue", "--as-of", AS_OF), None),
        ])  # fmt: skip
        results += [
            measure(
                "cold start",
                "hplan list --owner linda",
                runs,
                hplan(real, "list", "--owner", "linda", "--as-of", AS_OF),
            ),
            measure("cold start", "hplan --version", runs, hplan(real, "--version")),
            measure(
                "cold start",
                "hplan status 5 done (write)",
                runs,
                hplan(real, "status", "5", "done", "--as-of", AS_OF),
                restore_real,
            ),
        ]

        big = root / "big"
        big.mkdir()
        text = make_plan(10_000)
        (big / "plan2025.yaml").write_text(text, encoding="utf-8")
        tw = taskwarrior(root, text)

        def task(*a: str) -> Once:
            return lambda: run(["task", *a], big, tw)

        def restore(n: int) -> None:
            (big / "plan2025.yaml").write_text(text, encoding="utf-8")
            at_rest(big / "plan2025.yaml")

        priorities = itertools.cycle("HL")  # each modify changes the task
        status_write = ["status", "4", "in-progress", "--note", "Möte hållet", "--as-of", AS_OF]
        least = root / "floor"  # the same work by the smallest programs (benchmarks/floors.py)
        least.mkdir()
        (least / "plan2025.yaml").write_text(text, encoding="utf-8")
        index = floors.prepare(least)

        def by_floor(program: str, *a: str) -> Once:
            return lambda: run([python, str(least / program), *a], least, env)

        def restore_floor(n: int) -> None:
            (least / "plan2025.yaml").write_text(text, encoding="utf-8")
            (least / floors.INDEX).write_bytes(index)
            at_rest(least / "plan2025.yaml")

        results += measure_together("10,000", runs, [
            ("hplan overdue", hplan(big, "overdue", "--as-of", AS_OF), None),
            ("task list", task("list"), None),
            (FLOOR_OVERDUE, by_floor("overdue.py", "overdue", "--as-of", AS_OF), None),
            (BARE_OVERDUE, by_floor("overdue_bare.py", "overdue", "--as-of", AS_OF), None),
        ])  # fmt: skip
        results += measure_together("10,000", runs, [
            ("hplan status 4 in-progress --note …", hplan(big, *status_write), restore),
            ("task 4 modify priority:H|L",
             lambda: run(["task", "4", "modify", f"priority:{next(priorities)}"], big, tw), None),
            (FLOOR_WRITE, by_floor("write.py", *status_write), restore_floor),
            (BARE_WRITE, by_floor("write_bare.py", *status_write), restore_floor),
        ])  # fmt: skip
        results += [
            measure(
                "10,000",
                "hplan list --format json",
                runs,
                hplan(big, "list", "--format", "json", "--as-of", AS_OF),
            ),
            measure("10,000", "hplan validate", runs, hplan(big, "validate")),
            measure(
                "10,000",
                "hplan validate (no cache)",
                max(3, runs // 2),
                hplan(big, "validate", environ={**env, "HPLAN_NO_CACHE": "1"}),
            ),
        ]

        people = root / "people"
        people.mkdir()
        (people / "plan2025.yaml").write_text(make_plan(10_000, people=300), encoding="utf-8")
        results += [
            measure("digest", "hplan overdue", runs, hplan(people, "overdue", "--as-of", AS_OF)),
            measure(
                "digest",
                "hplan digest (dry run, 300 people)",
                runs,
                hplan(people, "digest", "--as-of", AS_OF),
            ),
        ]

        first = history_repo(big, exe, env, HISTORY_COMMITS)
        results.append(
            measure(
                "history",
                "hplan changes --since (9 commits)",
                3,
                hplan(big, "changes", "--since", first, "--as-of", AS_OF),
            )
        )
        fresh = {**env, "XDG_CACHE_HOME": str(root / "fresh-cache")}

        def empty_cache(n: int) -> None:
            shutil.rmtree(root / "fresh-cache", ignore_errors=True)

        results.append(
            measure(
                "history",
                "the same, empty cache (a fresh clone)",
                1,
                hplan(big, "changes", "--since", first, "--as-of", AS_OF, environ=fresh),
                empty_cache,
            )
        )
        results += reader_figures(text)
    write_results(results, runs, args.output, machine(python), exe)


FLOOR_OVERDUE = "floor: the same overdue, Typer's parsing"
BARE_OVERDUE = "floor: the same overdue, argv by hand"
FLOOR_WRITE = "floor: the same write, Typer's parsing"
BARE_WRITE = "floor: the same write, argv by hand"
"""The smallest programs doing the work of issue 35's two 10,000-activity figures
(benchmarks/floors.py): with Typer parsing their arguments as any Typer program does, and
with Typer imported but the arguments read by hand, which no Typer program can go below."""

HISTORY_COMMITS = 9
"""Status writes committed for the history figures: with the version before them, as many
versions of the 10,000-activity plan as `changes --since` reads at once (store/history.py's
25 MiB budget: ten; 30 are refused)."""
MINIMAL_NAME = "a minimal Typer app: the same options, one command"
MINIMAL_TYPER = """
import json
from pathlib import Path
from typing import Annotated

import typer
import yaml  # noqa: F401  (what hplan's read path imports besides Typer)

app = typer.Typer(add_completion=False)


@app.callback()
def main(
    plan: Annotated[Path | None, typer.Option("--plan", "-p")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    lang: Annotated[str | None, typer.Option("--lang")] = None,
    no_pager: Annotated[bool, typer.Option("--no-pager")] = False,
    no_color: Annotated[bool, typer.Option("--no-color")] = False,
    debug: Annotated[bool, typer.Option("--debug")] = False,
) -> None:
    pass


@app.command()
def overdue(
    owner: Annotated[list[str] | None, typer.Option("--owner")] = None,
    goal: Annotated[list[str] | None, typer.Option("--goal")] = None,
    by: Annotated[str | None, typer.Option("--by")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f")] = "table",
    exit_code: Annotated[bool, typer.Option("--exit-code")] = False,
    show_all: Annotated[bool, typer.Option("--all")] = False,
) -> None:
    print(json.dumps([]))


app()
"""
"""The floor a Typer 0.29 program cannot go below (issue 16): hplan's global options and
overdue's, parsed by Typer, printing an empty JSON list."""


def write_results(results: list[Measure], runs: int, output: Path, where: str, exe: str) -> None:
    by = {(m.group, m.name): m for m in results}

    def figure(group: str, name: str) -> float:
        """A figure the targets compare; the run stops, saying which, when it is missing."""
        found = by.get((group, name))
        if found is None:
            raise SystemExit(f"benchmarks/run.py: no figure for {group!r} {name!r}; a target "
                             "compares it, so the results are not written")  # fmt: skip
        return found.median

    floor = figure("cold start", 'python -c "import typer, yaml, pydantic"')

    def ratio(group: str, name: str, other: str, limit: float) -> str:
        value = figure(group, name) / figure(group, other)
        verdict = "met" if value <= limit else "NOT met"
        return f"| `{name}` ÷ `{other}` | ≤ {limit}× | {value:.2f}× | {verdict} |"

    def context(group: str, name: str, other: str) -> str:
        """A ratio that is no target: where hplan and its peer stand against a floor."""
        value = figure(group, name) / figure(group, other)
        return f"| `{name}` ÷ `{other}` | – | {value:.2f}× | |"

    def floored(name: str, limit: float) -> str:
        value = figure("cold start", name) / floor
        return (f"| `{name}` (real plan) ÷ import floor | ≤ {limit}× | {value:.2f}× | "
                f"{'met' if value <= limit else 'NOT met'} |")  # fmt: skip

    history = figure("history", "hplan changes --since (9 commits)")
    peak = max(m.rss_mb for m in results if m.group == "10,000" and m.name.startswith("hplan"))
    modify = "task 4 modify priority:H|L"
    write = "hplan status 4 in-progress --note …"
    targets = [
        "| **issue 35** | | | |",
        floored("hplan overdue", 1.0),
        ratio("cold start", "hplan overdue --format json", MINIMAL_NAME, 0.7),
        ratio("10,000", "hplan overdue", "task list", 0.5),
        ratio("10,000", write, modify, 1.0),
        f"| peak memory, 10,000 activities | ≤ 100 MB | {peak:.0f} MB | "
        f"{'met' if peak <= 100 else 'NOT met'} |",
        "| **the same work by the smallest programs (benchmarks/floors.py)** | | | |",
        context("10,000", FLOOR_OVERDUE, "task list"),
        context("10,000", BARE_OVERDUE, "task list"),
        context("10,000", "hplan overdue", FLOOR_OVERDUE),
        context("10,000", "hplan overdue", BARE_OVERDUE),
        context("10,000", FLOOR_WRITE, modify),
        context("10,000", BARE_WRITE, modify),
        context("10,000", write, FLOOR_WRITE),
        context("10,000", write, BARE_WRITE),
        "| **earlier issues (9, 19, 16)** | | | |",
        floored("hplan overdue", 1.25),
        ratio("10,000", "hplan overdue", "task list", 0.7),
        ratio("10,000", write, modify, 1.5),
        f"| `hplan changes --since`, 9 commits, 10,000 activities | ≤ 10 s | {history:.2f} s | "
        f"{'met' if history <= 10 else 'NOT met'} |",
        ratio("digest", "hplan digest (dry run, 300 people)", "hplan overdue", 2.0),
        floored("hplan overdue --format json", 1.25),
        ratio("cold start", "hplan overdue --format json", MINIMAL_NAME, 0.9),
    ]
    rows = [
        f"| {m.group} | `{m.name}` | {m.median:.3f} | {min(m.times):.3f}–{max(m.times):.3f} | "
        f"{m.median / floor:.2f}× | {m.rss_mb:.0f} |"
        for m in results
    ]
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = "\n".join(
        [
            "# hplan benchmark results",
            "",
            f"Made by `python benchmarks/run.py` on {stamp}: {where}; hplan script: `{exe}`; "
            f"load average {os.getloadavg()[0]:.2f} at the end.",
            f"Each figure is the median of {runs} whole processes after one warm-up run (which "
            "also fills hplan's plan cache), min–max beside it; peak memory is the largest max "
            f'RSS. The import floor `python -c "import typer, yaml, pydantic"` = {floor:.3f} s '
            "in the same run. Figures compared with each other ran in turn, run by run: the "
            "cold start's, `overdue` and `task list` and their floors, the status write and "
            "`task modify` and theirs.",
            "",
            "## Targets (issue 35, and issues 9, 19 and 16 before it)",
            "",
            "| what | target | measured | |",
            "|---|---|---|---|",
            *targets,
            "",
            "## All figures",
            "",
            "| group | command | median (s) | min–max (s) | vs import floor | max RSS (MB) |",
            "|---|---|---|---|---|---|",
            *rows,
            "",
        ]
    )
    output.write_text(text, encoding="utf-8")
    print(text)
    print(json.dumps({m.name: m.median for m in results}), file=sys.stderr)


if __name__ == "__main__":
    main()
