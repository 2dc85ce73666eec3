"""SHA-256 as hplan computes it: a plan's version and its cache entry's name.

A small plan (the real one is 9 KB) is hashed by CPython's own SHA-256, without loading
OpenSSL (3 ms of a 100 ms read command); a large one by OpenSSL's, which is four times as
fast on 2.5 MB; once OpenSSL's is loaded, it hashes the small ones too. Both give the
same digest.
"""

from __future__ import annotations

import sys
from typing import Any

SMALL = 256 * 1024
"""Bytes up to which the built-in SHA-256 is the quicker, its import included."""


def sha256(data: bytes = b"") -> Any:
    """A SHA-256 hash object of `data` (more may be given with `update`, as to hashlib's)."""
    if len(data) <= SMALL and "hashlib" not in sys.modules:  # loaded already: no cost
        try:
            from _sha256 import sha256 as built_in  # type: ignore[import-not-found, unused-ignore]
        except ImportError:  # 3.12 and later name it _sha2; a build may have neither
            try:
                from _sha2 import sha256 as built_in  # type: ignore[import-not-found, unused-ignore]
            except ImportError:
                from hashlib import sha256 as built_in
        return built_in(data)
    import hashlib

    return hashlib.sha256(data)
