"""The web view's fixtures: a Flask test client of a server over a copy of the plan."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from hplan.web.app import Settings, create_app
from hplan.web.guard import Guard

Client = Callable[..., FlaskClient]


@pytest.fixture
def client(plan_file: Path) -> Client:
    """A client of a server over the plan, with the token's cookie unless told otherwise."""

    def make(token: bool = True, **given: Any) -> FlaskClient:
        guard = Guard.for_address("127.0.0.1", 8765)
        settings = Settings(plan=given.pop("plan", plan_file), guard=guard, **given)
        app = create_app(settings)
        made = app.test_client()
        made.guard = guard  # type: ignore[attr-defined]
        if token:
            made.set_cookie(guard.cookie, guard.session, domain="127.0.0.1")
        return made

    return make
