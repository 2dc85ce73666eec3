"""What every command shares, resolved once per run: the plan file, the day, the language."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hplan.plan.model import Plan
    from hplan.store.document import PlanDocument


@dataclass
class Run:
    """The options given before or after the command name, and what follows from them."""

    plan_option: Path | None = None
    as_of: str | None = None
    lang: str | None = None
    _today: date | None = field(default=None, repr=False)
    _path: Path | None = field(default=None, repr=False)
    _document: PlanDocument | None = field(default=None, repr=False)
    _plan: Plan | None = field(default=None, repr=False)

    @property
    def today(self) -> date:
        """The day to answer as of: --as-of, else the system's date (plan/clock.py)."""
        if self._today is None:
            from hplan.plan.clock import today

            self._today = today(self.as_of)
        return self._today

    @property
    def path(self) -> Path:
        """The plan file: --plan (or HPLAN_PLAN), else plan<YEAR>.yaml for the year of the day
        in question (store/source.find_plan)."""
        if self._path is None:
            from hplan.store.source import find_plan

            self._path = find_plan(self.plan_option, Path(), self.today.year)
        return self._path

    def document(self) -> PlanDocument:
        """The plan file, read once (through the cache), open for edits."""
        if self._document is None:
            from hplan.store.document import PlanDocument

            self._document = PlanDocument.open(self.path)
        return self._document

    def plan(self) -> Plan:
        """The plan, read once (through the cache)."""
        if self._document is not None:
            return self._document.plan
        if self._plan is None:
            from hplan.store.reading import read_plan

            self._plan = read_plan(self.path)
        return self._plan

    def language(self, plan: Plan | None = None) -> str:
        """The language for people: --lang (or HPLAN_LANG), else the plan's own."""
        from hplan.render.i18n import check_language

        return check_language(self.lang or (plan or self.plan()).language)

    def error_language(self, error: BaseException) -> str:
        """The language to say an error in: --lang, else the plan's own (as read, or as a
        broken file says it), else the user's locale; never an error itself."""
        from hplan.errors import PlanInvalid, PlanNotFound
        from hplan.plan.model import LANGUAGES

        read = self._document.plan if self._document is not None else self._plan
        if read is None and not isinstance(error, PlanInvalid | PlanNotFound):
            # A typed value refused before the plan was read: its language, if it reads.
            with contextlib.suppress(Exception):
                read = self.plan()
        for language in (
            self.lang,
            read.language if read is not None else None,
            error.language if isinstance(error, PlanInvalid) else None,
        ):
            if language is not None and language in LANGUAGES:
                return language
        from hplan.render.i18n import user_language

        return user_language()
