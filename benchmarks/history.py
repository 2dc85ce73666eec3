"""History without a version limit (issue 35): `hplan changes --since` over 30 and over 200
versions of the 10,000-activity plan, from an empty cache and warm, with peak memory.

    python benchmarks/history.py                      # the hplan on PATH
    python benchmarks/history.py --hplan /venv/bin/hplan --runs 3

Each version is one `hplan status … --note` write, committed; the figures are whole processes
(`/usr/bin/time`), the empty cache a fresh XDG_CACHE_HOME for each run. Printed as Markdown for
benchmarks/RESULTS.md, with the goals: 30 versions ≤ 10 s from an empty cache, 200 ≤ 60 s,
peak memory ≤ 150 MB at 200 and not growing with the number of versions.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.synthetic import make_plan  # noqa: E402

VERSIONS = 200
AUTHOR = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "b@example.org",
          "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "b@example.org"}  # fmt: skip


def repository(folder: Path, exe: str, environ: dict[str, str]) -> list[str]:
    """The plan and VERSIONS commits of status writes after it; every commit's id, oldest
    first."""
    folder.mkdir()
    (folder / "plan2025.yaml").write_text(make_plan(10_000), encoding="utf-8")

    def git(*arguments: str) -> str:
        return subprocess.run(["git", *arguments], cwd=folder, env=environ, check=True,
                              capture_output=True, text=True).stdout.strip()  # fmt: skip

    git("init", "-q")
    git("add", "plan2025.yaml")
    git("commit", "-qm", "start")
    ids = [git("rev-parse", "HEAD")]
    for n in range(1, VERSIONS + 1):
        subprocess.run([exe, "status", str(n * 7), "done", "--note", f"Klar {n}"], cwd=folder,
                       env=environ, check=True, capture_output=True)  # fmt: skip
        git("commit", "-qam", str(n))
        ids.append(git("rev-parse", "HEAD"))
    return ids


def timed(command: list[str], folder: Path, environ: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak resident MB of one whole process."""
    done = subprocess.run(["/usr/bin/time", "-f", "%e %M", *command], cwd=folder, env=environ,
                          capture_output=True, text=True, check=True)  # fmt: skip
    seconds, kilobytes = done.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kilobytes) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hplan", default=shutil.which("hplan") or "hplan")
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        environ = {**os.environ, **AUTHOR, "XDG_CACHE_HOME": str(root / "cache")}
        environ.pop("HPLAN_PLAN", None)
        ids = repository(root / "plan", arguments.hplan, environ)
        rows = []
        for count in (30, VERSIONS):
            since = ids[-count - 1]
            command = [arguments.hplan, "changes", "--since", since, "--format", "json"]
            for cache in ("empty cache", "warm"):
                figures = []
                for run in range(arguments.runs):
                    if cache == "empty cache":
                        shutil.rmtree(root / "cache", ignore_errors=True)
                    elif run == 0:
                        timed(command, root / "plan", environ)  # warm it
                    figures.append(timed(command, root / "plan", environ))
                seconds = statistics.median(f[0] for f in figures)
                peak = max(f[1] for f in figures)
                rows.append((count, cache, seconds, min(f[0] for f in figures),
                             max(f[0] for f in figures), peak))  # fmt: skip
    print(f"hplan: {arguments.hplan}; {arguments.runs} runs each; 10,000 activities\n")
    print("| versions | cache | median (s) | min–max (s) | peak MB | goal |")
    print("|---|---|---|---|---|---|")
    for count, cache, seconds, low, high, peak in rows:
        limit = 10 if count == 30 else 60
        goals = (
            [f"≤ {limit} s {'✓' if seconds <= limit else '✗'}"] if cache == "empty cache" else []
        )
        if count == VERSIONS:
            goals.append(f"≤ 150 MB {'✓' if peak <= 150 else '✗'}")
        goal = "; ".join(goals)
        print(f"| {count} | {cache} | {seconds:.2f} | {low:.2f}–{high:.2f} | {peak:.0f} | {goal} |")


if __name__ == "__main__":
    main()
