"""The one place in the web view where an error becomes an answer: a handler per kind of
error (each kind carries its HTTP status, hplan/errors.py), in the api's language rule.

A refused form shows its activity again, as it is now, with the note typed kept; a list
asked with a value it cannot read shows the list's form again; anything else, a page that
says what is wrong (where, for a plan that does not validate)."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, request

from hplan.api import HplanError, PlanChanged, PlanInvalid, UsageError
from hplan.errors import Message
from hplan.plan.model import MAX_TEXT
from hplan.render.i18n import say
from hplan.web.answers import activity_page, chosen_filters, page, plans, problem_page

CHANGED = Message(
    "The plan changed since this page was made (in an editor, a terminal or another tab). "
    "Here is the activity as it is now; your note is kept below. Nothing was written."
)


def register(app: Flask) -> None:
    """Every handler, on the application."""
    app.register_error_handler(HplanError, answer_error)
    app.register_error_handler(PlanInvalid, invalid)
    app.register_error_handler(UsageError, unusable)
    app.register_error_handler(413, too_large)
    app.register_error_handler(404, not_here)
    app.register_error_handler(405, not_here)
    app.register_error_handler(500, broken)


def answer_error(error: HplanError) -> Response:
    """Any kind: the refused form again (a change), else a page saying why."""
    if _is_form():
        said = CHANGED if isinstance(error, PlanChanged) else error.message
        return _form_again(said, error.http_status)
    session = plans().session()
    return problem_page(session, error.message, error.http_status, [])


def invalid(error: PlanInvalid) -> Response:
    """A plan that does not validate: every problem with its file, line and column."""
    session = plans().session(fresh=True)
    lang = session.error_language(error)
    lines = [say(p.located(error.path), lang) for p in error.problems]
    return problem_page(session, Message("The plan does not validate"), 422, lines)


def unusable(error: UsageError) -> Response:
    """A value that cannot be read: the list's form again with the words, else as any."""
    if request.endpoint != "pages.activities":
        return answer_error(error)
    chosen = chosen_filters()
    # The day itself may be what cannot be read: the page is then drawn as of the server's.
    day = None if error.field == "as_of" else chosen["as_of"] or None
    session = plans().session(day)
    lang = session.error_language(error)
    return page(
        session, "activities", say(Message("Activities"), lang), 400, chosen=chosen,
        problem=say(error.message, lang), owners=[], goals=[], rows=None, found="",
        pages=[], page_number=1, forms=None,
    )  # fmt: skip


def too_large(_: Any) -> Response:
    said = Message(
        "the form is larger than a note can be ({most:,} characters); nothing was written",
        most=MAX_TEXT,
    )
    return problem_page(plans().session(), said, 413, [])


def not_here(_: Any) -> Response:
    said = Message("there is no such page; the overview is at /")
    return problem_page(plans().session(), said, 404, [])


def broken(_: Any) -> Response:
    said = Message(
        "hplan: unexpected error. This is a bug in hplan; the server's terminal says more, "
        "please report it."
    )
    return Response(say(said, plans().session().error_language()), 500, mimetype="text/plain")


def _is_form() -> bool:
    return request.method == "POST" and request.endpoint in ("pages.change", "pages.assess")


def _form_again(said: Message, code: int) -> Response:
    """The activity as it is now, its form with the note typed, and what was wrong; where
    the activity cannot be shown (no such id, a plan that does not read), a page saying so."""
    session = plans().session(fresh=True)
    lang = session.error_language()
    note, comment = request.form.get("note", ""), request.form.get("comment", "")
    activity_id = (request.view_args or {}).get("activity_id", "")
    try:
        return activity_page(
            session, activity_id, code, problem=say(said, lang), note=note, comment=comment
        )
    except PlanInvalid as error:
        return invalid(error)
    except HplanError as error:
        return problem_page(session, error.message, error.http_status, [])
