"""A real SMTP server (aiosmtpd) on localhost that keeps what it receives and can be
stopped and started again on the same port ("the mail server was down for a while")."""

from __future__ import annotations

import email
import logging
import socket
import time
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller

logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every SMTP line at INFO


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(email.message_from_bytes(envelope.original_content or envelope.content))
        return "250 OK"


class SmtpServer:
    def __init__(self) -> None:
        self.inbox = _Inbox()
        self.port = _free_port()
        self._controller: Controller | None = None

    def start(self) -> SmtpServer:
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def running(self) -> bool:
        return self._controller is not None

    @property
    def messages(self) -> list[Message]:
        return self.inbox.messages

    def reset(self) -> None:
        self.inbox.messages.clear()

    def wait_for(self, count: int, timeout: float = 30.0) -> bool:
        """True once at least ``count`` messages arrived, False after ``timeout``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.messages) >= count:
                return True
            time.sleep(0.05)
        return False

    def url(self, to: str = "team@example.com") -> str:
        return f"mailto://127.0.0.1:{self.port}/?from=railwatch@example.com&to={to}&mode=insecure"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def bodies(message: Message) -> dict[str, str]:
    """content type -> decoded text, for every text part."""
    found: dict[str, str] = {}
    for part in message.walk():
        if part.get_content_maintype() == "text":
            payload = part.get_payload(decode=True)
            found[part.get_content_type()] = payload.decode(part.get_content_charset() or "utf-8") if payload else ""
    return found


def subject(message: Message) -> str:
    from email.header import decode_header, make_header

    return str(make_header(decode_header(message["Subject"] or "")))
