"""Owners' answers by e-mail (issue 31): 500 replies in a Maildir read and recorded by one
`hplan inbox --apply`, against 20 separate `hplan status` writes on the same plan, run by run
in turn (goal: the 500 replies in at most the time of the 20 writes).

    python benchmarks/inbox.py [--runs 5] [--hplan /venv/bin/hplan]

The replies are as Outlook writes them (a text and an HTML part, the digest quoted below
Outlook's "Från:" block, a signature), each answering Linda Beigler's signed digest with a
status line and a comment, spread over her open activities. Each run starts from the same
plan. Prints a Markdown section and puts it into RESULTS.md (replacing its own).
"""

from __future__ import annotations

import argparse
import mailbox
import os
import shutil
import sys
import sysconfig
import tempfile
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from followup import write
from run import Measure, machine, measure_together
from run import run as timed
from tests.mail.replies import CONTACTS, SECRET, SENDER, reply

REPO = Path(__file__).resolve().parent.parent
HEADING = "## Issue 31: answers by e-mail"
DIGEST_DAY, AS_OF = "2025-06-02", "2025-06-04"
REPLIES, WRITES = 500, 20


def signed_digest(folder: Path, exe: str, env: dict[str, str]) -> EmailMessage:
    """Linda's digest as hplan writes it (`hplan digest --out`)."""
    out = folder / "out"
    timed([exe, "--as-of", DIGEST_DAY, "digest", "--out", str(out), "--from", SENDER],
          folder, env)  # fmt: skip
    raw = (out / "linda.beigler_example.org.eml").read_bytes()
    parsed = message_from_bytes(raw, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--hplan", default=str(Path(sysconfig.get_path("scripts")) / "hplan"))
    parser.add_argument("--results", type=Path, default=Path(__file__).parent / "RESULTS.md")
    given = parser.parse_args()
    exe, runs = given.hplan, given.runs
    with tempfile.TemporaryDirectory(prefix="hplan-inbox-") as scratch:
        folder = Path(scratch)
        original = folder / "original.yaml"
        shutil.copyfile(REPO / "plan2025.yaml", original)
        plan = folder / "plan2025.yaml"
        shutil.copyfile(original, plan)
        (folder / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
        env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache"), "HPLAN_SECRET": SECRET,
               "HPLAN_LANG": "sv"}  # fmt: skip
        sent = signed_digest(folder, exe, env)
        ids = ["7", "5", "2", "8", "12", "19"]
        box = mailbox.Maildir(folder / "svar", create=True)
        for n in range(REPLIES):
            box.add(reply(sent, f"{ids[n % len(ids)]} pågår Svar nummer {n}",
                          message_id=f"<svar-{n}@example.org>"))  # fmt: skip
        box.close()

        def fresh(_n: int) -> None:
            shutil.copyfile(original, plan)

        def inbox() -> tuple[float, float]:
            argv = [exe, "--as-of", AS_OF, "inbox", str(folder / "svar"), "--apply",
                    "--plan", str(plan)]  # fmt: skip
            return timed(argv, folder, env, ok=(0,))

        def writes() -> tuple[float, float]:
            started, peak = time.perf_counter(), 0.0
            for n in range(WRITES):
                argv = [exe, "--as-of", AS_OF, "status", ids[n % len(ids)], "pågår", "--note",
                        f"Svar nummer {n}", "--plan", str(plan)]  # fmt: skip
                peak = max(peak, timed(argv, folder, env, ok=(0,))[1])
            return time.perf_counter() - started, peak

        inboxed, written = measure_together("inbox", runs, [
            (f"hplan inbox --apply ({REPLIES} replies)", inbox, fresh),
            (f"{WRITES} × hplan status", writes, fresh),
        ])  # fmt: skip
    section = results(inboxed, written, runs)
    print(section)
    write(given.results, section)


def results(inboxed: Measure, written: Measure, runs: int) -> str:
    ratio = inboxed.median / written.median
    mark = "✓" if ratio <= 1.0 else "✗"
    return "\n".join([
        HEADING,
        "",
        f"`python benchmarks/inbox.py --runs {runs}`: {REPLIES} replies in a Maildir, as Outlook "
        f"writes them (text and HTML, the signed digest quoted), each a status line with a "
        f"comment on one of Linda Beigler's activities, recorded by one `hplan inbox --apply` "
        f"on plan2025.yaml, against {WRITES} separate `hplan status` writes with a note on the "
        f"same plan; each run from the same plan, in turn after a warm-up, whole processes; "
        f"{machine(sys.executable)}.",
        "",
        "| command | median (s) | min–max (s) | max RSS (MB) | ratio | goal |",
        "|---|---|---|---|---|---|",
        f"| {written.name} | {written.median:.3f} | {min(written.times):.3f}–"
        f"{max(written.times):.3f} | {written.rss_mb:.0f} |  |  |",
        f"| {inboxed.name} | {inboxed.median:.3f} | {min(inboxed.times):.3f}–"
        f"{max(inboxed.times):.3f} | {inboxed.rss_mb:.0f} | {ratio:.2f}× | ≤ 1.0× {mark} |",
    ]) + "\n"  # fmt: skip


if __name__ == "__main__":
    main()
