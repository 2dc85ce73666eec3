"""Figures at the plan's limits (plan/model.py, store/history.py): every command a person may
run on the largest plan hplan accepts, and `history` at its depth.

    python benchmarks/limits.py                 # 3 runs each after a warm-up
    python benchmarks/limits.py --hostile       # documents made to cost: one run each

The hostile documents (issue 34, item 14) are each refused; what is measured is how long
and how much memory the refusal took.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import sysconfig
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import AS_OF, Measure, Once, at_rest, history_repo, measure, print_table
from run import run as timed
from tests.synthetic import make_plan

from hplan.plan.model import MAX_ACTIVITIES, MAX_TEXT


def limit_figures(exe: str, root: Path, env: dict[str, str], runs: int) -> list[Measure]:
    """The commands on a plan of MAX_ACTIVITIES activities (one short of it for `add`), a
    title of MAX_TEXT characters, and `history` over more versions than it reads."""
    group = f"at the limits ({MAX_ACTIVITIES:,})"
    full = root / "full"
    full.mkdir()
    text = make_plan(MAX_ACTIVITIES)
    (full / "plan2025.yaml").write_text(text, encoding="utf-8")
    room = root / "room"
    room.mkdir()
    one_short = make_plan(MAX_ACTIVITIES - 1)

    def restore(n: int) -> None:
        (room / "plan2025.yaml").write_text(one_short, encoding="utf-8")
        at_rest(room / "plan2025.yaml")

    def hplan(folder: Path, *a: str) -> tuple[float, float]:
        return timed([exe, *a], folder, env)

    def command(*a: str, folder: Path = full) -> Once:
        return lambda: hplan(folder, *a)

    results = [
        measure(group, f"hplan {' '.join(a)}", runs, command(*a, "--as-of", AS_OF))
        for a in (
            ("list",),
            ("overdue", "--by", "owner"),
            ("upcoming",),
            ("goals",),
            ("timeline",),
            ("calendar", "-o", "c.ics", "--force"),
            ("report", "-o", "r.html", "--force"),
            ("report", "-o", "r.md", "--force"),
        )
    ]
    results.append(
        measure(
            group,
            "hplan add … (the last one that fits)",
            runs,
            command(
                "add",
                "Ny",
                "--goal",
                "4.1",
                "--owner",
                "Linda",
                "--deadline",
                "Löpande",
                folder=room,
            ),
            restore,
        )
    )
    long = root / "long"
    long.mkdir()
    real = (Path(__file__).resolve().parent.parent / "plan2025.yaml").read_text(encoding="utf-8")
    title = "Delta i kommunikationschefernas nätverk med regelbundenhet"
    (long / "plan2025.yaml").write_text(real.replace(title, "ord " * (MAX_TEXT // 4)), "utf-8")
    results.append(
        measure(group, f"hplan show 1 (a {MAX_TEXT:,}-character title)", runs,
                command("show", "1", folder=long))
    )  # fmt: skip
    history_repo(full, exe, env, 12)  # more versions of the largest plan than history reads
    results.append(
        measure(group, "hplan history 7 (12 versions, cached)", runs, command("history", "7"))
    )
    fresh = {**env, "XDG_CACHE_HOME": str(root / "fresh-cache")}

    def empty_cache(n: int) -> None:
        shutil.rmtree(root / "fresh-cache", ignore_errors=True)

    results.append(
        measure(group, "the same, empty cache (a fresh clone)", 1,
                lambda: timed([exe, "history", "7"], full, fresh), empty_cache)
    )  # fmt: skip
    return results


def hostile_figures(exe: str, root: Path, env: dict[str, str]) -> list[Measure]:
    """`hplan import --dry-run` on documents made to cost time or memory, one run each. They
    are made by another process: a child's max RSS counts what its parent held when it
    forked."""
    import json
    import subprocess

    made = root / "hostile"
    made.mkdir()
    subprocess.run([sys.executable, __file__, "--make-hostile", str(made)], check=True)
    results = []
    for path, name in json.loads((made / "cases.json").read_text(encoding="utf-8")):
        elapsed, rss = timed([exe, "import", path, "--dry-run"], made, env, ok=(8,))
        results.append(Measure("hostile", f"import: {name}", [elapsed], rss))
        print(f"hostile      {name:44} {elapsed:7.3f} s {rss:6.0f} MB", file=sys.stderr)
    return results


def make_hostile(made: Path) -> None:
    """The hostile documents, and cases.json naming each."""
    import json
    import random
    import struct
    import zipfile

    from reportlab.pdfgen import canvas
    from tests.imports.documents import inflating_pdf

    stream = inflating_pdf(made / "stream.pdf", 1000)
    many = made / "pages.pdf"
    drawing = canvas.Canvas(str(many))
    for _ in range(100_000):
        drawing.showPage()
    drawing.save()
    ruled = made / "ruled.pdf"
    drawing = canvas.Canvas(str(ruled))
    for _ in range(300):
        for n in range(45):  # 45 by 45: under the bound on cells, slow to search
            drawing.line(50, 50 + n * 15, 550, 50 + n * 15)
            drawing.line(50 + n * 11, 50, 50 + n * 11, 750)
        drawing.drawString(60, 60, "ord")
        drawing.showPage()
    drawing.save()
    part = made / "part.docx"
    words = random.Random(7).choices(["plan", "mål", "ägare", "aktivitet", "2025"], k=18_000_000)
    with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", " ".join(words))
    liar = made / "liar.docx"
    real = 0
    with zipfile.ZipFile(liar, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as body:
            for chunk in (b"<w:document>", *[b" " * (1 << 20)] * 1000, b"</w:document>"):
                body.write(chunk)
                real += len(chunk)
    data = liar.read_bytes().replace(struct.pack("<I", real), struct.pack("<I", 1024))
    liar.write_bytes(data)  # declared 1 KB, 1,000 MB real
    cases = [
        (liar, "a .docx declaring 1 KB that inflates to 1,000 MB"),
        (stream, "a PDF stream inflating to 1,000 MB"),
        (many, "100,000 empty PDF pages"),
        (ruled, "300 PDF pages ruled 45 by 45"),
        (part, f"a .docx of {part.stat().st_size >> 20} MB, a 90 MB document.xml"),
    ]
    named = [(str(path), name) for path, name in cases]
    (made / "cases.json").write_text(json.dumps(named), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hplan", default=None)
    parser.add_argument("--hostile", action="store_true", help="documents made to cost")
    parser.add_argument("--make-hostile", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_hostile:
        make_hostile(args.make_hostile)
        return
    scripts = Path(sysconfig.get_path("scripts"))
    exe = args.hplan or str(scripts / "hplan")
    with tempfile.TemporaryDirectory(prefix="hplan-limits-") as scratch:
        root = Path(scratch)
        env = {**os.environ, "XDG_CACHE_HOME": str(root / "cache"), "HPLAN_LANG": "sv"}
        for name in ("NO_COLOR", "HPLAN_NO_CACHE", "HPLAN_PLAN"):
            env.pop(name, None)
        if args.hostile:
            results = hostile_figures(exe, root, env)
        else:
            results = limit_figures(exe, root, env, args.runs)
    print_table(results, "python benchmarks/limits.py", str(Path(exe).with_name("python")))


if __name__ == "__main__":
    main()
