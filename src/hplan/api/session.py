"""A session over one plan file: which file, which day, which language, resolved once.

Every front door stands on it: the command line, a web page, a mail job, a Python user. It
opens the plan (the same file-choice rule and the same cache for all), answers queries, and
makes changes (api/changes.py). It knows no option names and prints nothing: errors are data
(hplan.errors), each kind with its exit code and HTTP status, translated where shown.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hplan.api.asking import Asking
from hplan.api.past import Past
from hplan.api.writing import Writing
from hplan.store.source import SETTLE_SECONDS

if TYPE_CHECKING:
    from hplan.api.pipeline import AfterSave
    from hplan.errors import HplanError, Message
    from hplan.plan.model import Plan
    from hplan.queries.filters import (
        ActivityRow,
        Filter,
        GoalSummary,
        Group,
        GroupBy,
        OwnerSummary,
        SortKey,
    )
    from hplan.queries.report import Report, Timeline
    from hplan.store.cache import Regions
    from hplan.store.document import PlanDocument
    from hplan.store.source import Source

# What names the plan file, a contacts file and the language for people when none is given.
PLAN_VARIABLE, CONTACTS_VARIABLE, LANGUAGE_VARIABLE = "HPLAN_PLAN", "HPLAN_CONTACTS", "HPLAN_LANG"


@dataclass(frozen=True)
class Snapshot:
    """A plan as read from its file, with the version it was read at (the SHA-256 of the
    file's bytes): give that version back with a change, and a file changed meanwhile is
    refused instead of overwritten."""

    plan: Plan
    source: Source
    regions: Regions = None  # where each activity lies: a later version is read from it

    @property
    def path(self) -> Path:
        """The plan file."""
        return self.source.path

    @property
    def version(self) -> str:
        """The bytes' SHA-256 in hex, hashed when first asked for (a question needs none)."""
        return self.source.version


class Session(Writing, Asking, Past):
    """One plan file, one day and one language, resolved once.

    `plan`: the file (else $HPLAN_PLAN, else plan<YEAR>.yaml for the year of the day, here or
    in the nearest folder above). `as_of`: the day to answer as of (a date, `2025-07-01` or
    `1 juli 2025`; kept as given in `as_of`), else today in the plan's time zone.
    `language`: sv or en for people (else $HPLAN_LANG, else the plan's). `settle`: the
    longest wait, in seconds, for a file another program is saving before a change reads it.
    """

    def __init__(
        self,
        plan: Path | str | None = None,
        *,
        as_of: date | str | None = None,
        language: str | None = None,
        folder: Path | None = None,
        settle: float = SETTLE_SECONDS,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        env = os.environ if environ is None else environ
        self._environ = env
        given = plan if plan is not None else env.get(PLAN_VARIABLE) or None
        self._given = Path(given) if given is not None else None
        self.as_of = as_of.isoformat() if isinstance(as_of, date) else as_of
        if self.as_of:
            _checked_day(self.as_of)  # where it enters: a usage error, at every door
        self._language = language or env.get(LANGUAGE_VARIABLE) or None
        self.folder = folder if folder is not None else Path()
        self.settle = settle
        self._path: Path | None = None
        self._snapshot: Snapshot | None = None
        self._earlier: Snapshot | None = None
        self.notes: list[Message] = []
        self._today: date | None = None
        self.confirm: Callable[[], None] | None = None
        self.after_save: list[AfterSave] = []
        self.failed_after: list[HplanError] = []

    @property
    def environ(self) -> Mapping[str, str]:
        """The environment the session was made in (its variables: plan, language, …)."""
        return self._environ

    # -- what the session resolves once ------------------------------------------------------

    @property
    def path(self) -> Path:
        """The plan file (store/source.find_plan: the one rule for every front door)."""
        if self._path is None:
            from hplan.plan.clock import today
            from hplan.store.source import find_plan

            # The file is chosen before it is read, by the day in the default time zone.
            self._path = find_plan(self._given, self.folder, today(self.as_of).year)
        return self._path

    @property
    def found_elsewhere(self) -> Path | None:
        """The plan in use when hplan found it in a folder above the current one (a person
        should be told which plan that is), else None."""
        if self._path is None or self._given is not None:
            return None
        here = self.folder.absolute()
        return self._path if self._path.absolute().parent != here else None

    @property
    def today(self) -> date:
        """The day to answer as of: `as_of`, else the date in the plan's time zone."""
        if self._today is None:
            from hplan.plan.clock import today

            # With --as-of the plan need not be read to know the day.
            self._today = today(self.as_of) if self.as_of else self.day_of(self.plan)
        return self._today

    def day_of(self, plan: Plan) -> date:
        """The day to answer as of, for `plan` (its time zone): every "today" of a session."""
        from hplan.plan.clock import today

        return today(self.as_of, plan.timezone)

    def read(self) -> Snapshot:
        """The plan and its version, read once (through the cache, or after `follow`)."""
        if self._snapshot is None:
            from hplan.store.reading import plan_of
            from hplan.store.source import read_source

            source, earlier, found = read_source(self.path), self._earlier, None
            if earlier:  # a server's session after a change: read from the one before it
                from hplan.store.incremental import after_read

                found = after_read(earlier.source, earlier.plan, earlier.regions)
            plan, regions = plan_of(source, found, keep_derived=True)
            self._snapshot = Snapshot(plan, source, regions)
        return self._snapshot

    def follow(self, earlier: Session) -> None:
        """Read the plan from what `earlier` read: only what a change touched is parsed."""
        self._earlier = earlier._snapshot

    def adopt(self, document: PlanDocument) -> None:
        """Take the plan a document holds (as read, or as it saved it) as the session's plan."""
        source = document.saved or document.source
        self._snapshot = Snapshot(document.plan, source)

    def reload(self) -> Snapshot:
        """The plan read again, as the file is now."""
        self._snapshot = None
        if not self.as_of:
            self._today = None  # today follows the plan's time zone, which may have changed
        return self.read()

    @property
    def plan(self) -> Plan:
        """The plan (read once)."""
        return self.read().plan

    @property
    def version(self) -> str:
        """The version of the file the plan was read from (SHA-256 of its bytes, hex)."""
        return self.read().version

    @property
    def requested_language(self) -> str | None:
        """The language asked for (given, or $HPLAN_LANG), before the plan's is known."""
        return self._language

    @property
    def language(self) -> str:
        """The language for people: the one given (or $HPLAN_LANG), else the plan's."""
        from hplan.plan.model import check_language

        return check_language(self._language or self.plan.language)

    def check_language(self) -> None:
        """Refuse (UsageError) a language asked for that hplan does not speak: called before
        any change, so that nothing is written that cannot then be said."""
        if self._language is not None:
            from hplan.plan.model import check_language

            check_language(self._language)

    def error_language(self, error: BaseException | None = None) -> str:
        """The language to say an error in (or anything, when the plan may not read): the one
        given, else the plan's (as read, or as a broken file says it), else the user's
        locale; never an error itself. The one language rule of every front door."""
        from hplan.errors import PlanInvalid, PlanNotFound
        from hplan.plan.model import LANGUAGES

        read = self._snapshot.plan if self._snapshot is not None else None
        if read is None and not isinstance(error, PlanInvalid | PlanNotFound):
            # A typed value refused before the plan was read: its language, if it reads.
            try:
                read = self.plan
            except Exception:
                read = None
        for language in (
            self._language,
            read.language if read is not None else None,
            getattr(error, "language", None),
        ):
            if language is not None and language in LANGUAGES:
                return language
        return user_language()

    @property
    def plan_path(self) -> Path | None:
        """The plan file, or None where there is none to be found (an export's guard)."""
        from hplan.errors import HplanError

        try:
            return self.path
        except HplanError:
            return None

    def document(self) -> PlanDocument:
        """The plan file open for changes, read now (not the snapshot)."""
        from hplan.store.document import PlanDocument

        return PlanDocument.open(self.path, self.settle)

    # -- queries ------------------------------------------------------------------------------

    def filter(self, **typed: Any) -> Filter:
        """A filter from typed values (owners=["linda"], statuses=["pågår"], due_before=…)."""
        from hplan.api.typed import day_text, means_me, owner_me
        from hplan.queries.filters import Filter

        owners = typed.get("owners") or ()
        if any(means_me(o) for o in owners):
            me = owner_me(self.plan, self.path, self._environ)
            typed["owners"] = [me if means_me(o) else o for o in owners]
        for name in ("due_before", "due_after"):
            typed[name] = day_text(typed.get(name), self.today)
        if typed.get("assessments"):  # asked of the current round
            typed["round"] = self.round().id
        return Filter.typed(self.plan, **typed)

    def select(self, sort: SortKey | str = "id", **typed: Any) -> list[ActivityRow]:
        """The activities matching every typed criterion, sorted."""
        from hplan.queries.filters import SortKey, select

        return select(self.plan, self.filter(**typed), self.today, SortKey(sort))

    def overdue(self, **typed: Any) -> list[ActivityRow]:
        """Overdue activities (of the typed owners and goals), most days late first."""
        from hplan.queries.filters import overdue

        return overdue(self.plan, self.today, self.filter(**typed))

    def upcoming(self, within: int | None = None, **typed: Any) -> list[ActivityRow]:
        """Open activities due within `within` days (UPCOMING_DAYS unless said), soonest first."""
        from hplan.queries.filters import UPCOMING_DAYS, upcoming

        days = UPCOMING_DAYS if within is None else within
        return upcoming(self.plan, self.today, days, self.filter(**typed))

    def group(self, rows: list[ActivityRow], by: GroupBy | str) -> list[Group]:
        """Rows grouped by goal or owner."""
        from hplan.queries.filters import GroupBy, group

        return group(self.plan, rows, GroupBy(by))

    def activity(self, activity_id: str) -> ActivityRow:
        """One activity as of the day; NotFound when no activity has the id."""
        from hplan.plan.lookup import find_activity
        from hplan.queries.filters import as_of

        return as_of(find_activity(self.plan, activity_id), self.today)

    def activity_version(self, activity_id: str) -> str:
        """An activity's own version (the SHA-256 of its fields as the file holds them): give
        it back with a change (`change(..., activities={id: version})`), and the change is
        refused only when this activity changed meanwhile."""
        from hplan.plan.codec import record_version
        from hplan.plan.lookup import find_activity

        return record_version(find_activity(self.plan, activity_id))

    def goals(self) -> list[GoalSummary]:
        """Every goal with its roll-up."""
        from hplan.queries.filters import goal_summaries

        return goal_summaries(self.plan, self.today)

    def owners(self) -> list[OwnerSummary]:
        """Every owner with their counts."""
        from hplan.queries.filters import owner_summaries

        return owner_summaries(self.plan, self.today)

    def timeline(self, **typed: Any) -> Timeline:
        """The plan year as a timeline."""
        from hplan.queries.report import build_timeline

        return build_timeline(self.plan, self.today, self.filter(**typed))

    def plan_with_contacts(self, contacts: Path | None = None) -> Plan:
        """The plan with its owners' addresses from a contacts file: `contacts`, else
        $HPLAN_CONTACTS, else contacts.yaml beside the plan, if there is one."""
        from hplan.store.contacts import with_contacts

        path = self.contacts_path(contacts)
        return with_contacts(self.plan, path) if path is not None else self.plan

    def contacts_path(self, contacts: Path | None = None) -> Path | None:
        """The contacts file in use: `contacts`, else $HPLAN_CONTACTS, else contacts.yaml
        beside the plan, if there is one."""
        from hplan.store.contacts import contacts_beside

        named = self._environ.get(CONTACTS_VARIABLE)
        return contacts or (Path(named) if named else None) or contacts_beside(self.path)

    def masthead(self) -> tuple[str, str, date]:
        """A page's head: the plan's title, its version and the day; where the plan does not
        read (a page saying why), the file's name, no version, and the day in the default
        time zone."""
        from hplan.errors import HplanError

        try:
            snapshot = self.read()
            return snapshot.plan.title, snapshot.version, self.today
        except HplanError:
            from hplan.plan.clock import today

            return (self.plan_path or self._given or Path("plan")).name, "", today(self.as_of)

    def report(
        self, since: str | None = None, round_id: str | None = None, last_meeting: bool = False
    ) -> Report:
        """The board's follow-up as data, with what changed `since` when given (with
        `last_meeting` and no `since`: since the latest tag, the board's last meeting, when
        the plan is in git, else without that section), and the owners' assessments at a
        follow-up round (`round_id`, else the current one)."""
        from hplan.api.typed import day_text
        from hplan.errors import HplanError
        from hplan.queries.report import build_report
        from hplan.store.history import repository_top, revision_day

        if since is None and last_meeting and repository_top(self.path) is not None:
            try:
                return self.report(self.default_since(), round_id)
            except HplanError:
                pass  # a plan git does not track: the report without that section
        since = day_text(since, self.today)  # -30d as the day it names, in the heading too
        found = self.changes(since) if since else None
        on = revision_day(self.path, since) if since else None
        shown = self.round(round_id) if round_id else self.current_round()
        return build_report(self.plan, self.today, self.language, found, since, on, shown)


def user_language() -> str:
    """The language of the user's locale (LC_ALL, LC_MESSAGES, LANG) where hplan speaks it,
    else English: for output when no plan is read."""
    from hplan.plan.model import LANGUAGES

    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            code = value[:2].lower()
            return code if code in LANGUAGES else "en"
    return "en"


def _checked_day(text: str) -> None:
    """Nothing when `text` names a day hplan answers as of; else a UsageError naming
    --as-of, in words (a page's `?as_of=31 februari 2025` is a 400, never a 500)."""
    from hplan.errors import UsageError, WordedError
    from hplan.plan.clock import as_of_day

    try:
        as_of_day(text.strip())
    except WordedError as error:
        raise UsageError("as_of", error.message) from None
