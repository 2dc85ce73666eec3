"""The message catalogs: every text for people has its Swedish (and English) words, the
catalogs are in step with the code, and a translation keeps its message's fields."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from hplan.errors import Message
from hplan.plan.model import LANGUAGES
from hplan.render.i18n import say, status_count, translation

from ..catalogs import KEYWORDS, PACKAGE, extracted, read_catalog


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _strings(message_string: str | tuple[str, ...]) -> tuple[str, ...]:
    return (message_string,) if isinstance(message_string, str) else tuple(message_string)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_in_the_code_has_a_translation(language: str) -> None:
    catalog = read_catalog(language)
    untranslated = []
    for message in extracted():
        if not message.id:
            continue
        entry = catalog.get(message.id, message.context)
        if entry is None or entry.fuzzy or not all(_strings(entry.string)):
            untranslated.append(message.id)
    assert not untranslated, (
        f"no {language} translation for these; run `python -m tests.catalogs` and translate "
        f"them in src/hplan/locale/{language}/LC_MESSAGES/hplan.po: {untranslated}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_holds_nothing_the_code_no_longer_says(language: str) -> None:
    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in extracted() if m.id}
    kept = {m.id if isinstance(m.id, str) else m.id[0] for m in read_catalog(language) if m.id}
    assert kept - wanted == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_translation_keeps_the_fields_of_its_message(language: str) -> None:
    wrong = []
    for entry in read_catalog(language):
        if not entry.id:
            continue
        ids = _strings(entry.id)
        for text in _strings(entry.string):
            if _fields(text) != _fields(ids[0]) | _fields(ids[-1]):
                wrong.append((entry.id, text))
    assert not wrong


MARKERS = {"Message", "counted", "N_", "NP_", "refused"}
"""The calls that declare a text for the catalogs (`_()` may translate one declared earlier)."""


def test_every_text_for_the_catalogs_is_written_out_where_it_is_marked() -> None:
    # The extractor reads only a text written out as a literal: a name or an f-string handed
    # to a marker, or an f-string or sum handed to `_()`, is a text that is never translated.
    # A Message made from another's text (`Message(other.text, ...)`) reuses an extracted id.
    unreadable = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # A marker's own definition (imports/shape.refused) hands its argument on.
        wrappers = {
            id(inner) for f in ast.walk(tree)
            if isinstance(f, ast.FunctionDef) and f.name in KEYWORDS for inner in ast.walk(f)
        }  # fmt: skip
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args or id(node) in wrappers:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            first = node.args[0]
            literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
            declared = name in MARKERS and not ast.unparse(first).endswith(".text")
            built = name in KEYWORDS and isinstance(first, ast.JoinedStr | ast.BinOp)
            if (declared and not literal) or built:
                unreadable.append((path.name, node.lineno, ast.unparse(first)))
    assert not unreadable


def test_no_catalog_text_is_hidden_inside_an_f_string() -> None:
    # Python 3.11's tokenizer hands an f-string to the extractor whole, so a `_()` inside one
    # is never extracted, and would print in English in a Swedish plan.
    hidden = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and ast.unparse(inner.func) in KEYWORDS:
                        hidden.append((path.name, node.lineno))
    assert not hidden


def test_a_message_is_said_in_each_language_with_its_values() -> None:
    message = Message(
        "unknown owner '{text}'{near}; owners in this plan: {names}",
        text="Lind",
        near=Message(" (did you mean {name}?)", name="'Linda Beigler'"),
        names="Linda Beigler",
    )
    assert say(message, "sv") == (
        "okänd ansvarig 'Lind' (menade du 'Linda Beigler'?); ansvariga i den här planen: "
        "Linda Beigler"
    )
    assert say(message, "en") == str(message)


def test_counts_agree_with_their_words() -> None:
    from hplan.plan.statuses import Status

    assert status_count(1, Status.DONE, "sv") == "1 genomförd"
    assert status_count(2, Status.DONE, "sv") == "2 genomförda"
    assert status_count(15, Status.NOT_STARTED, "sv") == "15 ej påbörjade"
    assert translation("sv").ngettext("{count} day", "{count} days", 1) == "{count} dag"


def test_a_catalog_edited_after_it_was_compiled_is_read_from_its_po(tmp_path: Path) -> None:
    import shutil

    from hplan.render import i18n

    folder = tmp_path / "sv" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(i18n.LOCALE / "sv" / "LC_MESSAGES" / "hplan.po", folder / "hplan.po")
    (folder / "hplan.mo").write_bytes(b"")  # older than the .po below, and not a catalog
    po = folder / "hplan.po"
    po.write_text(po.read_text(encoding="utf-8").replace('"Skrev {path}"', '"Sparade {path}"'))
    import os

    os.utime(folder / "hplan.mo", (0, 0))
    compiled = i18n._compiled(po)
    assert compiled.gettext("Wrote {path}") == "Sparade {path}"


def test_a_compiled_catalog_is_read_without_babel(tmp_path: Path) -> None:
    # What every start does: Babel's catalog code costs start-up time, and is only for a .po
    # edited after the build.
    import subprocess
    import sys

    from babel.messages.mofile import write_mo

    from hplan.render import i18n

    folder = tmp_path / "sv" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "hplan.mo").open("wb") as compiled:
        write_mo(compiled, read_catalog("sv"))
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "import hplan.render.i18n as i18n\n"
        "i18n.LOCALE = Path(sys.argv[1])\n"
        "print(i18n.gettext_for('sv')('Wrote {path}'), 'babel.messages' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["Skrev", "{path}", "False"]
    assert i18n.LOCALE.name == "locale"
