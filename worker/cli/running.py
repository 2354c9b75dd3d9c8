"""``railwatch run`` (everything in one process) and ``railwatch demo`` (offline, in a minute)."""

from __future__ import annotations

import signal
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

import typer


def run(
    base_url: Annotated[str | None, typer.Option(help="Crawl a local mirror at this address (tests, demos).")] = None,
    source: Annotated[list[str] | None, typer.Option(help="Only these sources (default: all enabled).")] = None,
) -> None:
    """Schedule the crawls, ingest, decide and deliver alerts — one process, embedded defaults.

    Ctrl-C (or SIGTERM) stops it cleanly; a restart sends what was pending and nothing twice.
    """
    from alerts.delivery.tasks import drain
    from alerts.service import release, watch
    from worker.cli.common import ready_database
    from worker.runner import Runner
    from worker.schedule import crawl_schedules

    ready_database()
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    drain()  # whatever a previous run decided but did not send
    schedules = [s for s in crawl_schedules() if not source or s.source in source]
    runner = Runner(schedules=schedules, release=release, drain=drain, watch_sources=watch, base_url=base_url)
    typer.echo(f"railwatch running ({len(runner.schedules)} crawl schedules); Ctrl-C stops it", err=True)
    runner.run(stop)
    typer.echo("railwatch stopped", err=True)


def demo(
    days: Annotated[int, typer.Option(help="How far back the sample sites go.")] = 150,
) -> None:
    """Run the whole pipeline offline on sample sites, in about 15 seconds.

    Sample sites of every source are served on localhost, crawled, ingested, their facts
    extracted, alerts decided and printed (and sent, if targets are set).
    """
    import os

    from alerts.service import release
    from crawler.mirror import serve
    from crawler.samples import build
    from worker.cli.alerts import list_alerts
    from worker.cli.common import ready_database
    from worker.crawl_job import CrawlRequest, run_crawl
    from worker.settings import reset_settings

    started = time.monotonic()
    os.environ.setdefault("RAILWATCH_GROUPING_WAIT_SECONDS", "0")  # nothing else will report these events
    os.environ.setdefault("RAILWATCH_CRAWL_DOWNLOAD_DELAY", "0")  # our own localhost: no need to be gentle
    reset_settings()
    ready_database()
    today = date.today()
    with tempfile.TemporaryDirectory(prefix="railwatch-demo-") as tmp:
        root = Path(tmp)
        expected = build(root, today, articles_per_source=12)
        for source in expected:
            server = serve(root / source)
            try:
                result = run_crawl(CrawlRequest(source, since=today - timedelta(days=days), until=today,
                                                base_url=server.base_url, log_level="ERROR"))
            finally:
                server.stop()
            typer.echo(f"{source}: crawl {result.status}", err=True)
    release()
    list_alerts(output_format="table", since=None)
    typer.echo(f"demo finished in {time.monotonic() - started:.0f} s: {_summary()}\n"
               "Look around: railwatch articles export | railwatch alerts list | railwatch sources | railwatch status",
               err=True)


def _summary() -> str:
    from sqlalchemy import func, select

    from alerts.delivery.targets import load_targets
    from worker.settings import get_settings
    from worker.storage.db import session_scope
    from worker.storage.models import Alert, Article, Delivery, Fact

    with session_scope() as session:
        counts = [session.scalar(select(func.count()).select_from(model)) or 0
                  for model in (Article, Fact, Alert, Delivery)]
    targets = len(load_targets(get_settings()))
    return (f"{counts[0]} articles, {counts[1]} facts, {counts[2]} alerts, {counts[3]} deliveries "
            f"({targets} delivery targets configured)")
