"""`hplan serve`'s options: what it listens on is said before anything is served."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import Run


@pytest.mark.parametrize(
    ("host", "said"),
    [
        ("0.0.0.0", "listens on every address"),
        ("::", "listens on every address"),
        ("::ffff:0.0.0.0", "listens on every address"),  # every IPv4 address, written as IPv6
        ("0:0:0:0:0:0:0:0", "listens on every address"),
        ("my-laptop", "give an IP address"),
    ],
)
def test_an_address_that_the_host_check_cannot_name_is_refused(
    run: Run, plan_file: Path, host: str, said: str
) -> None:
    result = run("serve", "--no-browser", "--host", host)
    assert result.code == 2 and said in result.stderr


def test_a_port_in_use_is_said_in_words(run: Run, plan_file: Path) -> None:
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        result = run("serve", "--no-browser", "--port", str(taken.getsockname()[1]))
    finally:
        taken.close()
    assert result.code == 1 and "cannot listen on 127.0.0.1:" in result.stderr


def test_an_address_is_bound_and_shown_in_its_canonical_form() -> None:
    from hplan.web.server import listen

    for spelt, canonical, loopback in (("0:0:0:0:0:0:0:1", "::1", True),
                                       ("::ffff:127.0.0.1", "127.0.0.1", True)):  # fmt: skip
        listener, is_loopback = listen(spelt, 0)
        try:
            assert listener.getsockname()[0] == canonical and is_loopback is loopback
        finally:
            listener.close()
