"""A cell's or a paragraph's text as the plan writes it: one line, the document's words.

A document's text carries its layout: line breaks inside a cell, soft hyphens, non-breaking
spaces, and words hyphenated at a line's end. The plan wants the words.
"""

from __future__ import annotations

import re
import unicodedata

SOFT_HYPHEN = "\u00ad"
SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u2009\u200a]+")
"""Spaces, tabs and the non-breaking spaces a document uses between words and numbers."""
BROKEN = "\ue000"
"""Between a word's parts where a PDF's column broke it over lines (imports/columns.py)."""
GUESSED = "\ue001"
"""Between a word's parts that hplan joined on the page's evidence alone, for review."""
HYPHENED = "\ue002"
"""After a hyphen that ends a PDF's line inside a cell, before the line that goes on."""
MARKS = re.compile(f"[{BROKEN}{GUESSED}{HYPHENED}]")
"""hplan's own marks in a cell's text, which no document's character may pass for."""
SAID = "\ue003"
"""Where a guessed join stands while a cell's lines are joined (draft.py): not one of MARKS,
so that joined() keeps it."""
INVISIBLE = re.compile(f"[\u200b\u200c\u200d\u2060\ufeff{BROKEN}{GUESSED}{HYPHENED}]")
"""Zero-width characters that separate nothing a reader sees, and hplan's own marks."""
HYPHENATED = re.compile(r"(?<=[a-zåäöéü])\s?-$")
"""A line that ends in a word cut by a hyphen ("kommunikations-", "kommunikations -")."""


def lines_of(text: str) -> list[str]:
    """The text's non-empty lines, each with its spaces made single."""
    text = unicodedata.normalize("NFC", INVISIBLE.sub("", text))
    lines = []
    for line in text.replace("\r", "\n").replace("\u2028", "\n").split("\n"):
        line = SPACES.sub(" ", line).strip()
        if line:
            lines.append(line)
    return lines


def joined(text: str) -> str:
    """The text as one line: lines joined by a space, a word cut at a line's end (by a soft
    hyphen, or by a hyphen when the next line goes on in lower case) joined back whole:
    "kommunikations-" + "chef" is "kommunikationschef", "EU-" + "medel" stays "EU-medel"."""
    out = ""
    for line in lines_of(text):
        if not out:
            out = line
        elif out.endswith(SOFT_HYPHEN) or (HYPHENATED.search(out) and line[0].islower()):
            out = HYPHENATED.sub("", out.removesuffix(SOFT_HYPHEN)) + line
        elif out.endswith("-") and not out.endswith(" -"):
            out += line  # a hyphen that belongs to the word: "EU-" + "medel"
        else:
            out = f"{out} {line}"
    return out.replace(SOFT_HYPHEN, "").strip()


def paragraphs(texts: list[str]) -> str:
    """Paragraphs as the plan's text keeps them: each joined into one line, one per line."""
    return "\n".join(p for p in (joined(t) for t in texts) if p)


def key(text: str) -> str:
    """A header cell as compared: lower case, letters only ("Aktivitet 2025" is "aktivitet")."""
    return "".join(c for c in joined(text).casefold() if c.isalpha() or c == " ").strip()
