"""How one send is classified when the mail server is not there: down (retried until it is
back), never an unknown outcome (retried once), since nothing could have been delivered."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from alerts.delivery.render import Message
from alerts.delivery.send import send
from alerts.delivery.targets import make_target

MESSAGE = Message("subject", "text", "<p>text</p>")


@pytest.fixture
def blackhole() -> Iterator[int]:
    """A port whose accept queue is full: the kernel drops further SYNs, so a connect
    times out, as it does for a mail host behind a firewall that drops packets."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    waiting = []
    for _ in range(3):
        client = socket.socket()
        client.setblocking(False)
        client.connect_ex(("127.0.0.1", port))
        waiting.append(client)
    yield port
    for client in waiting:
        client.close()
    listener.close()


def email_to(port: int) -> str:
    return f"mailto://127.0.0.1:{port}/?from=railwatch@example.com&to=team@example.com&mode=insecure&cto=1"


def test_a_mail_server_that_drops_connections_is_down_not_unknown(blackhole: int) -> None:
    [target] = make_target(email_to(blackhole))
    outcome = send(target, MESSAGE)
    assert outcome.outcome == "retry"
    assert "unreachable" in outcome.detail and "TimeoutError" in outcome.detail


def test_a_mail_server_that_refuses_connections_is_down() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    [target] = make_target(email_to(port))
    outcome = send(target, MESSAGE)
    assert outcome.outcome == "retry" and "Connection error" in outcome.detail
