"""A local mirror of a source's sites, served on 127.0.0.1 for tests, the demo and benchmarks.

A mirror is a directory: ``_site.json`` names the primary host; each host has a folder
with a ``_routes.json`` mapping ``path?query`` to a response (a file, a status, headers,
a redirect, a delay). The primary host is served at ``/``, the others at
``/_host/<host>/`` (what ``-a base_url`` expects, see ``crawler/mirror_map.py``).
Responses carry ETag and Last-Modified and answer conditional requests with 304.
Tests add or replace routes in memory to stage faults: a status, a redirect (on site or
off), a delay, a route that answers 503 a few times first.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HOST_PREFIX = "/_host/"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    redirect: str | None = None
    delay: float = 0.0
    last_modified: float = 1_700_000_000.0
    flaky: int = 0
    """How many requests are answered 503 before the route works (retries, backoff)."""


class Mirror:
    """Routes of every host of one mirror directory, plus in-memory overrides."""

    def __init__(self, root: Path | None = None, primary: str = "") -> None:
        self.primary = primary
        self.routes: dict[str, dict[str, Route]] = {}
        self.requests: list[tuple[str, str]] = []
        """(host, path?query) of every request, for tests to count."""
        self.headers: list[dict[str, str]] = []
        """The headers of every request, in the same order."""
        self.lock = threading.Lock()
        self.validators = True
        """Send ETag / Last-Modified (and answer 304); off for a site that never does."""
        if root is not None:
            self.load(root)

    def load(self, root: Path) -> None:
        site = json.loads((root / "_site.json").read_text())
        self.primary = site["primary"]
        for host_dir in sorted(p for p in root.iterdir() if p.is_dir()):
            table = json.loads((host_dir / "_routes.json").read_text())
            for path, spec in table.items():
                body = (host_dir / spec["file"]).read_bytes() if spec.get("file") else spec.get("text", "").encode()
                self.add(host_dir.name, path, body, status=spec.get("status", 200),
                         content_type=spec.get("type", "text/html; charset=utf-8"), redirect=spec.get("redirect"),
                         headers=spec.get("headers", {}))

    def add(self, host: str, path: str, body: bytes | str = b"", **options: Any) -> None:
        raw = body.encode("utf-8") if isinstance(body, str) else body
        self.routes.setdefault(host, {})[path] = Route(body=raw, **options)

    def remove(self, host: str, path: str) -> None:
        self.routes.get(host, {}).pop(path, None)

    def resolve(self, raw_path: str) -> tuple[str, str, Route | None]:
        host, path = self.primary, raw_path
        if raw_path.startswith(HOST_PREFIX):
            host, _, rest = raw_path[len(HOST_PREFIX):].partition("/")
            path = "/" + rest
        table = self.routes.get(host, {})
        route = table.get(path)
        if route is None and path.endswith("/") and len(path) > 1:
            route = table.get(path.rstrip("/"))
        if route is None and not path.endswith("/") and "?" not in path:
            route = table.get(path + "/")
        if route is None and path == "/robots.txt":
            route = Route(b"User-agent: *\nAllow: /\n", content_type="text/plain")
        return host, path, route

    def local(self, target: str, host: str) -> str:
        """Where a redirect to ``target`` (a path on ``host``, or a URL) points on this mirror;
        a URL of a host the mirror does not serve stays as it is (off-site)."""
        if target.startswith("/"):
            return target if host == self.primary else f"{HOST_PREFIX}{host}{target}"
        parts = urlsplit(target)
        if parts.hostname not in self.routes:
            return target
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return path if parts.hostname == self.primary else f"{HOST_PREFIX}{parts.hostname}{path}"

    def count(self, fragment: str) -> int:
        return sum(1 for _, path in self.requests if fragment in path)


class MirrorServer:
    def __init__(self, mirror: Mirror, port: int = 0) -> None:
        self.mirror = mirror
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler(mirror))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> MirrorServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _handler(mirror: Mirror) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out separately: no 40 ms delayed-ACK stall

        def do_GET(self) -> None:
            host, path, route = mirror.resolve(self.path)
            with mirror.lock:
                mirror.requests.append((host, path))
                mirror.headers.append(dict(self.headers.items()))
            if route is None:
                self._send(404, b"<html><body><h1>404 Not Found</h1></body></html>", "text/html; charset=utf-8")
                return
            if route.delay:
                time.sleep(route.delay)
            with mirror.lock:
                failing = route.flaky > 0
                route.flaky -= failing
            if failing:
                self._send(503, b"<html><body>Service Unavailable</body></html>", "text/html")
                return
            if route.redirect:
                target = mirror.local(route.redirect, host)
                self._send(route.status if route.status in (301, 302, 303, 307, 308) else 301, b"", "text/plain",
                           {"Location": target})
                return
            etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
            modified = formatdate(route.last_modified, usegmt=True)
            if not mirror.validators:
                self._send(route.status, route.body, route.content_type, route.headers)
                return
            if route.status == 200 and (self.headers.get("If-None-Match") == etag
                                        or (not self.headers.get("If-None-Match")
                                            and self.headers.get("If-Modified-Since") == modified)):
                self._send(304, b"", route.content_type, {"ETag": etag, "Last-Modified": modified})
                return
            self._send(route.status, route.body, route.content_type,
                       {"ETag": etag, "Last-Modified": modified, **route.headers})

        def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                if status != 304 and self.command != "HEAD":
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_HEAD(self) -> None:
            self.do_GET()

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


def serve(root: Path) -> MirrorServer:
    """Serve a mirror directory on an ephemeral port (``python -m crawler.mirror DIR`` for a fixed one)."""
    return MirrorServer(Mirror(root)).start()


if __name__ == "__main__":
    import sys

    server = MirrorServer(Mirror(Path(sys.argv[1])), int(sys.argv[2]) if len(sys.argv) > 2 else 8765).start()
    print(f"serving {sys.argv[1]} at {server.base_url}", flush=True)
    threading.Event().wait()
