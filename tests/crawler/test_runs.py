"""Verdicts of a run, the fallback rules between discovery ways (without a crawl), and what
a crawl process logs."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from typing import Any

import pytest

from crawler.discovery.ways import WayTracker
from crawler.errors import is_blocked_page
from crawler.runs import decide, summarize
from crawler.sources import get_source
from tests.conftest import ROOT
from tests.crawler.conftest import SINCE, UNTIL, MirrorOf
from worker.crawl_job import CrawlRequest, scrapy_command


def _summary(**stats: int) -> dict[str, Any]:
    return summarize({f"railwatch/{name.replace('__', '/')}": value for name, value in stats.items()}, "finished")


@pytest.mark.parametrize(("stats", "verdict"), [
    ({"discovery_ok": 3, "candidates": 5, "handed_off": 5, "pages__article": 5}, "ok"),
    ({"discovery_ok": 2, "candidates": 0}, "ok"),  # nothing new in the window is not a failure
    ({"not_modified": 3, "discovery_ok": 3}, "ok"),
    ({"discovery_ok": 0}, "empty"),  # pages answered, no article link on any
    ({"discovery_failed": 3, "errors__http_404": 3}, "failed"),
    ({"blocked__discovery": 2, "discovery_failed": 2}, "blocked"),
    ({"discovery_ok": 1, "blocked__discovery": 1}, "ok"),  # one way refused, another worked
    ({"discovery_ok": 2, "blocked__article": 6, "handed_off": 1}, "blocked"),  # most articles refused
    ({"discovery_ok": 2, "blocked__article": 1, "handed_off": 9}, "ok"),
])
def test_verdicts(stats: dict[str, int], verdict: str) -> None:
    assert decide(_summary(**stats)) == verdict


def test_summary_groups_counters_and_keeps_exceptions() -> None:
    summary = summarize({"railwatch/pages/feed": 2, "railwatch/errors/timeout": 1, "railwatch/skipped_old": 4,
                         "spider_exceptions/KeyError": 1, "elapsed_time_seconds": 1.5}, "finished",
                        {"ru feeds x": "ok"})
    assert summary["pages"] == {"feed": 2}
    assert summary["errors"] == {"timeout": 1, "exception_keyerror": 1}
    assert summary["skipped_old"] == 4 and summary["elapsed_seconds"] == 1.5
    assert summary["ways"] == {"ru feeds x": "ok"}
    assert decide({**summary, "discovery_ok": 0}) == "failed"


def test_a_site_falls_back_only_when_every_chosen_way_came_back_empty() -> None:
    source = get_source("railnews")
    assert source is not None
    tracker = WayTracker(list(source.sites))
    assert tracker.choose(0, ("feeds",)) == ["feeds"]
    tracker.opened(0)
    tracker.opened(0)
    assert not tracker.closed(0, "feeds", "a", "failed:http_404")  # another page is still pending
    assert tracker.closed(0, "feeds", "b", "empty")
    assert tracker.remaining(0) == ["sitemaps", "listings"]
    assert tracker.choose(0, ("sitemaps",)) == ["sitemaps"]
    tracker.opened(0)
    assert not tracker.closed(0, "sitemaps", "c", "not_modified")  # a 304 is a way that works
    assert tracker.report() == {"ru feeds a": "failed:http_404", "ru feeds b": "empty", "ru sitemaps c": "not_modified"}


def test_a_way_is_as_good_as_its_best_page() -> None:
    source = get_source("railfreight")
    assert source is not None
    tracker = WayTracker(list(source.sites))
    tracker.choose(0, ("listings",))
    for outcome in ("ok", "failed:timeout", "empty"):
        tracker.opened(0)
        tracker.closed(0, "listings", "first", outcome)
    assert tracker.report() == {"en listings first": "ok"}


@pytest.mark.parametrize(("body", "blocked"), [
    (b"<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>", True),
    (b"<html><script src='/cdn-cgi/challenge-platform/h/b/orchestrate'></script></html>", True),
    (b"<form id='login' action='/login'><input type='password' name='p'></form>", True),
    (b"<html><head><title>Attention Required! | Cloudflare</title></head></html>", True),
    ("<html><head><title>Just a moment\u2026</title></head></html>".encode(), True),
    (b"<html><body><script src='/cdn-cgi/challenge-platform/scripts/jsd/main.js'></script><p>news</p></html>", False),
    (b"<html><body><form id='commentform'><div class='g-recaptcha'></div></form></body></html>", False),
    (b"<html><head><title>Just a moment for Kazakhstan's rail</title></head></html>", False),
    (b"<html><body><p>Do you want to read the full article? RailFreight Premium</p></body></html>", False),
    (b"<html><head><title>Moment of truth for the Middle Corridor</title></head></html>", False),
    (b"<HTML><HEAD><TITLE>Just a Moment...</TITLE></HEAD></HTML>", True),
    (b"<FORM ID='Login' ACTION='/Login'><INPUT TYPE=PASSWORD NAME='p'></FORM>", True),
    (b"<html><body>" + b"<p>news</p>" * 10_000 + b"<title>Just a moment...</title></body></html>", False),  # past 50 KB
])
def test_challenges_and_login_walls(body: bytes, blocked: bool) -> None:
    assert is_blocked_page(body) is blocked


@pytest.mark.slow
def test_every_line_of_a_crawl_job_is_json_with_its_source_and_run(mirror_of: MirrorOf, sqlite_db: str) -> None:
    """The command the crawl job runs logs JSON from its first line, ids on every line."""
    _, server = mirror_of("railfreight")
    request = CrawlRequest("railfreight", since=date.fromisoformat(SINCE), until=date.fromisoformat(UNTIL),
                           base_url=server.base_url)
    done = subprocess.run(scrapy_command(request), cwd=ROOT, capture_output=True, text=True, timeout=120, env={
        **os.environ, "RAILWATCH_DATABASE_URL": sqlite_db, "RAILWATCH_CRAWL_DOWNLOAD_DELAY": "0",
        "RAILWATCH_LOG_JSON": "1", "RAILWATCH_LOG_LEVEL": "DEBUG", "SCRAPY_SETTINGS_MODULE": "crawler.settings"})
    assert done.returncode == 0, done.stderr[-3000:]
    records = [json.loads(line) for line in done.stderr.splitlines()]  # every line parses
    assert len(records) > 20 and not done.stdout
    assert records[0]["logger"].startswith("scrapy")
    with_run = [r for r in records if "crawl_run_id" in r]
    assert all(r["source"] == "railfreight" for r in with_run)
    assert any(r["logger"] == "crawler.runs" and "finished" in str(r["message"]) for r in with_run)
