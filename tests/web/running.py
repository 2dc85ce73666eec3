"""`hplan serve` run as a person runs it, in a process of its own, for the tests that talk to
it over a socket."""

from __future__ import annotations

import os
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..conftest import hplan_script


@dataclass
class Server:
    process: subprocess.Popen[str]
    address: str  # with the token
    base: str

    def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGINT)  # Ctrl-C
        _, err = self.process.communicate(timeout=30)
        return self.process.returncode, err


def start(plan_file: Path, *options: str) -> Server:
    process = subprocess.Popen(
        [hplan_script(), "serve", "--no-browser", "--plan", str(plan_file), "--as-of",
         "2025-06-02", *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "HPLAN_LANG": "sv"},
    )  # fmt: skip
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    assert address.startswith("http://127.0.0.1:"), address
    return Server(process, address, address.split("/?")[0])


def exchanged(server: Server) -> str:
    """The cookie the printed address is exchanged for ("" when it is refused)."""
    import http.client

    host, port = server.base.removeprefix("http://").rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", server.address.removeprefix(server.base))
    answer = connection.getresponse()
    cookie = answer.getheader("Set-Cookie") or ""
    connection.close()
    return cookie.split(";", 1)[0] if answer.status == 303 else ""
