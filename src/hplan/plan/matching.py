"""Matching what a user types against names in the plan: case, accents and NFC/NFD alike."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from hplan.errors import Message

SWEDISH_MARKS = frozenset({"\u030a", "\u0308"})
"""The ring of å and the dots of ä and ö: letters of their own in Swedish, not accents
(Jönsson is not Jonsson, and a search for "år" does not find "ar")."""


def fold(text: str) -> str:
    """A key for insensitive comparison: no case, no accents (é is e; å, ä and ö stay
    letters of their own), one Unicode normalisation."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c) or c in SWEDISH_MARKS)
    return unicodedata.normalize("NFC", " ".join(bare.casefold().split()))


_PLAIN = {"a": "[aåä]", "o": "[oö]"}
"""What a plain a or o typed stands for: a keyboard without å, ä and ö."""


@lru_cache(maxsize=256)
def _typed(part: str) -> re.Pattern[str]:
    return re.compile("".join(_PLAIN.get(c) or re.escape(c) for c in part))


def folded_contains(text: str, typed: str) -> bool:
    """True when `typed` stands in `text`, both folded; a plain a or o typed also finds å, ä
    or ö (a keyboard without them), but å, ä and ö typed find only themselves: "år" is not
    "ar", and "Jönsson" is not "Jonsson"."""
    return _typed(fold(typed)).search(fold(text)) is not None


def folded_same(text: str, typed: str) -> bool:
    """True when `typed` is `text`, folded, as `folded_contains` matches."""
    return _typed(fold(typed)).fullmatch(fold(text)) is not None


def same_text(a: str, b: str) -> bool:
    """True when two texts are the same once both are NFC-normalised."""
    return text_key(a) == text_key(b)


def text_key(text: str) -> str:
    """A text as `same_text` compares it: NFC-normalised (for an index of names)."""
    return unicodedata.normalize("NFC", text)


def closest(text: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The candidates closest to `text`, best first (compared folded)."""
    import difflib

    by_fold: dict[str, str] = {}
    for candidate in candidates:
        by_fold.setdefault(fold(candidate), candidate)
    matches = difflib.get_close_matches(fold(text), list(by_fold), n=limit, cutoff=0.6)
    return [by_fold[m] for m in matches]


def did_you_mean(text: str, candidates: Iterable[str]) -> Message | str:
    """' (did you mean 'X'?)' when a close candidate exists, else ''."""
    near = [f"'{n}'" for n in closest(text, candidates)]
    if not near:
        return ""
    if len(near) == 1:
        return Message(" (did you mean {name}?)", name=near[0])
    return Message(" (did you mean {names} or {last}?)", names=", ".join(near[:-1]), last=near[-1])
