"""A session's questions of the plan's past, from git (store/history.py): what changed, and
one activity's story."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hplan.errors import Message
    from hplan.plan.model import Plan
    from hplan.plan.results import Advance
    from hplan.queries.changes import Change


class Past:
    """The history questions of a `Session` (which provides the file and the day)."""

    if TYPE_CHECKING:  # provided by Session

        @property
        def path(self) -> Path: ...
        @property
        def today(self) -> date: ...
        @property
        def plan(self) -> Plan: ...

        as_of: str | None

    def year_is_over(self) -> bool:
        """True when today is past the plan's year and no --as-of names the day: the one rule
        of the notice every front door gives (start next year's plan, or look back)."""
        return self.as_of is None and self.today.year > self.plan.year

    def changes(self, since: str | None = None, advance: Advance | None = None) -> list[Change]:
        """What changed since a revision or a day (default: the latest tag, else 30 days);
        `advance` is told each version read."""
        from hplan.api.typed import day_text
        from hplan.queries.changes import changes, visible_as_of
        from hplan.store.history import default_since, since_day, versions

        since = day_text(since, self.today) or default_since(self.path, self.today)
        read = versions(self.path, since, advance)
        found = changes(read, self.today, since_day(since, self.path))
        return visible_as_of(found, self.today)

    def default_since(self) -> str:
        """What `changes` compares with when not told."""
        from hplan.store.history import default_since

        return default_since(self.path, self.today)

    def history(self, activity_id: str) -> list[Change]:
        """One activity's story from git."""
        from hplan.queries.changes import activity_history, visible_as_of
        from hplan.store.history import versions

        story = activity_history(versions(self.path), activity_id.strip())
        return visible_as_of(story, self.today)

    def history_or_why(self, activity_id: str) -> tuple[list[Change] | None, Message | None]:
        """One activity's story from git, or None and why there is none (no git, no history):
        for a page that shows the rest of the activity all the same."""
        from hplan.errors import HplanError

        try:
            return self.history(activity_id), None
        except HplanError as error:
            return None, error.message

    def history_cut(self) -> str | None:
        """The day git's history of the plan starts when it is cut short (a shallow clone)."""
        from hplan.store.history import shallow

        return shallow(self.path)
