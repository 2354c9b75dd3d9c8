"""Finding the real services the tests use, and failing (CI) or skipping (laptop) without them."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import pytest

from worker.settings import Settings


def reachable(url: str, default_port: int) -> bool:
    parts = urlsplit(url.replace("+psycopg", ""))
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port),
                                      timeout=2):
            return True
    except OSError:
        return False


def require(service: str, ok: bool, where: str, settings: Settings) -> None:
    """Skip with a visible reason on a laptop; fail in CI (RAILWATCH_REQUIRE_SERVICES=1)."""
    if ok:
        return
    message = f"{service} is not reachable at {where}"
    if settings.require_services:
        pytest.fail(f"{message}, and RAILWATCH_REQUIRE_SERVICES=1 says it must be", pytrace=False)
    pytest.skip(f"{message} (set RAILWATCH_REQUIRE_SERVICES=1 to make this a failure)")
