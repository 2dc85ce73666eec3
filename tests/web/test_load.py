"""The web view serves its owner under load from others (issue 34, item 16): slow strangers
with no token, and a body far larger than any form, neither read whole nor waited for."""

from __future__ import annotations

import http.client
import socket
from pathlib import Path

from .running import exchanged, start


def test_a_huge_body_is_refused_unread_and_slow_strangers_do_not_block_the_owner(
    plan_file: Path,
) -> None:
    running = start(plan_file)
    strangers: list[socket.socket] = []
    try:
        cookie = exchanged(running)
        host, port = running.base.removeprefix("http://").rsplit(":", 1)
        for _ in range(150):  # each sends half a request line, then nothing
            stranger = socket.create_connection((host, int(port)), timeout=10)
            stranger.sendall(b"GET / HT")
            strangers.append(stranger)
        # 300 MB announced, nothing sent: answered from the headers alone.
        huge = socket.create_connection((host, int(port)), timeout=10)
        huge.sendall(
            f"POST /activity/7 HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Length: "
            f"{300 * 1024 * 1024}\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n"
            .encode()
        )  # fmt: skip
        status = huge.recv(64).split(b" ")[1]
        huge.close()
        assert status == b"413"
        # The owner is answered while the strangers hang on (the client's own 10 s bound).
        owner = http.client.HTTPConnection(host, int(port), timeout=10)
        owner.request("GET", "/activities", headers={"Cookie": cookie})
        answer = owner.getresponse()
        assert answer.status == 200 and b"Samordna" in answer.read()
        owner.close()
    finally:
        for stranger in strangers:
            stranger.close()
        code, err = running.stop()
    assert code == 0 and "Traceback" not in err
