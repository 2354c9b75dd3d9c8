"""railwatch as the team lives with it: one process on a laptop, the offline demo, the schedule."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from crawler.mirror import MirrorServer, serve
from crawler.samples import build
from tests.support.smtp import SmtpServer
from tests.support.waiting import wait_for

pytestmark = pytest.mark.slow
RAILWATCH = str(Path(sys.executable).parent / "railwatch")


@pytest.fixture
def fresh_mirror(tmp_path: Path) -> Iterator[MirrorServer]:
    """Sample sites dated up to today, so their alerts fall inside the horizon."""
    build(tmp_path / "sites", date.today(), articles_per_source=12)
    server = serve(tmp_path / "sites" / "railnews")
    yield server
    server.stop()


def start_run(tmp_path: Path, mirror: MirrorServer, smtp: SmtpServer) -> subprocess.Popen[str]:
    env = {**os.environ, "RAILWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}",
           "RAILWATCH_APPRISE_URLS": smtp.url(), "RAILWATCH_GROUPING_WAIT_SECONDS": "0",
           "RAILWATCH_ALERT_HORIZON_DAYS": "400", "RAILWATCH_CRAWL_DOWNLOAD_DELAY": "0", "RAILWATCH_LOG_JSON": "1",
           "RAILWATCH_CRAWL_LOOKBACK_DAYS": "200"}
    env.pop("RAILWATCH_BROKER_URL", None)
    log = (tmp_path / "run.log").open("a")  # a file, not a pipe: a full pipe would stall the process
    return subprocess.Popen([RAILWATCH, "run", "--source", "railnews", "--base-url", mirror.base_url], cwd=tmp_path,
                            env=env, stdout=log, stderr=subprocess.STDOUT, text=True)


def stop(process: subprocess.Popen[str]) -> None:
    """SIGTERM must end the process on its own (wait raises if it hangs)."""
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)


def test_run_delivers_stops_on_sigterm_and_resends_nothing_after_a_restart(
        tmp_path: Path, fresh_mirror: MirrorServer) -> None:
    smtp = SmtpServer().start()
    try:
        process = start_run(tmp_path, fresh_mirror, smtp)
        arrived = wait_for(lambda: len(smtp.messages) >= 1, 120)
        assert arrived, (tmp_path / "run.log").read_text()[-5000:]
        stop(process)
        assert process.returncode == 0
        again = start_run(tmp_path, fresh_mirror, smtp)
        time.sleep(12)  # a full crawl of the unchanged site, then its release and drain
        stop(again)
        assert again.returncode == 0
        sent = _sent_deliveries(tmp_path / "run.db")
        assert sent and len(smtp.messages) == len(sent)  # what the first run sent was not sent again
    finally:
        smtp.stop()


def _sent_deliveries(database: Path) -> list[tuple[int, str]]:
    import sqlite3

    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT alert_id, target FROM deliveries WHERE state = 'sent'").fetchall()


def test_demo_runs_offline_and_leaves_a_database(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAILWATCH_")}
    done = subprocess.run([RAILWATCH, "demo"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "crossing_change" in done.stdout
    exported = subprocess.run([RAILWATCH, "articles", "export"], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=60)
    assert len(exported.stdout.splitlines()) >= 40


def test_beat_schedule_comes_from_the_registry() -> None:
    from crawler.sources import SOURCES
    from worker.celery_app import app
    from worker.schedule import beat_schedule

    schedule = beat_schedule()
    crawls = {name: entry for name, entry in schedule.items() if entry["task"] == "railwatch.crawl.source"}
    for source in SOURCES:
        ways = {way for entry in crawls.values() if entry["kwargs"]["source"] == source.name
                for way in entry["kwargs"]["ways"]}
        assert ways == set(source.discovery_ways())
    assert crawls["crawl-railfreight-feeds+sitemaps"]["schedule"] == 15 * 60
    assert crawls["crawl-railfreight-listings"]["schedule"] == 3600
    assert crawls["crawl-ktz-archives"]["schedule"] == 3600  # the registry's own interval
    assert crawls["crawl-railnews-feeds"]["schedule"] == 30 * 60
    app.loader.import_default_modules()  # what a worker does at start: autodiscovery
    for entry in schedule.values():
        assert entry["task"] in app.tasks, entry["task"]
    assert app.conf.beat_schedule.keys() == schedule.keys()
