"""Crawls on Scrapy's real engine, in a child process (the reactor cannot restart),
against local mirrors of the sites in their real structure (``tests/fixtures/sites``)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from crawler.mirror import Mirror, MirrorServer
from crawler.sources import get_source
from tests.conftest import FIXTURES, ROOT
from worker.storage.db import session_scope
from worker.storage.models import Article, CrawlRun, Source
from worker.urls import canonical_url

SITES = FIXTURES / "sites"
SINCE, UNTIL = "2025-06-01", "2025-11-30"
"""The test window: the mirrors' articles go back to December 2024, so some are older."""

MirrorOf = Callable[[str], tuple[Mirror, MirrorServer]]


@dataclass
class Crawl:
    returncode: int
    output: str
    run: dict[str, Any]
    """The crawl_runs row: verdict, error and stats."""

    @property
    def stats(self) -> dict[str, Any]:
        return self.run.get("stats") or {}

    @property
    def article_pages(self) -> int:
        return int(self.stats.get("pages", {}).get("article", 0))

    @property
    def errors(self) -> dict[str, int]:
        return dict(self.stats.get("errors", {}))


@pytest.fixture
def mirror_of() -> Iterator[MirrorOf]:
    servers: list[MirrorServer] = []

    def start(source: str) -> tuple[Mirror, MirrorServer]:
        mirror = Mirror(SITES / source)
        server = MirrorServer(mirror).start()
        servers.append(server)
        return mirror, server

    yield start
    for server in servers:
        server.stop()


def crawl(source: str, base_url: str, database: str, *args: str, since: str | None = SINCE, until: str = UNTIL,
          env: dict[str, str] | None = None) -> Crawl:
    window = ["-a", f"until={until}"] + (["-a", f"since={since}"] if since else [])
    command = [sys.executable, "-m", "scrapy", "crawl", source, "-a", f"base_url={base_url}", *window, *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, env={
        **os.environ, "RAILWATCH_DATABASE_URL": database, "RAILWATCH_CRAWL_DOWNLOAD_DELAY": "0",
        "RAILWATCH_LOG_JSON": "0", "RAILWATCH_LOG_LEVEL": "INFO", **(env or {})})
    with session_scope(database) as session:
        row = session.scalars(select(CrawlRun).where(CrawlRun.source == source).order_by(CrawlRun.id.desc())).first()
        run = {"verdict": row.verdict, "stats": row.stats, "new_articles": row.new_articles,
               "error": row.error} if row else {}
    return Crawl(done.returncode, done.stdout + done.stderr, run)


def stored_urls(database: str, source: str | None = None) -> set[str]:
    with session_scope(database) as session:
        query = select(Article.canonical_url)
        if source:
            query = query.join(Source).where(Source.name == source)
        return set(session.scalars(query))


def expected(source: str) -> list[dict[str, Any]]:
    return list(json.loads((SITES / "expected.json").read_text())[source])


def expected_urls(source: str, since: str = SINCE, until: str = UNTIL, language: str | None = None) -> set[str]:
    """The mirror's articles a crawl of the window must store: those dated inside it, and
    those whose cards print no date but sit on an archive page of a year in the window."""
    rules = get_source(source).url_rules  # type: ignore[union-attr]
    years = range(date.fromisoformat(since).year, date.fromisoformat(until).year + 1)
    return {canonical_url(a["url"], rules) for a in expected(source)
            if (language is None or a["language"] == language)
            and (since <= a["published"] <= until if a["card_dated"] else int(a["published"][:4]) in years)}


def requested_articles(mirror: Mirror, source: str) -> list[str]:
    """Paths of article pages the mirror was asked for (twins and redirects included)."""
    pattern = re.compile(get_source(source).article_paths)  # type: ignore[union-attr]
    return [path for _, path in mirror.requests if pattern.match(path.split("?")[0])]


def article_routes(mirror: Mirror, source: str) -> list[str]:
    """Paths of the article pages the mirror serves on its primary host."""
    pattern = re.compile(get_source(source).article_paths)  # type: ignore[union-attr]
    return [path for path in mirror.routes[mirror.primary] if pattern.match(path) and not mirror.routes[
        mirror.primary][path].redirect]
