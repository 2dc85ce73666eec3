"""What every page of the web view shares: the sessions kept between requests, a page drawn
with the plan's title, version and day, a refusal, and an activity's page with its form."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flask import Response, current_app, get_flashed_messages, request

from hplan.api import Session
from hplan.errors import Message, WriteRefused
from hplan.plan.codec import record_version
from hplan.plan.model import MAX_TEXT
from hplan.render.i18n import say
from hplan.render.pages import render_page

if TYPE_CHECKING:
    from pathlib import Path

    from hplan.plan.model import Activity
    from hplan.web.guard import Guard

FORM_BYTES = 64 * 1024
"""The largest request body read: a form is a status and a short note."""


@dataclass(frozen=True)
class Settings:
    """What `hplan serve` was told: the plan, the day, the language, and what it may do."""

    plan: Path
    guard: Guard
    as_of: str | None = None
    language: str | None = None
    read_only: bool = False
    commit: bool = False


class ReadOnly(WriteRefused):
    """A change asked of a server started read-only."""

    http_status = 403


class Plans:
    """Sessions kept between requests while the plan's version is the same (api/files:
    `plan_version` asks the file's state first and hashes only when it changed): a page of a
    10,000-activity plan is not read again for every click."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lock = threading.Lock()
        self.kept: dict[tuple[str | None, str], Session] = {}
        self.drawn: OrderedDict[str, bytes] = OrderedDict()
        """Pages already drawn, by their ETag (the address, the plan's version, the day)."""
        self.drawing = threading.Lock()
        """Held while a page is drawn: fifty readers of a page just changed wait for one
        drawing, not fifty."""

    def session(self, as_of: str | None = None, fresh: bool = False) -> Session:
        """A session as of `as_of` (else the server's day); `fresh`: not one kept."""
        from hplan.api.files import plan_version

        day = as_of or self.settings.as_of
        version = "" if fresh else plan_version(self.settings.plan)
        if not version:
            return self._made(day)
        with self.lock:
            if (day, version) not in self.kept:
                made = self._made(day)
                if self.kept:  # read from the newest version read before, where it can be
                    made.follow(next(reversed(self.kept.values())))
                if len(self.kept) > 8:
                    self.kept.clear()
                self.kept[day, version] = made
            return self.kept[day, version]

    def _made(self, day: str | None) -> Session:
        settings = self.settings
        return Session(settings.plan, as_of=day, language=settings.language, settle=0)


KEPT_PAGES = 64
"""Pages kept drawn: each a few hundred KB at most (a page of 100 activities)."""


def kept_page(view: Callable[..., Response]) -> Callable[..., Response]:
    """A page of the plan answered from what was already drawn while the plan is unchanged
    (issue 35: 50 readers drew the same list 50 times, the slowest waiting 3 s), with an
    ETag of the address, the plan's version and the day: a browser's repeat is a 304. Not
    for a page that carries a one-time message, nor one that is not a 200."""
    import hashlib
    from functools import wraps

    from flask import session as cookie

    from hplan.api.files import plan_version
    from hplan.plan.clock import today

    @wraps(view)
    def answer(*args: Any, **kwargs: Any) -> Response:
        kept = plans()
        version = plan_version(kept.settings.plan)
        if not version or cookie.get("_flashes"):
            return view(*args, **kwargs)
        day = today(kept.settings.as_of).isoformat()
        key = "\0".join((request.full_path, version, day, kept.settings.language or ""))
        etag = hashlib.sha256(key.encode()).hexdigest()[:32]
        if etag in request.if_none_match:
            return _revalidated(Response(status=304), etag)
        html = kept.drawn.get(etag)
        if html is None:
            with kept.drawing:
                html = kept.drawn.get(etag)  # drawn meanwhile by another reader
                if html is None:
                    drawn = view(*args, **kwargs)
                    if drawn.status_code != 200:
                        return drawn
                    html = drawn.get_data()
                    with kept.lock:
                        kept.drawn[etag] = html
                        while len(kept.drawn) > KEPT_PAGES:
                            kept.drawn.popitem(last=False)
        return _revalidated(Response(html, 200, mimetype="text/html"), etag)

    return answer


def _revalidated(answer: Response, etag: str) -> Response:
    answer.set_etag(etag)  # app.headers then says: kept by this browser only, asked again
    return answer


def plans() -> Plans:
    """The sessions of the application answering now."""
    found: Plans = current_app.extensions["hplan"]
    return found


def chosen_filters() -> dict[str, Any]:
    """The list's filters as the address gives them (shown again on a 400)."""
    args = request.args
    return {
        "owner": args.getlist("owner"), "goal": args.get("goal", ""),
        "status": args.get("status", ""), "search": args.get("search", ""),
        "as_of": args.get("as_of", ""), "overdue": args.get("overdue") == "1",
        "assessment": args.get("assessment", ""),
    }  # fmt: skip


def page(session: Session, name: str, heading: str, code: int = 200, **context: Any) -> Response:
    """A page (templates/web/NAME.html.j2) of the plan, in the session's language."""
    settings = plans().settings
    lang = session.error_language()
    title, version, today = session.masthead()
    said = get_flashed_messages()
    html = render_page(
        name, lang, heading=heading, plan_title=title, version=version, today=today,
        file_name=settings.plan.name, read_only=settings.read_only, page=name,
        said=context.pop("said", None) or (said[0] if said else None), **context,
    )  # fmt: skip
    return Response(html, code, mimetype="text/html")


def problem_page(session: Session, said: Message, code: int, problems: list[str]) -> Response:
    """A page that says what is wrong (and, for a plan that does not validate, where)."""
    return page(session, "problem", say(said, session.error_language()), code, problems=problems)


def forbidden(why: Message) -> Response:
    """A refusal before any page: plain text, nothing of the plan."""
    session = plans().session()
    return Response(say(why, session.error_language()) + "\n", 403, mimetype="text/plain")


def activity_page(session: Session, activity_id: str, code: int = 200, **kept: Any) -> Response:
    """An activity, its status form (carrying the activity's own version) and its history;
    `kept`: what a refused form keeps (the note typed, the problem said)."""
    from hplan.render.records import change_table, detail_lines

    settings = plans().settings
    row = session.activity(activity_id)
    lang = session.language
    lines = detail_lines(session.plan, row, lang)
    found, why = session.history_or_why(activity_id)
    history = change_table(found, lang, one=True) if found is not None else None
    missing = say(why, lang) if why is not None else ""
    heading = f"{row.activity.id}. {row.activity.title}"
    return page(
        session, "activity", heading, code, lines=lines, activity_id=row.activity.id,
        editable=not settings.read_only, csrf=settings.guard.csrf,
        current=row.activity.status.value, seen=record_version(row.activity),
        note=kept.pop("note", ""), max_text=MAX_TEXT, history=history,
        history_missing=missing, asking=asking(session, row.activity, kept.pop("comment", "")),
        **kept,
    )  # fmt: skip


def asking(session: Session, activity: Activity, comment: str) -> dict[str, Any] | None:
    """The assessment form of an open activity while a round is current: the round, the
    answer so far, who may answer (its owners and their roles' members), the comment typed."""
    from hplan.render.pages import assessment_choices

    followup = session.current_round()
    if followup is None or activity.status.closed:
        return None
    answer = activity.answer(followup.id)
    return {
        "round": followup, "current": answer.assessment.value if answer else "",
        "words": assessment_choices(session.language), "people": session.answerers(activity.id),
        "by": answer.by if answer else "", "comment": comment,
    }  # fmt: skip
