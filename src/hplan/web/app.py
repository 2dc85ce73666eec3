"""The web view as a Flask application: what `hplan serve` was told (`Settings`), the guard in
front of every request (guard.py), the pages (views.py) and the one place an error becomes
an answer (errors.py). No command-line code is called from here."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from flask import Flask, Response, redirect, request
from werkzeug.wrappers import Response as BaseResponse

from hplan.errors import Message
from hplan.web.answers import FORM_BYTES, Plans, Settings, forbidden, plans
from hplan.web.guard import secure

__all__ = ["Settings", "create_app"]


def create_app(settings: Settings) -> Flask:
    """The web view of one plan file."""
    from hplan.web import errors, views

    app = Flask("hplan.web", static_folder=str(Path(__file__).parent / "static"))
    app.secret_key = settings.guard.csrf + settings.guard.token  # signs the flashed message
    app.config["MAX_CONTENT_LENGTH"] = FORM_BYTES
    app.extensions["hplan"] = Plans(settings)
    app.before_request(check)
    app.after_request(headers)
    app.register_blueprint(views.pages)
    errors.register(app)
    return app


def check() -> BaseResponse | None:
    """Who may ask: this server's own address, the token (once, from the address `hplan
    serve` printed, then a cookie), and for a change this server's own page."""
    guard = plans().settings.guard
    if not guard.host_allowed(request.host):
        return forbidden(Message("this server answers only to its own address"))
    if "token" in request.args:
        rest = [(k, v) for k, v in request.args.items(multi=True) if k != "token"]
        answer = redirect(request.path + ("?" + urlencode(rest) if rest else ""), 303)
        if guard.session_given(request.cookies.get(guard.cookie)):
            return answer  # the address again in a browser that has the door open already
        if request.method != "GET" or not guard.exchange(request.args["token"]):
            return forbidden(Message("this address does not open the plan: its token is wrong, "
                                     "or was used already (it works once); run hplan serve "
                                     "again for a new one"))  # fmt: skip
        answer.set_cookie(guard.cookie, guard.session, httponly=True, samesite="Strict")
        return answer
    if not guard.session_given(request.cookies.get(guard.cookie)):
        return forbidden(Message("open the address hplan serve printed, with its token"))
    if request.method == "POST" and not (
        guard.same_origin(request.headers.get("Origin"), request.host)
        and guard.csrf_given(request.form.get("csrf"))
    ):
        return forbidden(Message("a change is only taken from this server's own pages"))
    return None


def headers(answer: Response) -> Response:
    """The security headers of every answer (guard.py)."""
    kept = answer.headers.get("ETag") is not None  # a page kept drawn (answers.kept_page)
    secure(answer.headers, report=request.path == "/report", revalidated=kept)
    return answer
