"""Build step: compile the message catalogs (locale/*/LC_MESSAGES/hplan.po) to .mo files,
and write CLDR's month names beside them (locale/*/months.txt).

Everything else about the package is in pyproject.toml. In an editable install the .mo files
are written beside their .po in the source tree (git ignores them); in a wheel, into the build.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


def cldr_months(language: str) -> list[str]:
    """The twelve months' names as a date is written, from Babel's CLDR data."""
    from babel import Locale

    wide = Locale.parse(language).months["format"]["wide"]
    return [str(wide[m]) for m in range(1, 13)]


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
