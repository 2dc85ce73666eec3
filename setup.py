"""Build step: compile the message catalogs (locale/*/LC_MESSAGES/hplan.po) to .mo files,
and write CLDR's month names beside them (locale/*/months.txt), so that Babel is needed to
build hplan and not to run it.

Everything else about the package is in pyproject.toml. In an editable install the .mo files
are written beside their .po in the source tree (git ignores them); in a wheel, into the build.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent
COMMIT_FILE = "commit.txt"
"""The commit hplan was built from, beside its modules (`hplan --version` says it): from git in
a clone; in an sdist, the file the sdist was given when it was made from one."""


def source_commit() -> str | None:
    """The commit of hplan's own clone (not of a repository an unpacked sdist lies in), else
    the one the sdist carries."""

    def git(*arguments: str) -> str | None:
        try:
            done = subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True)
        except OSError:
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    top = git("rev-parse", "--show-toplevel")
    if top is not None and Path(top).resolve() == ROOT:
        return git("rev-parse", "HEAD")
    kept = ROOT / "src" / "hplan" / COMMIT_FILE
    return kept.read_text(encoding="utf-8").strip() if kept.is_file() else None


# The same forms as render/i18n.py's MONTH_FORMS, in its order: the build cannot import hplan.
MONTH_FORMS = (("format", "wide"), ("stand-alone", "abbreviated"), ("stand-alone", "wide"))


def cldr_months(language: str) -> list[str]:
    """The months' names in each of MONTH_FORMS, from Babel's CLDR data."""
    from babel import Locale

    months = Locale.parse(language).months
    return [str(months[c][w][m]) for c, w in MONTH_FORMS for m in range(1, 13)]


class build_py_with_catalogs(build_py):
    def run(self) -> None:
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        source = Path(__file__).resolve().parent / "src" / "hplan" / "locale"
        target = source if self.editable_mode else Path(self.build_lib) / "hplan" / "locale"
        for po in sorted(source.glob("*/LC_MESSAGES/hplan.po")):
            with po.open("rb") as text:
                catalog = read_po(text)
            mo = target / po.relative_to(source).with_suffix(".mo")
            mo.parent.mkdir(parents=True, exist_ok=True)
            with mo.open("wb") as out:
                write_mo(out, catalog)
            # CLDR's month names beside the catalog (render/i18n.py reads them, not Babel).
            names = cldr_months(po.parent.parent.name)
            (mo.parent.parent / "months.txt").write_text("\n".join([*names, ""]), encoding="utf-8")
        commit = source_commit()
        if commit is not None:
            (target.parent / COMMIT_FILE).write_text(f"{commit}\n", encoding="utf-8")


class sdist_with_commit(sdist):
    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        super().make_release_tree(base_dir, files)
        commit = source_commit()
        if commit is not None:
            kept = Path(base_dir) / "src" / "hplan" / COMMIT_FILE
            kept.unlink(missing_ok=True)  # a hard link to the source tree's, when it has one
            kept.write_text(f"{commit}\n", encoding="utf-8")


setup(cmdclass={"build_py": build_py_with_catalogs, "sdist": sdist_with_commit})
