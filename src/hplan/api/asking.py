"""A session's questions of the follow-up rounds (queries/followups.py): which round, and how
far its answers are."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hplan.plan.model import Followup, Plan
    from hplan.queries.followups import RoundProgress


class Asking:
    """The follow-up questions of a `Session` (which provides the plan and the day)."""

    if TYPE_CHECKING:  # provided by Session

        @property
        def plan(self) -> Plan: ...
        @property
        def today(self) -> date: ...

    def rounds(self) -> list[Followup]:
        """The plan's follow-up rounds, by the day they report."""
        from hplan.queries.followups import rounds_by_day

        return rounds_by_day(self.plan)

    def current_round(self) -> Followup | None:
        """The round whose day is the latest that has passed, or None."""
        if not self.plan.followups:  # no round to ask of: its queries not even loaded
            return None
        from hplan.queries.followups import current_round

        return current_round(self.plan, self.today)

    def round(self, round_id: str | None = None) -> Followup:
        """The round named (any case), else the current one (the last whose day has passed);
        a UsageError naming --round when there is none."""
        from hplan.api.rounds import round_of

        return round_of(self.plan, round_id, self.today)

    def answerers(self, activity_id: str) -> list[str]:
        """Who may answer for an activity at a round: its owners and the members of its owning
        roles, in the plan's order of owners."""
        from hplan.plan.assessments import may_answer
        from hplan.plan.lookup import find_activity

        activity = find_activity(self.plan, activity_id)
        allowed = may_answer(activity.owners, {o.name: o.members for o in self.plan.owners})
        return [o.name for o in self.plan.owners if o.name in allowed]

    def round_progress(self, round_id: str | None = None) -> RoundProgress:
        """How far a round's answers are (the current round unless `round_id`): per owner,
        the open activities they own and those answered."""
        from hplan.queries.followups import progress

        return progress(self.plan, self.round(round_id))
