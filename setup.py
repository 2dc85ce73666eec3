"""Build step: compile the message catalogs (locale/*/LC_MESSAGES/hplan.po) to .mo files,
and write CLDR's month names beside them (locale/*/months.txt), so that Babel is needed to
build hplan and not to run it.

Everything else about the package is in pyproject.toml. In an editable install the .mo files
are written beside their .po in the source tree (git ignores them); in a wheel, into the build.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


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


setup(cmdclass={"build_py": build_py_with_catalogs})
