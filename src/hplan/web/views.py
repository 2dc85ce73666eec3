"""The web view's pages: each reads the request, asks the application layer (`hplan.api`)
and draws the answer (render/pages.py). An error is raised, never caught here: errors.py
answers each kind."""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, flash, redirect, request
from werkzeug.wrappers import Response as BaseResponse

from hplan.api import Session, UsageError
from hplan.errors import Message
from hplan.plan.results import Update
from hplan.render.i18n import say, status_word
from hplan.render.pages import assessment_choices, statuses
from hplan.web.answers import ReadOnly, activity_page, chosen_filters, kept_page, page, plans

pages = Blueprint("pages", __name__)

PAGE_ROWS = 100
"""Activities on one page of the list: a 10,000-activity plan is answered a page at a time."""


@pages.get("/")
@kept_page
def overview() -> Response:
    from hplan.render.messages import past_year_warning
    from hplan.render.records import activity_table, goal_table

    session = plans().session()
    rows, late, lang = session.select(), session.overdue(), session.language
    counts = Counter(r.activity.status.value for r in rows)
    current = session.current_round()
    return page(
        session, "overview", say(Message("Overview"), lang),
        counts=[(v, w, counts.get(v, 0)) for v, w in statuses(lang)],
        overdue=activity_table(late[:PAGE_ROWS], language=lang, round_id=_id(current)),
        overdue_count=len(late), goals=goal_table(session.goals(), lang),
        round=session.round_progress() if current else None,
        past_year=past_year_warning(session.plan.year, session.today, lang)
        if session.year_is_over() else None,
    )  # fmt: skip


def _id(followup: Any) -> str | None:
    return followup.id if followup is not None else None


@pages.get("/activities")
@kept_page
def activities() -> Response:
    from hplan.render.records import activity_table

    chosen, settings = chosen_filters(), plans().settings
    session = plans().session(chosen["as_of"] or None)
    rows = session.select(
        owners=chosen["owner"] or None, goals=[chosen["goal"]] if chosen["goal"] else None,
        statuses=[chosen["status"]] if chosen["status"] else None,
        search=chosen["search"] or None, overdue=chosen["overdue"],
        assessments=[chosen["assessment"]] if chosen["assessment"] else None,
    )  # fmt: skip
    plan, lang, current = session.plan, session.language, session.current_round()
    count = (len(rows) - 1) // PAGE_ROWS + 1
    number = max(1, min(_number(request.args.get("page")), count))
    shown = rows[(number - 1) * PAGE_ROWS : number * PAGE_ROWS]
    rest = [(k, v) for k, v in request.args.items(multi=True) if k != "page" and v]
    links = [
        (n, "/activities?" + urlencode([*rest, ("page", str(n))])) for n in range(1, count + 1)
    ]
    return page(
        session, "activities", say(Message("Activities"), lang), chosen=chosen,
        owners=[o.name for o in plan.owners], goals=[(g.id, g.title) for g in plan.goals],
        rows=activity_table(shown, language=lang, round_id=_id(current)),
        page_number=number, pages=links,
        assessments=assessment_choices(lang) if current is not None else [],
        found=say(Message("Activities found: {count}", count=len(rows)), lang),
        csrf=settings.guard.csrf, back=request.full_path.rstrip("?"),
        forms=None if settings.read_only else [_form(r.activity) for r in shown],
    )  # fmt: skip


def _form(activity: Any) -> tuple[str, str, str]:
    """A row's status form: the id, the status now, and the activity's own version."""
    from hplan.plan.codec import record_version

    return activity.id, activity.status.value, record_version(activity)


@pages.get("/activity/<activity_id>")
def activity(activity_id: str) -> Response:
    return activity_page(plans().session(), activity_id)


@pages.post("/activity/<activity_id>")
def change(activity_id: str) -> BaseResponse:
    """A status or a note from a form, made from the activity as the page showed it (`seen`,
    its version): refused (409, the note kept) only when that activity changed meanwhile."""
    from hplan.api.changes import form_change

    form = request.form
    session, seen = _form_session()
    made = form_change(activity_id, form.get("status", ""), typed(form, "note"))
    if made is None:
        flash(say(Message("Nothing to save: the status is the same and the note is empty"),
                  session.error_language()))  # fmt: skip
        return redirect(f"/activity/{activity_id}", 303)
    back = _back(form.get("back", ""))  # checked before the write: nothing fails after it
    update = _saved(session, made, activity_id, seen)
    return redirect(back or f"/activity/{update.after.id}", 303)


def typed(form: Any, name: str) -> str:
    """A text field as the person typed it: a browser sends a textarea's line breaks as CR
    LF (HTML's form encoding), which a person cannot see or remove; they are line breaks."""
    return str(form.get(name, "")).replace("\r\n", "\n").replace("\r", "\n")


def _back(back: str) -> str | None:
    """Where a change goes back to: the activity list with its filters, or None (the
    activity's page) for anything else (another site, a control character, a backslash)."""
    import re

    return back if re.fullmatch(r"/activities(\?[A-Za-z0-9_.~%=&+,:-]*)?", back) else None


@pages.post("/activity/<activity_id>/assess")
def assess(activity_id: str) -> BaseResponse:
    """An owner's answer at the current round from the activity's page, made from the
    activity as the page showed it (`seen`): refused (409, the comment kept) only when that
    activity changed meanwhile."""
    from hplan.api.rounds import assess_change

    form = request.form
    session, seen = _form_session()
    comment = typed(form, "comment").strip() or None
    made = assess_change(activity_id, form.get("assessment", ""), comment,
                         by=form.get("by") or None)  # fmt: skip
    update = _saved(session, made, activity_id, seen)
    return redirect(f"/activity/{update.after.id}", 303)


def _form_session() -> tuple[Session, str]:
    """A fresh session for a form's change, and the version of the activity the form was
    made from; refused before anything is read on a read-only server or without it."""
    if plans().settings.read_only:
        raise ReadOnly(Message("this server is read-only; nothing was written"))
    seen = request.form.get("seen", "")
    if not seen:
        raise UsageError("version", Message("the form has no version; reload the page"))
    return plans().session(fresh=True), seen


def _saved(session: Session, made: Any, activity_id: str, seen: str) -> Update:
    """The change written (from the activity as the form saw it), what it did said once on
    the next page, with what an after-save step (the commit) could not do."""
    from hplan.render.messages import saved_message

    commit = plans().settings.commit
    [update] = session.change([made], activities={activity_id: seen}, commit=commit).updates
    said = [saved_message(update, session.today, session.language)] if update.written else [
        say(Message("Nothing to save: the status is the same and the note is empty"),
            session.language)
    ]  # fmt: skip
    flash(" — ".join(said + [say(e.message, session.language) for e in session.failed_after]))
    return update


@pages.get("/timeline")
@kept_page
def timeline() -> Response:
    from hplan.render.report import timeline_colours, timeline_layout

    session = plans().session()
    lang, found = session.language, session.timeline()
    layout = timeline_layout(found, lang)
    heading = say(Message("Timeline"), lang)
    return page(session, "timeline", heading, svg=layout, colours=timeline_colours(),
                timeline=found, status_word=lambda s: status_word(s, lang))  # fmt: skip


@pages.get("/report")
def report() -> Response:
    from hplan.render.report import render_html

    return Response(render_html(plans().session().report()), mimetype="text/html")


@pages.get("/favicon.ico")
def favicon() -> Response:
    return Response(status=204)  # no icon, and no 404 in the browser's console


@pages.get("/version")
def version() -> Response:
    """The plan's version now, which a page polls to offer a reload (a `stat` while the file
    is unchanged)."""
    from hplan.api.files import plan_version

    return Response(plan_version(plans().settings.plan), mimetype="text/plain")


def _number(text: str | None) -> int:
    return int(text) if text and text.isascii() and text.isdigit() and len(text) < 7 else 1
