"""A local stand-in for the Telegram Bot API that apprise's real Telegram plugin talks to.

It records every sendMessage (token, chat id, parse mode, text) and answers from a
script: OK by default; a test can queue 429 with retry_after, 500, 400 "can't parse
entities", or a slow answer that outlasts the client's timeout. Other Bot API methods
(getMe, getUpdates) get a plain OK and never use up the script.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: dict[str, Any] = field(default_factory=lambda: {"ok": True, "result": {"message_id": 1}})
    delay: float = 0.0

    @classmethod
    def too_many_requests(cls, retry_after: int) -> Reply:
        return cls(429, {"ok": False, "error_code": 429, "description": f"Too Many Requests: retry after {retry_after}",
                         "parameters": {"retry_after": retry_after}})

    @classmethod
    def server_error(cls) -> Reply:
        return cls(500, {"ok": False, "error_code": 500, "description": "Internal Server Error"})

    @classmethod
    def cannot_parse(cls) -> Reply:
        return cls(400, {"ok": False, "error_code": 400,
                         "description": "Bad Request: can't parse entities: Unsupported start tag \"x\""})

    @classmethod
    def too_long(cls) -> Reply:
        return cls(400, {"ok": False, "error_code": 400, "description": "Bad Request: message is too long"})

    @classmethod
    def slow(cls, seconds: float) -> Reply:
        return cls(delay=seconds)


@dataclass
class SentMessage:
    token: str
    chat_id: str
    parse_mode: str | None
    text: str
    accepted: bool
    at: float = field(default_factory=time.monotonic)
    """When the request arrived (monotonic clock)."""


class FakeTelegram:
    def __init__(self) -> None:
        self.messages: list[SentMessage] = []
        self.replies: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def api_base(self) -> str:
        """What apprise's plugin takes as ``notify_url``: it appends ``<token>/<method>``."""
        return f"http://127.0.0.1:{self.port}/bot"

    def start(self) -> FakeTelegram:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self.replies.extend(replies)

    def accepted(self) -> list[SentMessage]:
        return [m for m in self.messages if m.accepted]

    def reset(self) -> None:
        """Forget what was sent and what was scripted (a server shared between tests)."""
        with self._lock:
            self.messages.clear()
            self.replies.clear()

    def wait_for(self, accepted: int, timeout: float = 30.0) -> bool:
        """True once at least ``accepted`` messages went through, False after ``timeout``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.accepted()) >= accepted:
                return True
            time.sleep(0.05)
        return False

    def _next_reply(self) -> Reply:
        with self._lock:
            return self.replies.popleft() if self.replies else Reply()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.do_POST()

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                token, _, method = self.path.removeprefix("/bot").partition("/")
                if method != "sendMessage":
                    reply = Reply(body={"ok": True, "result": {"id": 1, "is_bot": True} if method == "getMe" else []})
                else:
                    reply = fake._next_reply()
                    payload = json.loads(raw or b"{}")
                    with fake._lock:
                        fake.messages.append(SentMessage(token, str(payload.get("chat_id")), payload.get("parse_mode"),
                                                         payload.get("text", ""), reply.status == 200))
                if reply.delay:
                    time.sleep(reply.delay)
                body = json.dumps(reply.body).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting

            def log_message(self, *args: Any) -> None:
                pass

        return Handler
