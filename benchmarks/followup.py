"""The follow-up at 10,000 activities (issue 30): three rounds, every open activity answered at
each, against the commands a person runs today, on the same plan, run by run in turn.

    python benchmarks/followup.py [--runs 9] [--hplan /venv/bin/hplan]

- `hplan followup` and `hplan overdue --assessment at-risk` against `hplan overdue` on the plan
  with its rounds (goal: at most 1.2×);
- `hplan report` with the round's section against `hplan report` on the same activities
  without rounds (goal: at most 1.5×).

Prints the figures as a Markdown section and puts it into RESULTS.md (replacing its own
section from an earlier run).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import sysconfig
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import Entry, Measure, machine, measure_together
from run import run as timed
from tests.synthetic import make_plan

AS_OF = "2025-12-31"
"""The day of the third round: all three have passed, T3 is current."""
ROUNDS = """
followups:
  - id: T1
    title: Tertial 1
    as_of: 2025-04-30
    answers_due: 2025-05-12
  - id: T2
    title: Tertial 2
    as_of: 2025-08-31
    answers_due: 2025-09-15
  - id: T3
    title: Tertial 3
    as_of: 2025-12-31
    answers_due: 2026-01-20
"""
WORDS = ("on-track", "at-risk", "off-track")
HEADING = "## Issue 30: the follow-up at 10,000 activities"


def with_answers(text: str) -> str:
    """The plan with three rounds, each open activity answered at each by its first owner."""
    head, _, body = text.partition("\nactivities:\n")
    blocks = body.split("\n  - id: ")
    out = []
    for n, block in enumerate(blocks):
        closed = re.search(r"^    status: (done|cancelled)$", block, re.MULTILINE)
        owner = re.search(r"^    owners:\n      - (.+)$", block, re.MULTILINE)
        if closed is None and owner is not None:
            kept = block.rstrip("\n")
            answers = ["    assessments:"]
            for k, (round_id, day) in enumerate((("T1", "05-08"), ("T2", "09-10"),
                                                  ("T3", "12-31"))):  # fmt: skip
                answers += [
                    f"      - round: {round_id}",
                    f"        assessment: {WORDS[(n + k) % 3]}",
                    "        comment: Lokalen är inte bokad; frågan ligger hos Ljusdal.",
                    f"        by: {owner[1]}",
                    f"        date: 2025-{day}",
                ]
            block = kept + "\n" + "\n".join(answers) + "\n" + block[len(kept) :].lstrip("\n")
            block = block if block.endswith("\n") else block + "\n"
        out.append(block)
    return head + ROUNDS + "\nactivities:\n" + "\n  - id: ".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--hplan", default=str(Path(sysconfig.get_path("scripts")) / "hplan"))
    parser.add_argument("--results", type=Path, default=Path(__file__).parent / "RESULTS.md")
    given = parser.parse_args()
    exe, runs = given.hplan, given.runs
    with tempfile.TemporaryDirectory(prefix="hplan-followup-") as scratch:
        folder = Path(scratch)
        plain, rounds = folder / "plain" / "plan2025.yaml", folder / "rounds" / "plan2025.yaml"
        for path, text in ((plain, make_plan(10_000)), (rounds, with_answers(make_plan(10_000)))):
            path.parent.mkdir()
            path.write_text(text, encoding="utf-8")
        env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache"), "HPLAN_LANG": "sv"}

        def once(plan: Path, *args: str) -> Entry:
            argv = [exe, *args, "--plan", str(plan), "--as-of", AS_OF]
            return " ".join(["hplan", *args]), lambda: timed(argv, folder, env), None

        asking = measure_together("followup", runs, [
            once(rounds, "overdue"), once(rounds, "followup"),
            once(rounds, "overdue", "--assessment", "at-risk"),
        ])  # fmt: skip
        reports = measure_together("report", runs, [
            once(plain, "report"), once(rounds, "report"),
        ])  # fmt: skip
    section = results(asking, reports, runs, exe)
    print(section)
    write(given.results, section)


def results(asking: list[Measure], reports: list[Measure], runs: int, exe: str) -> str:
    overdue, followup, filtered = asking
    plain, with_round = reports
    rows = [
        ("`hplan overdue` (three rounds answered)", overdue, None, None),
        ("`hplan followup`", followup, followup.median / overdue.median, 1.2),
        ("`hplan overdue --assessment at-risk`", filtered, filtered.median / overdue.median, 1.2),
        ("`hplan report` (the same activities, no rounds)", plain, None, None),
        ("`hplan report` (with the round's section)", with_round,
         with_round.median / plain.median, 1.5),
    ]  # fmt: skip
    lines = [
        HEADING,
        "",
        f"`python benchmarks/followup.py --runs {runs}`: 10,000 activities, three rounds, every "
        f"open activity answered at each, as of {AS_OF}; {runs} runs of each command in turn "
        f"after a warm-up, whole processes; {machine(sys.executable)}.",
        "",
        "| command | median (s) | min–max (s) | max RSS (MB) | ratio | goal |",
        "|---|---|---|---|---|---|",
    ]
    for name, m, ratio, goal in rows:
        shown = f"{ratio:.2f}×" if ratio is not None else ""
        target = (
            f"≤ {goal}×" + (" ✓" if ratio is not None and ratio <= goal else " ✗") if goal else ""
        )
        lines.append(
            f"| {name} | {m.median:.3f} | {min(m.times):.3f}–{max(m.times):.3f} | "
            f"{m.rss_mb:.0f} | {shown} | {target} |"
        )
    return "\n".join(lines) + "\n"


def write(path: Path, section: str) -> None:
    """Put the section into RESULTS.md, after its opening paragraph, replacing an older one."""
    text = path.read_text(encoding="utf-8")
    if HEADING in text:
        start = text.index(HEADING)
        end = text.find("\n## ", start + len(HEADING))
        text = text[:start] + text[end + 1 :] if end >= 0 else text[:start]
    first = text.find("\n## ")
    text = text[: first + 1] + section + "\n" + text[first + 1 :] if first >= 0 else text + section
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
