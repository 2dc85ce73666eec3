"""hplan's SHA-256 (hplan/hashing.py) is hashlib's, whichever implementation it takes."""

from __future__ import annotations

import hashlib
import sys

import pytest

from hplan.hashing import SMALL, sha256


@pytest.mark.parametrize("size", [0, 9_084, SMALL, SMALL + 1, 3 * SMALL])
@pytest.mark.parametrize("openssl_loaded", [False, True])
def test_the_digest_is_hashlibs_for_small_and_large_plans(
    size: int, openssl_loaded: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not openssl_loaded:  # as a read command starts: a small plan takes the built-in one
        monkeypatch.delitem(sys.modules, "hashlib")
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    made = sha256(data)
    made.update(b"more")
    assert made.hexdigest() == hashlib.sha256(data + b"more").hexdigest()
