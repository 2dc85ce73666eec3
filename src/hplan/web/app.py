"""The web view's answers: each page from the application layer (`hplan.api`), drawn by
`render/pages.py`. No command-line code is called from here."""

from __future__ import annotations

import os
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from flask import Flask, Response, flash, get_flashed_messages, redirect, request
from werkzeug.wrappers import Response as BaseResponse

from hplan.api import HplanError, PlanChanged, PlanInvalid, Session, UsageError
from hplan.errors import Message
from hplan.plan.model import MAX_TEXT
from hplan.render.i18n import say
from hplan.render.pages import render_page, statuses
from hplan.web.guard import COOKIE, Guard, secure

if TYPE_CHECKING:
    from hplan.api.changes import Update

PAGE_ROWS = 100
"""Activities on one page of the list: a 10,000-activity plan is answered a page at a time."""


@dataclass(frozen=True)
class Settings:
    """What `hplan serve` was told: the plan, the day, the language, and what it may do."""

    plan: Path
    guard: Guard
    as_of: str | None = None
    language: str | None = None
    read_only: bool = False
    commit: bool = False


class Plans:
    """Sessions kept between requests while the file is unchanged (its size, time and inode):
    a page of a 10,000-activity plan is not read again for every click."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lock = threading.Lock()
        self.kept: dict[tuple[Any, ...], Session] = {}

    def session(self, as_of: str | None = None, fresh: bool = False) -> Session:
        day = as_of or self.settings.as_of

        def make() -> Session:
            return Session(self.settings.plan, as_of=day, language=self.settings.language, settle=0)

        try:
            info = None if fresh else os.stat(self.settings.plan)
        except OSError:
            info = None
        if info is None:
            return make()
        key = (day, info.st_mtime_ns, info.st_size, info.st_ino)
        with self.lock:
            if key not in self.kept:
                if len(self.kept) > 8:
                    self.kept.clear()
                self.kept[key] = make()
            return self.kept[key]


def create_app(settings: Settings) -> Flask:
    """The web view of one plan file."""
    app = Flask("hplan.web", static_folder=str(Path(__file__).parent / "static"))
    app.secret_key = settings.guard.csrf + settings.guard.token  # signs the flashed message
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024  # a form is a status and a short note
    plans = Plans(settings)
    guard = settings.guard

    def language(session: Session) -> str:
        try:
            return session.language
        except HplanError:
            return settings.language or "sv"

    def page(
        session: Session, name: str, heading: str, code: int = 200, **context: Any
    ) -> Response:
        lang = language(session)
        try:
            snapshot = session.read()
            title, version, today = snapshot.plan.title, snapshot.version, session.today
        except HplanError:  # the day in the default time zone, as the file says none
            from hplan.plan.clock import today as default_today

            title, version, today = settings.plan.name, "", default_today(settings.as_of)
        said = get_flashed_messages()
        html = render_page(
            name, lang, heading=heading, plan_title=title, version=version, today=today,
            file_name=settings.plan.name, read_only=settings.read_only, page=name,
            said=context.pop("said", None) or (said[0] if said else None), **context,
        )  # fmt: skip
        return Response(html, code, mimetype="text/html")

    def problem(session: Session, error: HplanError) -> Response:
        lang = language(session)
        if isinstance(error, PlanInvalid):
            lines = [say(p.located(error.path), lang) for p in error.problems]
            heading = say(Message("The plan does not validate"), lang)
            return page(session, "problem", heading, 422, problems=lines)
        return page(session, "problem", say(error.message, lang), error.http_status, problems=[])

    def forbidden(why: Message) -> Response:
        lang = settings.language or "sv"
        return Response(say(why, lang) + "\n", 403, mimetype="text/plain")

    @app.before_request
    def check() -> BaseResponse | None:
        if not guard.host_allowed(request.host):
            return forbidden(Message("this server answers only to its own address"))
        if "token" in request.args:
            if request.method != "GET" or not guard.token_given(request.args["token"]):
                return forbidden(
                    Message("the token is wrong; open the address hplan serve printed")
                )
            rest = [(k, v) for k, v in request.args.items(multi=True) if k != "token"]
            answer = redirect(request.path + ("?" + urlencode(rest) if rest else ""), 303)
            answer.set_cookie(COOKIE, guard.token, httponly=True, samesite="Strict")
            return answer
        if not guard.token_given(request.cookies.get(COOKIE)):
            return forbidden(Message("open the address hplan serve printed, with its token"))
        if request.method == "POST" and not (
            guard.same_origin(request.headers.get("Origin"), request.host)
            and guard.csrf_given(request.form.get("csrf"))
        ):
            return forbidden(Message("a change is only taken from this server's own pages"))
        return None

    @app.after_request
    def headers(answer: Response) -> Response:
        secure(answer.headers, report=request.path == "/report")
        return answer

    @app.errorhandler(413)
    def too_large(_: Any) -> Response:
        session = plans.session()
        said = Message(
            "the form is larger than a note can be ({most:,} characters); nothing was written",
            most=MAX_TEXT,
        )
        return page(session, "problem", say(said, language(session)), 413, problems=[])

    @app.errorhandler(404)
    @app.errorhandler(405)
    def not_here(_: Any) -> Response:
        session = plans.session()
        said = Message("there is no such page; the overview is at /")
        return page(session, "problem", say(said, language(session)), 404, problems=[])

    @app.errorhandler(500)
    def broken(_: Any) -> Response:
        said = Message(
            "hplan: unexpected error. This is a bug in hplan; the server's terminal says more, "
            "please report it."
        )
        return Response(say(said, settings.language or "sv"), 500, mimetype="text/plain")

    @app.get("/")
    def overview() -> Response:
        session = plans.session()
        try:
            from hplan.render.records import activity_table, goal_table

            rows = session.select()
            late = session.overdue()
            lang = session.language
            counts = Counter(r.activity.status.value for r in rows)
            context: dict[str, Any] = {
                "counts": [(v, w, counts.get(v, 0)) for v, w in statuses(lang)],
                "overdue": activity_table(late[:PAGE_ROWS], language=lang),
                "overdue_count": len(late),
                "goals": goal_table(session.goals(), lang),
            }
        except HplanError as error:
            return problem(session, error)
        return page(session, "overview", say(Message("Overview"), lang), **context)

    @app.get("/activities")
    def activities() -> Response:
        args = request.args
        chosen: dict[str, Any] = {
            "owner": args.getlist("owner"), "goal": args.get("goal", ""),
            "status": args.get("status", ""), "search": args.get("search", ""),
            "as_of": args.get("as_of", ""), "overdue": args.get("overdue") == "1",
        }  # fmt: skip
        session = plans.session(chosen["as_of"] or None)
        try:
            from hplan.render.records import activity_table

            plan = session.plan
            lang = session.language
            rows = session.select(
                owners=chosen["owner"] or None,
                goals=[chosen["goal"]] if chosen["goal"] else None,
                statuses=[chosen["status"]] if chosen["status"] else None,
                search=chosen["search"] or None,
                overdue=chosen["overdue"],
            )
        except UsageError as error:
            lang = language(session)
            return page(
                session, "activities", say(Message("Activities"), lang), 400, chosen=chosen,
                problem=say(error.message, lang), owners=[], goals=[], rows=None, found="",
                pages=[], page_number=1, forms=None,
            )  # fmt: skip
        except HplanError as error:
            return problem(session, error)
        number = max(1, min(_number(args.get("page")), (len(rows) - 1) // PAGE_ROWS + 1))
        shown = rows[(number - 1) * PAGE_ROWS : number * PAGE_ROWS]
        rest = [(k, v) for k, v in args.items(multi=True) if k != "page" and v]
        links = [(n, "/activities?" + urlencode([*rest, ("page", str(n))]))
                 for n in range(1, (len(rows) - 1) // PAGE_ROWS + 2)]  # fmt: skip
        found = say(Message("Activities found: {count}", count=len(rows)), lang)
        return page(
            session, "activities", say(Message("Activities"), lang), chosen=chosen,
            owners=[o.name for o in plan.owners], goals=[(g.id, g.title) for g in plan.goals],
            rows=activity_table(shown, language=lang), found=found, pages=links,
            page_number=number, csrf=guard.csrf, back=request.full_path.rstrip("?"),
            forms=None if settings.read_only
            else [(r.activity.id, r.activity.status.value) for r in shown],
        )  # fmt: skip

    def activity_page(session: Session, activity_id: str, code: int = 200, **kept: Any) -> Response:
        from hplan.render.records import change_table, detail_lines

        try:
            row = session.activity(activity_id)
            lang = session.language
            lines = detail_lines(session.plan, row, lang)
        except HplanError as error:
            return problem(session, error)
        try:
            history = change_table(session.history(activity_id), lang, one=True)
            missing = ""
        except HplanError as error:
            history, missing = None, say(error.message, lang)
        heading = f"{row.activity.id}. {row.activity.title}"
        return page(
            session, "activity", heading, code, lines=lines, activity_id=row.activity.id,
            editable=not settings.read_only, csrf=guard.csrf, current=row.activity.status.value,
            note=kept.pop("note", ""), max_text=MAX_TEXT, history=history,
            history_missing=missing, **kept,
        )  # fmt: skip

    @app.get("/activity/<activity_id>")
    def activity(activity_id: str) -> Response:
        return activity_page(plans.session(), activity_id)

    @app.post("/activity/<activity_id>")
    def change(activity_id: str) -> BaseResponse:
        form = request.form
        note = form.get("note", "")
        session = plans.session(fresh=True)
        lang = language(session)
        if settings.read_only:
            said = Message("this server is read-only; nothing was written")
            return activity_page(session, activity_id, 403, problem=say(said, lang), note=note)
        try:
            update = _save(session, activity_id, form.get("status", ""), note, form.get("version"))
        except PlanChanged:
            said = Message(
                "The plan changed since this page was made (in an editor, a terminal or another "
                "tab). Here is the activity as it is now; your note is kept below. Nothing was "
                "written."
            )
            return activity_page(plans.session(fresh=True), activity_id, 409,
                                 problem=say(said, lang), note=note)  # fmt: skip
        except HplanError as error:
            return activity_page(plans.session(fresh=True), activity_id, error.http_status,
                                 problem=say(error.message, lang), note=note)  # fmt: skip
        text = _said(update, session)
        if settings.commit and update is not None and update.written:
            from hplan.api.files import commit_plan

            try:
                commit_plan(update.path, text)
            except HplanError as error:
                text += " — " + say(error.message, lang)
        flash(text)
        back = form.get("back", "")
        if back.startswith("/activities") and "\\" not in back:  # only back to the list
            return redirect(back, 303)
        return redirect(f"/activity/{update.after.id if update else activity_id}", 303)

    @app.get("/timeline")
    def timeline() -> Response:
        from hplan.render.report import timeline_colours, timeline_layout

        session = plans.session()
        try:
            lang = session.language
            layout = timeline_layout(session.timeline(), lang)
        except HplanError as error:
            return problem(session, error)
        heading = say(Message("Timeline"), lang)
        return page(session, "timeline", heading, svg=layout, colours=timeline_colours())

    @app.get("/report")
    def report() -> Response:
        from hplan.render.report import render_html

        session = plans.session()
        try:
            html = render_html(session.report())
        except HplanError as error:
            return problem(session, error)
        return Response(html, mimetype="text/html")

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status=204)  # no icon, and no 404 in the browser's console

    @app.get("/version")
    def version() -> Response:
        from hplan.api.files import plan_version

        return Response(plan_version(settings.plan), mimetype="text/plain")

    return app


def _save(
    session: Session, activity_id: str, status: str, note: str, version: str | None
) -> Update | None:
    """The change a form asks for: a new status (with its note), or only a note."""
    text = note.strip() or None
    if not version:
        raise UsageError("version", Message("the form has no version; reload the page"))
    if status:  # the status it has already, with a note, keeps the note alone (as the CLI)
        return session.set_status(activity_id, status, text, version=version)
    if text:
        return session.add_note(activity_id, text, version=version)
    return None


def _said(update: Update | None, session: Session) -> str:
    from hplan.render.messages import saved_message

    if update is None or not update.written:
        return say(
            Message("Nothing to save: the status is the same and the note is empty"),
            session.language,
        )
    return saved_message(update, session.today, session.language)


def _number(text: str | None) -> int:
    return int(text) if text and text.isascii() and text.isdigit() and len(text) < 7 else 1
