"""The size of an install: `pip install` of hplan's wheel, and of each extra, each in a fresh
virtual environment; the size on disk of its site-packages and the number of packages.

    python benchmarks/install_size.py                  # this checkout
    python benchmarks/install_size.py --ref 5926766    # a commit of it (built from git archive)

Printed as a Markdown table for benchmarks/RESULTS.md (issue 32). The wheel is built once
(`pip wheel --no-deps`); the dependencies come from the index, or pip's cache.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXTRAS = ["", "web", "import", "inbox", "pdf"]


def wheel(source: Path, out: Path) -> Path:
    """hplan's wheel built from `source` into `out`."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(source)],
        check=True,
    )
    return next(out.glob("hplan-*.whl"))


def measured(built: Path, extra: str, folder: Path) -> tuple[float, int]:
    """MB on disk and packages (pip itself not counted) of `built[extra]` in a fresh venv."""
    venv = folder / (extra or "base")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    spec = f"hplan[{extra}] @ {built.as_uri()}" if extra else str(built)
    subprocess.run([str(python), "-m", "pip", "install", "-q", spec], check=True)
    site = next((venv / "lib").glob("python3*/site-packages"))
    packages = [p for p in site.glob("*.dist-info") if not p.name.startswith("pip-")]
    pip = sum(f.stat().st_size for p in site.glob("pip*") for f in p.rglob("*") if f.is_file())
    size = sum(f.lstat().st_size for f in site.rglob("*") if f.is_file() or f.is_symlink())
    return (size - pip) / 1e6, len(packages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", help="a commit of this repository, instead of the checkout")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        source = REPO
        if arguments.ref:
            source = folder / "source"
            source.mkdir()
            archive = subprocess.run(
                ["git", "-C", str(REPO), "archive", arguments.ref],
                check=True,
                capture_output=True,
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
        built = wheel(source, folder / "wheel")
        print(f"{arguments.ref or 'checkout'}: {built.name}, Python {sys.version.split()[0]}")
        print("\n| install | on disk | packages |\n|---|---:|---:|")
        for extra in EXTRAS:
            try:
                size, count = measured(built, extra, folder)
            except subprocess.CalledProcessError:
                continue  # an extra this version does not have
            name = f"hplan[{extra}]" if extra else "hplan"
            print(f"| `pip install {name}` | {size:.1f} MB | {count} |", flush=True)
            os.environ.pop("VIRTUAL_ENV", None)


if __name__ == "__main__":
    main()
