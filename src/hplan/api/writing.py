"""A session's changes: each method makes its changes (api/changes.py) and hands them to the
pipeline (api/pipeline.py) with the session's file, day, language and front-door hooks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hplan.api.changes import AddActivity, Change
    from hplan.api.imports import Imported
    from hplan.api.pipeline import AfterSave, Saved
    from hplan.api.rounds import OpenRound
    from hplan.errors import HplanError, Message
    from hplan.plan.assessments import Assessment
    from hplan.plan.model import Activity, Followup, Plan
    from hplan.plan.results import Advance, Update
    from hplan.plan.statuses import Status
    from hplan.queries.rollover import Rollover
    from hplan.store.document import PlanDocument
    from hplan.store.source import Source


class Writing:
    """The changes of a `Session` (which provides the file, the day and the language)."""

    confirm: Callable[[], None] | None
    """Called once a change is checked, before it is written: an interface may ask."""
    after_save: list[AfterSave]
    """Steps run after every write of this session (a front door's hook)."""
    notes: list[Message]
    """What the last change says a person should know (an owner not kept, hard links)."""
    folder: Path
    """The folder a new plan is written in unless told (the session's)."""
    failed_after: list[HplanError]
    """What an after-save step of the last change could not do (the plan is written)."""

    if TYPE_CHECKING:  # provided by Session

        @property
        def path(self) -> Path: ...
        @property
        def plan(self) -> Plan: ...
        @property
        def today(self) -> date: ...
        @property
        def language(self) -> str: ...
        def day_of(self, plan: Plan) -> date: ...
        def check_language(self) -> None: ...
        def document(self) -> PlanDocument: ...
        def adopt(self, document: PlanDocument) -> None: ...
        @property
        def requested_language(self) -> str | None: ...

    def change(
        self,
        changes: Sequence[Change | AddActivity | OpenRound],
        *,
        version: str | None = None,
        activities: dict[str, str] | None = None,
        commit: bool = False,
        author: str | None = None,
    ) -> Saved:
        """Make `changes` in one write, all or none (api/pipeline.py). `version`: the whole
        file's version the changes were made from; `activities`: each changed activity's
        version (`activity_version`); `commit`: commit the plan after writing (checked before
        anything is written, so nothing is written that cannot be committed), by `author`
        ("Name <address>") when given, else git's user."""
        from hplan.api.files import commit_step
        from hplan.api.pipeline import Expected, save_changes

        self.check_language()  # what will be said of the change must be sayable: asked first
        steps = list(self.after_save)
        if commit:
            steps.append(commit_step(self.path, lambda: (self.today, self.language), author))
        saved = save_changes(
            self.document(), changes, self.day_of, Expected(version, activities or {}),
            self.confirm, steps,
        )  # fmt: skip
        self.adopt(saved.document)
        self.notes, self.failed_after = saved.notes, saved.after
        return saved

    def set_statuses(
        self, activity_ids: Sequence[str], status: Status | str, note: str | None = None,
        version: str | None = None, commit: bool = False,
    ) -> list[Update]:  # fmt: skip
        """Set activities' status, dated today, each with the note: one write, all or none."""
        from hplan.api.changes import status_change

        made = [status_change(i, status, note) for i in dict.fromkeys(activity_ids)]
        return self.change(made, version=version, commit=commit).updates

    def set_status(
        self, activity_id: str, status: Status | str, note: str | None = None,
        version: str | None = None,
    ) -> Update:  # fmt: skip
        """Set an activity's status, dated today, with an optional note."""
        return self.set_statuses([activity_id], status, note, version)[0]

    def add_notes(
        self, activity_ids: Sequence[str], text: str, version: str | None = None,
        commit: bool = False,
    ) -> list[Update]:  # fmt: skip
        """Keep a dated note on activities without changing their status: one write."""
        from hplan.api.changes import note_change

        made = [note_change(i, text) for i in dict.fromkeys(activity_ids)]
        return self.change(made, version=version, commit=commit).updates

    def add_note(self, activity_id: str, text: str, version: str | None = None) -> Update:
        """Keep a dated note on an activity."""
        return self.add_notes([activity_id], text, version)[0]

    def edit(self, activity_id: str, version: str | None = None, **typed: Any) -> Update:
        """Change an activity's title, goals, owners, with_ or deadline, as typed."""
        from hplan.api.changes import edit_fields

        return self.change([edit_fields(activity_id, typed)], version=version).updates[0]

    def add_owner(self, activity_id: str, name: str, version: str | None = None) -> Update:
        """Name one more owner as responsible for an activity."""
        from hplan.api.changes import AddOwner

        return self.change([AddOwner(activity_id, name)], version=version).updates[0]

    def remove_owner(self, activity_id: str, name: str, version: str | None = None) -> Update:
        """No longer name an owner as responsible for an activity (one must remain)."""
        from hplan.api.changes import RemoveOwner

        return self.change([RemoveOwner(activity_id, name)], version=version).updates[0]

    def add_activity(
        self, title: str, goals: Sequence[str], owners: Sequence[str], deadline: str,
        with_: Sequence[str] = (), version: str | None = None, commit: bool = False,
    ) -> Activity:  # fmt: skip
        """Append an activity with the plan's next id; it starts not started."""
        from hplan.api.changes import AddActivity

        added = AddActivity(title, goals, owners, deadline, with_)
        return self.change([added], version=version, commit=commit).added[0]

    def import_document(
        self, document: Path, output: Path | None = None, *, force: bool = False,
        dry_run: bool = False, advance: Advance | None = None,
    ) -> Imported:  # fmt: skip
        """Read the board's document (Word or PDF) into a new plan: `output`, else
        plan<YEAR>.yaml in the session's folder (api/imports.py)."""
        from hplan.api.imports import import_document

        self.check_language()
        return import_document(
            document, output, force=force, dry_run=dry_run, folder=self.folder,
            language=self.requested_language, advance=advance,
        )  # fmt: skip

    def assess(
        self, activity_ids: Sequence[str], assessment: Assessment | str,
        comment: str | None = None, round_id: str | None = None, by: str | None = None,
        version: str | None = None, commit: bool = False,
    ) -> list[Update]:  # fmt: skip
        """Record an owner's answer at a follow-up round (the current one unless `round_id`)
        for each activity: one write, all or none. `by`: who answers (else the activity's one
        owner); an answer for the same round replaces the earlier one."""
        from hplan.api.rounds import assess_change

        made = [
            assess_change(i, assessment, comment, round_id, by) for i in dict.fromkeys(activity_ids)
        ]
        return self.change(made, version=version, commit=commit).updates

    def open_round(
        self, round_id: str, as_of: date | str, answers_due: date | str, title: str | None = None,
        commit: bool = False,
    ) -> Followup:  # fmt: skip
        """Add a follow-up round to the plan (after the last one): the day it reports and the
        day its answers are due."""
        from hplan.api.rounds import open_round

        made = open_round(round_id, title, as_of, answers_due)
        return self.change([made], commit=commit).rounds[0]

    def save_text(self, before: Source, raw: bytes) -> None:
        """Write a whole new text of the plan (an editor's), made from `before` (read with
        `read_text`): valid, and only when the file still holds what was read (else
        PlanChanged); api/pipeline.save_text."""
        from hplan.api.pipeline import save_text

        self.notes = save_text(before, raw)
        self.failed_after = []

    def read_text(self) -> Source:
        """The plan file's bytes and their version, for a whole-text edit (valid or not)."""
        from hplan.api.pipeline import read_text

        return read_text(self.path)

    def rollover(self, year: int, target: Path | None = None) -> Rollover:
        """Write next year's plan (never over a file): goals and owners carried, open
        activities carried with a note in the plan's language."""
        from hplan.queries.rollover import roll_over, rollover_target
        from hplan.render.messages import carry_note, rollover_header, rollover_review
        from hplan.store.new_plan import create_plan

        self.check_language()
        plan = self.plan
        target = target or rollover_target(self.path, plan, year)
        result = roll_over(
            plan, year, self.today, target, lambda a: carry_note(a, plan.year, plan.language)
        )
        create_plan(target, result.plan, rollover_header(result), rollover_review(result))
        return result
