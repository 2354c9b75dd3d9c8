"""Structured logs: JSON off a terminal, the ids of the work on every line, in the CLI and
a Celery task alike (a crawl process: tests/crawler/test_runs.py)."""

from __future__ import annotations

import io
import json
import logging
import threading
from collections.abc import Iterator

import pytest

from alerts.tasks import evaluate_article
from worker.celery_app import _enter_log_context, _leave_log_context
from worker.logs import log_context, setup_logging
from worker.tasks import ingest_article


@pytest.fixture
def lines() -> Iterator[io.StringIO]:
    """JSON logging into a buffer; the root logger as it was afterwards."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    stream = io.StringIO()
    setup_logging("INFO", json_logs=True, stream=stream)
    yield stream
    root.handlers[:], _ = saved[0], root.setLevel(saved[1])


def parsed(stream: io.StringIO, logger: str) -> list[dict[str, object]]:
    """This test's lines: threads left by other tests (servers, pools) may log meanwhile."""
    return [entry for entry in map(json.loads, stream.getvalue().splitlines()) if entry["logger"] == logger]


def test_ids_of_nested_contexts_are_on_every_line_and_leave_with_them(lines: io.StringIO) -> None:
    log = logging.getLogger("railwatch.test")
    with log_context(alert_id=7):
        log.info("deciding")
        with log_context(delivery_id=3, article_id=None):
            log.warning("sending")
    log.info("done")
    first, second, third = parsed(lines, "railwatch.test")
    assert first["alert_id"] == 7 and "delivery_id" not in first
    assert second["alert_id"] == 7 and second["delivery_id"] == 3 and "article_id" not in second
    assert "alert_id" not in third and third["message"] == "done"


def test_threads_do_not_mix_their_ids(lines: io.StringIO) -> None:
    log = logging.getLogger("railwatch.test")
    barrier = threading.Barrier(2)

    def work(article_id: int) -> None:
        with log_context(article_id=article_id):
            barrier.wait()
            log.info("article %s", article_id)

    threads = [threading.Thread(target=work, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted((line["message"], line["article_id"]) for line in parsed(lines, "railwatch.test")) == [
        ("article 1", 1), ("article 2", 2)]


def test_a_celery_task_logs_its_task_id_and_what_it_works_on(lines: io.StringIO) -> None:
    log = logging.getLogger("alerts.decide")
    _enter_log_context(task_id="t-1", task=evaluate_article, args=(42,))
    log.info("evaluating")
    _leave_log_context(task_id="t-1")
    _enter_log_context(task_id="t-2", task=ingest_article,
                       args=({"url": "https://rail-news.kz/ru/news/1.html", "source": "railnews"},))
    log.info("ingesting")
    _leave_log_context(task_id="t-2")
    log.info("idle")
    evaluating, ingesting, idle = parsed(lines, "alerts.decide")
    assert (evaluating["task_id"], evaluating["task"], evaluating["article_id"]) == (
        "t-1", "railwatch.alerts.evaluate", 42)
    assert (ingesting["source"], ingesting["url"]) == ("railnews", "https://rail-news.kz/ru/news/1.html")
    assert "task_id" not in idle


def test_terminal_lines_show_the_ids_too() -> None:
    stream = io.StringIO()
    root = logging.getLogger()
    saved = root.handlers[:]
    setup_logging("INFO", json_logs=False, stream=stream)
    try:
        with log_context(crawl_run_id=5):
            logging.getLogger("crawler.runs").info("crawl finished")
    finally:
        root.handlers[:] = saved
    assert any(line.endswith("crawler.runs: crawl finished [crawl_run_id=5]")
               for line in stream.getvalue().splitlines()), stream.getvalue()
