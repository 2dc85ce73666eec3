"""Matching what a user types against names in the plan: case, accents and NFC/NFD alike."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from hplan.errors import Message


def fold(text: str) -> str:
    """A key for insensitive comparison: no case, no accents, one Unicode normalisation."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


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
