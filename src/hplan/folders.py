"""Where hplan keeps what it can make again: the user's cache folder (never beside a plan)."""

from __future__ import annotations

from pathlib import Path


def user_cache() -> Path:
    """The platform's cache folder for hplan (XDG_CACHE_HOME/hplan on Linux)."""
    import platformdirs

    return platformdirs.user_cache_path("hplan")
