"""Alert latency: from an article handed to the real Celery worker to its email at a real
SMTP server.

    python benchmarks/latency_bench.py [--articles 200] [--rate 4]

Needs Redis and PostgreSQL (RAILWATCH_TEST_REDIS_URL, RAILWATCH_TEST_POSTGRES_URL; the
defaults are the local ones). A database of its own is created and dropped; a worker
on the ``ingest`` and ``alerts`` queues delivers to a local aiosmtpd server. Each
article claims a record for another month, so each is its own alert; the grouping wait
is 0 (it is a chosen delay, not a cost). Articles go in at ``--rate`` per second; the
clock runs from ``send_task`` to the SMTP server's DATA. Prints median, p95 and max,
and the same for the broker round trip alone (a no-op task there and back) as the
baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import email
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MONTHS = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре",
          "ноябре", "декабре"]
TOKEN = re.compile(r"latency-bench-(\d+)")


class Inbox:
    """Keeps the arrival time of each article's first email."""

    def __init__(self) -> None:
        self.arrived: dict[int, float] = {}
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        now = time.perf_counter()
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        payloads = [part.get_payload(decode=True) for part in message.walk() if part.get_content_maintype() == "text"]
        text = " ".join(p.decode("utf-8", "replace") for p in payloads if isinstance(p, bytes))
        for found in {int(n) for n in TOKEN.findall(text)}:
            with self.lock:
                self.arrived.setdefault(found, now)
        return "250 OK"


def article(n: int) -> tuple[str, bytes, str]:
    year, month = 2000 + n // 12, n % 12
    published = date(year + (month == 11), (month + 1) % 12 + 1, 5)
    tonnes = f"{1 + n / 100:.2f}".replace(".", ",")
    text = (f"Рекорд на Достыке\n\nВ {MONTHS[month]} {year} года через пограничный переход Достык — Алашанькоу "
            f"перевезено рекордные {tonnes} млн тонн грузов, сообщили в АО «НК «ҚТЖ». Это на 12% больше, чем "
            "годом ранее. Основной объём пришёлся на экспорт в Китай: металлы, зерно и руда. На станции Достык "
            "продолжается модернизация приёмо-отправочных путей, что позволяет обрабатывать больше составов.")
    return f"https://rail-news.kz/ru/news/latency-bench-{n}.html", text.encode(), published.isoformat()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def percentiles(values: list[float]) -> tuple[float, float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)], ordered[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rate", type=float, default=4.0, help="articles per second")
    args = parser.parse_args()

    import logging

    import psycopg
    import redis
    from aiosmtpd.controller import Controller

    from worker.celery_app import create_app
    from worker.pages import FetchedPage
    from worker.settings import Settings
    from worker.storage.migrate import upgrade

    logging.getLogger("mail.log").setLevel(logging.WARNING)
    base = Settings()
    broker = base.test_redis_url.rsplit("/", 1)[0] + "/12"
    redis.Redis.from_url(broker).flushdb()
    name = f"railwatch_bench_{uuid.uuid4().hex[:8]}"
    admin = base.test_postgres_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    database = base.test_postgres_url.rsplit("/", 1)[0] + "/" + name
    upgrade(database)

    inbox, port = Inbox(), free_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    env = {**os.environ, "RAILWATCH_BROKER_URL": broker, "RAILWATCH_DATABASE_URL": database,
           "RAILWATCH_APPRISE_URLS": f"mailto://127.0.0.1:{port}/?from=rw@example.com&to=team@example.com&mode=insecure",
           "RAILWATCH_GROUPING_WAIT_SECONDS": "0", "RAILWATCH_ALERT_HORIZON_DAYS": "100000",
           "RAILWATCH_LOG_JSON": "1", "RAILWATCH_LOG_LEVEL": "WARNING"}
    log = Path(tempfile.mkdtemp(prefix="railwatch-latency-")) / "worker.log"
    worker = subprocess.Popen([sys.executable, "-m", "celery", "-A", "worker.celery_app", "worker", "-Q",
                               "ingest,alerts", "-c", "2", "-l", "WARNING", "-n", f"bench-{name}@%h",
                               "--without-gossip", "--without-mingle"],
                              cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    app = create_app(Settings(broker_url=broker, database_url=database))
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=0.5, limit=1):
            if time.monotonic() > deadline or worker.poll() is not None:
                raise SystemExit(f"the worker did not start:\n{log.read_text()[-3000:]}")

        round_trips = []
        for _ in range(50):
            started = time.perf_counter()
            app.control.ping(timeout=2, limit=1)
            round_trips.append(time.perf_counter() - started)

        sent: dict[int, float] = {}
        for n in range(args.articles):
            url, body, published = article(n)
            page = FetchedPage(url=url, source="railnews", body=body, content_type="text/plain",
                               published_hint=date.fromisoformat(published))
            sent[n] = time.perf_counter()
            app.send_task("railwatch.ingest.article", args=[page.to_payload()], queue="ingest")
            time.sleep(max(0.0, sent[n] + 1 / args.rate - time.perf_counter()))
        deadline = time.monotonic() + 120
        while len(inbox.arrived) < args.articles and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        smtp.stop()
        from worker.storage.db import dispose_engines

        dispose_engines()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    latencies = [inbox.arrived[n] - sent[n] for n in sent if n in inbox.arrived]
    if len(latencies) < args.articles:
        print(f"only {len(latencies)} of {args.articles} alerts arrived; worker log: {log}")
    if not latencies:
        raise SystemExit(1)
    median, p95, worst = percentiles(latencies)
    rt_median, rt_p95, _ = percentiles(round_trips)
    print(f"alert latency, ingest -> SMTP, {len(latencies)} articles at {args.rate:g}/s on a real worker (-c 2):")
    print(f"  median {median * 1000:7.0f} ms   p95 {p95 * 1000:7.0f} ms   max {worst * 1000:7.0f} ms")
    print(f"baseline, broker round trip (control ping): median {rt_median * 1000:.1f} ms, p95 {rt_p95 * 1000:.1f} ms")
    print(f"ratio median latency / round trip: {median / rt_median:.0f}x")


if __name__ == "__main__":
    main()
