"""Crawls on Scrapy's real engine, in a child process (the reactor cannot restart),
against local mirrors of the sites in their real structure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from crawler.mirror import Mirror, MirrorServer
from crawler.sources import get_source
from tests.conftest import FIXTURES, ROOT
from worker.storage.db import session_scope
from worker.storage.models import Article, CrawlRun
from worker.urls import canonical_url

SITES = FIXTURES / "sites"
SINCE, UNTIL = "2025-06-01", "2025-11-30"


@dataclass
class Crawl:
    returncode: int
    output: str
    run: dict[str, Any]
    """The crawl_runs row: verdict and stats."""

    @property
    def stats(self) -> dict[str, Any]:
        return self.run["stats"] or {}

    @property
    def article_pages(self) -> int:
        return int(self.stats.get("pages", {}).get("article", 0))


@pytest.fixture
def mirror_of() -> Iterator[Callable[[str], tuple[Mirror, MirrorServer]]]:
    servers: list[MirrorServer] = []

    def start(source: str) -> tuple[Mirror, MirrorServer]:
        mirror = Mirror(SITES / source)
        server = MirrorServer(mirror).start()
        servers.append(server)
        return mirror, server

    yield start
    for server in servers:
        server.stop()


def crawl(source: str, base_url: str, database: str, *args: str, since: str = SINCE, until: str = UNTIL,
          env: dict[str, str] | None = None) -> Crawl:
    command = [sys.executable, "-m", "scrapy", "crawl", source, "-a", f"base_url={base_url}",
               "-a", f"since={since}", "-a", f"until={until}", *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=240, env={
        **os.environ, "RAILWATCH_DATABASE_URL": database, "RAILWATCH_CRAWL_DOWNLOAD_DELAY": "0",
        "RAILWATCH_LOG_JSON": "0", "RAILWATCH_LOG_LEVEL": "INFO", **(env or {})})
    with session_scope(database) as session:
        row = session.scalars(select(CrawlRun).where(CrawlRun.source == source).order_by(CrawlRun.id.desc())).first()
        run = {"verdict": row.verdict, "stats": row.stats, "new_articles": row.new_articles} if row else {}
    return Crawl(done.returncode, done.stdout + done.stderr, run)


def stored_urls(database: str, source: str | None = None) -> set[str]:
    with session_scope(database) as session:
        query = select(Article.canonical_url)
        if source:
            from worker.storage.models import Source

            query = query.join(Source).where(Source.name == source)
        return set(session.scalars(query))


def expected_urls(source: str, since: str = SINCE, until: str = UNTIL) -> set[str]:
    rules = get_source(source).url_rules  # type: ignore[union-attr]
    expected = json.loads((SITES / "expected.json").read_text())[source]
    return {canonical_url(a["url"], rules) for a in expected if since <= a["published"] <= until}


def read_fixture(path: Path) -> bytes:
    return path.read_bytes()
