"""Finding what a person names in the plan: an activity by id, an owner or a goal.

Errors name what the plan has, and the closest match when there is one.
"""

from __future__ import annotations

from hplan.errors import Message, NotFound
from hplan.plan.matching import did_you_mean, fold, folded_contains, folded_same, same_text
from hplan.plan.model import Activity, Goal, Owner, Plan


def find_activity(plan: Plan, activity_id: str) -> Activity:
    """The activity with this id; an error naming the ids there are when none has it."""
    found = plan.activity(activity_id.strip())
    if found is None:
        ids = [a.id for a in plan.activities]
        span: Message | str = f"{ids[0]}–{ids[-1]}" if ids else Message("none")
        raise NotFound(
            Message(
                "no activity has id '{id}' (ids in this plan: {span}); see `hplan list`",
                id=activity_id,
                span=span,
            )
        )
    return found


def find_owner(plan: Plan, text: str) -> Owner:
    """The owner whose name is `text` or uniquely contains it, insensitive to case and accents."""
    same = [o for o in plan.owners if same_text(o.name, text.strip())]
    if same:
        return same[0]  # the name exactly as written wins over one that folds alike
    exact = [o for o in plan.owners if folded_same(o.name, text)]
    if len(exact) == 1:
        return exact[0]
    partial = exact or [o for o in plan.owners if fold(text) and folded_contains(o.name, text)]
    if len(partial) == 1:
        return partial[0]
    names = [o.name for o in plan.owners]
    if partial:
        listed = ", ".join(f"'{o.name}'" for o in partial)
        raise NotFound(
            Message(
                "owner '{text}' is ambiguous: it matches {listed}; give more of the name",
                text=text,
                listed=listed,
            )
        )
    raise NotFound(
        Message(
            "unknown owner '{text}'{near}; owners in this plan: {names}",
            text=text,
            near=did_you_mean(text, names),
            names=", ".join(names),
        )
    )


def find_goal(plan: Plan, text: str) -> Goal:
    """The goal with this id; an error with the closest ids when none has it."""
    goal = plan.goal(text.strip())
    if goal is None:
        ids = [g.id for g in plan.goals]
        raise NotFound(
            Message(
                "unknown goal '{text}'{near}; goals in this plan: {ids}",
                text=text,
                near=did_you_mean(text, ids),
                ids=", ".join(ids),
            )
        )
    return goal
