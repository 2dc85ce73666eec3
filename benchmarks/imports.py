"""`hplan import`: the 2025 document as Word and as PDF, a document of 1,000 activities, and
a zip bomb refused; each beside the floor, the smallest program on the same libraries that
only reads the document's tables (python-docx's table view; pdfplumber's extract_tables).

    python benchmarks/imports.py [--runs 3] [--hplan /venv/bin/hplan]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import sysconfig
import tempfile
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import Measure, measure, print_table
from run import run as timed
from tests.imports import documents, seed2025

FLOOR = {
    ".docx": "import docx, sys\n"
    "d = docx.Document(sys.argv[1])\n"
    "rows = [[c.text for c in r.cells] for t in d.tables for r in t.rows]\n",
    ".pdf": "import pdfplumber, sys\n"
    "with pdfplumber.open(sys.argv[1]) as pdf:\n"
    "    rows = [t for page in pdf.pages for t in page.extract_tables()]\n",
}


BOMB = (
    "import sys, zipfile\n"
    "with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as archive:\n"
    "    archive.writestr('[Content_Types].xml', '<Types/>')\n"
    "    archive.writestr('word/document.xml', b'<' + b' ' * 2**30 + b'/>')\n"
)


def many_rows(count: int) -> list[list[str]]:
    """`count` activities, the document's rows over and over, each title numbered."""
    rows = seed2025.ROWS
    return [[f"{rows[n % len(rows)][0]} ({n + 1})", *rows[n % len(rows)][1:]] for n in range(count)]


DOCUMENTS = {
    "the 2025 document (.docx)": "h2025.docx",
    "the 2025 document (.pdf, 2 pages of table)": "h2025.pdf",
    "1,000 activities (.docx)": "h1000.docx",
    "1,000 activities (.pdf)": "h1000.pdf",
}


def make_documents(root: Path) -> None:
    """The documents measured. Made in a process of its own: a child forked from a parent
    that holds reportlab's pages reports the parent's memory as its own peak."""
    documents.word(root / "h2025.docx")
    documents.pdf(root / "h2025.pdf", documents.Layout(split_at=8, cut_row=7))
    documents.word(root / "h1000.docx", documents.Layout(rows=many_rows(1000)))
    documents.pdf(root / "h1000.pdf", documents.Layout(rows=many_rows(1000)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hplan", default=str(Path(sysconfig.get_path("scripts")) / "hplan"))
    parser.add_argument("--make", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        make_documents(args.make)
        return
    exe = args.hplan
    python = str(Path(exe).with_name("python"))
    results: list[Measure] = []
    with tempfile.TemporaryDirectory(prefix="hplan-import-") as scratch:
        root = Path(scratch)
        env = {**os.environ, "XDG_CACHE_HOME": str(root / "cache"), "HPLAN_LANG": "sv"}
        subprocess.run([sys.executable, __file__, "--make", str(root)], check=True)
        for name, file in DOCUMENTS.items():
            path = root / file
            hplan = [exe, "import", str(path), "--dry-run"]
            results.append(measure("import", f"hplan import: {name}", args.runs,
                                   partial(timed, hplan, root, env)))  # fmt: skip
            script = root / f"floor{path.suffix}.py"
            script.write_text(FLOOR[path.suffix], encoding="utf-8")
            floor = [python, str(script), str(path)]
            results.append(measure("import", f"floor: tables only, {name}", args.runs,
                                   partial(timed, floor, root, env)))  # fmt: skip
        bomb = root / "bomb.docx"
        # Made in a process of its own: a child forked from a parent holding the gigabyte
        # would report the parent's pages as its own peak memory.
        subprocess.run([sys.executable, "-c", BOMB, str(bomb)], check=True)
        print(f"bomb: {bomb.stat().st_size // 1024} kB expanding to 1 GB", file=sys.stderr)
        results.append(measure("import", "hplan import: a 1 GB zip bomb, refused", args.runs,
            lambda: timed([exe, "import", str(bomb)], root, env, ok=(8,))))  # fmt: skip
    print_table(results, "python benchmarks/imports.py", python, what="what")


if __name__ == "__main__":
    main()
