"""hplan's message catalogs: the English texts in the code, and the .po files that translate them.

After changing a text for people, run `python -m tests.catalogs`: it extracts every marked
text (`_()`, `N_()`, `NP_()`, `ngettext()`, `Message(...)`, `Message.counted(...)`, and
`_()` in the report templates) and updates each language's `hplan.po`, marking new or changed
entries for translation. Then translate them in `src/hplan/locale/sv/LC_MESSAGES/hplan.po`;
tests/render/test_catalogs.py fails while any entry lacks its translation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from hplan.plan.model import LANGUAGES
from hplan.render.i18n import DOMAIN, LOCALE

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "hplan"

KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "N_": None,
    "NP_": (1, 2),
    "Message": None,
    "counted": (1, 2),
    "refused": None,
}
"""The calls whose first argument (or first two, singular and plural) is a text for people."""

METHODS = [("**/templates/**.j2", "jinja2.ext:babel_extract"), ("**.py", "python")]


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extracted() -> Catalog:
    """Every marked text in src/hplan, as a catalog template."""
    template = Catalog(project="hplan", domain=DOMAIN)
    options = {"**/templates/**.j2": {"trim_blocks": "true", "lstrip_blocks": "true"}}
    for name, line, text, comments, context in extract_from_dir(
        PACKAGE, METHODS, options, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        template.add(text, None, [(name, line)], auto_comments=comments, context=context)
    for text in help_texts():  # docstrings and help= of every command: `--help` translated
        for part in text.split("\n\n") if text.startswith("\b\nOptions of every") else [text]:
            template.add(part, None, [("cli/help", 0)])
    return template


def help_texts() -> list[str]:
    """Every help text of every command, for the catalogs (tests/catalogs.py)."""
    import os

    import typer.main

    from hplan.cli.app import COMMANDS, GLOBAL_HELP, app

    os.environ.setdefault("HPLAN_LANG", "en")
    group: Any = typer.main.get_command(app)
    context = group.make_context("hplan", ["list"], resilient_parsing=True)
    found = [group.help or "", group.epilog or "", GLOBAL_HELP]
    for param in group.params:
        found.append(getattr(param, "help", None) or "")
    for name in COMMANDS:
        command = group.get_command(context, name)
        found += [command.help or "", command.epilog or ""]
        found += [getattr(p, "help", None) or "" for p in command.params]
    return list(dict.fromkeys(text for text in found if text))


def read_catalog(language: str) -> Catalog:
    with po_path(language).open("rb") as text:
        return read_po(text, locale=language)


def update() -> None:
    """Bring each language's .po in line with the code's texts."""
    template = extracted()
    for language in LANGUAGES:
        path = po_path(language)
        if path.exists():
            catalog = read_catalog(language)
            template.creation_date = catalog.creation_date  # a date that changes every run is noise
            catalog.update(template, update_header_comment=False)
        else:
            catalog = Catalog(locale=language, project="hplan", domain=DOMAIN)
            catalog.update(template)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as out:
            write_po(out, catalog, width=100, ignore_obsolete=True, include_lineno=False)


if __name__ == "__main__":
    update()
