from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def shared() -> Path:
    """The shared folder beside the project; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture
def people(db):
    from tests.factory import make_people

    return make_people()


class _Receiver(BaseHTTPRequestHandler):
    """Keeps what it was sent as (content type, JSON body); answers with the server's `answer` status."""

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((self.headers["Content-Type"], json.loads(body)))
        self.send_response(self.server.answer)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver():
    """A real HTTP server on this machine for outgoing webhooks: `.url`, `.received`, `.answer` (200)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    server.received, server.answer = [], 200
    server.url = f"http://127.0.0.1:{server.server_port}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
