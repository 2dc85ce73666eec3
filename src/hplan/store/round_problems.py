"""What is wrong with a plan's follow-up rounds and the owners' answers, each located: a
round declared twice, a day outside the plan's year, an answer to a round not declared, two
answers to one round, an answer by someone who does not own the activity."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import date
from typing import Any

from hplan.errors import Message, Problem
from hplan.plan.matching import did_you_mean
from hplan.store.nodes import Loc, Nodes


def round_problems(data: dict[str, Any], tree: Nodes) -> Iterator[Problem]:
    """Every problem of the rounds (followups:) and of each activity's answers."""

    def at(loc: Loc, message: Message) -> Problem:
        span = tree.span(loc)
        return Problem(span.line, span.column, message)

    rounds: dict[str, int] = {}
    year = data.get("year")
    for i, item in _records(data.get("followups")):
        rid = item.get("id")
        if isinstance(rid, str):
            if rid in rounds:
                first = tree.span(("followups", rounds[rid], "id")).line
                yield at(("followups", i, "id"), Message(
                    "follow-up round {id} is declared twice (first at line {first})",
                    id=rid, first=first))  # fmt: skip
            rounds.setdefault(rid, i)
        yield from _days(item, i, str(year) if year is not None else "", at)
    owners = {
        _nfc(o.get("name")): [_nfc(m) for m in o.get("members") or [] if isinstance(m, str)]
        for _, o in _records(data.get("owners"))
    }
    for i, activity in _records(data.get("activities")):
        yield from _answers(activity, i, rounds, owners, data, at)


def _days(item: dict[str, Any], i: int, year: str, at: Any) -> Iterator[Problem]:
    """A round reports a day of the plan's year; its answers are due on or after that day,
    at the latest in the next year (the last round's answers)."""
    as_of, due = _day(item.get("as_of")), _day(item.get("answers_due"))
    if as_of is not None and year.isdigit() and as_of.year != int(year):
        yield at(("followups", i, "as_of"), Message(
            "follow-up round {id}: as_of {day} is not in the plan's year {year}",
            id=item.get("id"), day=as_of.isoformat(), year=year))  # fmt: skip
    if as_of is not None and due is not None and due < as_of:
        yield at(("followups", i, "answers_due"), Message(
            "follow-up round {id}: answers_due {due} is before its as_of {day}",
            id=item.get("id"), due=due.isoformat(), day=as_of.isoformat()))  # fmt: skip
    elif due is not None and year.isdigit() and due.year not in (int(year), int(year) + 1):
        yield at(("followups", i, "answers_due"), Message(
            "follow-up round {id}: answers_due {due} is neither in the plan's year {year} "
            "nor in the next", id=item.get("id"), due=due.isoformat(), year=year))  # fmt: skip


def _answers(
    activity: dict[str, Any], i: int, rounds: dict[str, int], owners: dict[str, list[str]],
    data: dict[str, Any], at: Any,
) -> Iterator[Problem]:  # fmt: skip
    aid = activity.get("id")
    allowed = answerers(activity, owners)
    seen: dict[str, int] = {}
    for j, answer in _records(activity.get("assessments")):
        rid, by = answer.get("round"), answer.get("by")
        if isinstance(rid, str) and isinstance(data.get("followups"), list | None):
            if rid not in rounds:
                yield at(("activities", i, "assessments", j, "round"), Message(
                    "activity {id}: no follow-up round {round}{near}; rounds are declared "
                    "under 'followups:'", id=aid, round=rid,
                    near=did_you_mean(rid, list(rounds))))  # fmt: skip
            elif rid in seen:
                yield at(("activities", i, "assessments", j, "round"), Message(
                    "activity {id}: a second answer to round {round} (the first at line "
                    "{first}); keep one, git keeps the other", id=aid, round=rid,
                    first=at(("activities", i, "assessments", seen[rid]), Message("")).line,
                ))  # fmt: skip
            seen.setdefault(rid, j)
        if isinstance(by, str) and allowed is not None and _nfc(by) not in allowed:
            yield at(("activities", i, "assessments", j, "by"), Message(
                "activity {id}: '{by}' answered, but is neither an owner of it nor a member "
                "of an owning role ({owners})", id=aid, by=by,
                owners=", ".join(sorted(allowed))))  # fmt: skip


def answerers(activity: dict[str, Any], owners: dict[str, list[str]]) -> set[str] | None:
    """Who may answer for an activity (its file form): its owners and the members of its
    owning roles; None when its owners cannot be read (another problem says so)."""
    from hplan.plan.assessments import may_answer

    named = activity.get("owners")
    if not isinstance(named, list):
        return None
    return may_answer([_nfc(n) for n in named if isinstance(n, str)], owners)


def _records(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _nfc(value: Any) -> str:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else ""
