"""The crawl process's own economies: DEBUG records never built, the start-up heap frozen."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator

import pytest
from scrapy.utils.test import get_crawler

from crawler.lean import LeanProcess


@pytest.fixture
def scrapy_logger() -> Iterator[logging.Logger]:
    logger = logging.getLogger("scrapy")
    level = logger.level
    logger.setLevel(logging.DEBUG)  # what Scrapy's configure_logging sets
    yield logger
    logger.setLevel(level)
    gc.unfreeze()


def test_scrapy_logger_follows_log_level_and_the_heap_is_frozen_while_the_engine_runs(
        scrapy_logger: logging.Logger) -> None:
    lean = LeanProcess.from_crawler(get_crawler(settings_dict={"LOG_LEVEL": "INFO"}))
    lean.engine_started()
    assert not scrapy_logger.isEnabledFor(logging.DEBUG)
    assert scrapy_logger.isEnabledFor(logging.INFO)
    assert gc.get_freeze_count() > 0
    lean.engine_stopped()
    assert gc.get_freeze_count() == 0


def test_debug_stays_debug(scrapy_logger: logging.Logger) -> None:
    lean = LeanProcess.from_crawler(get_crawler(settings_dict={"LOG_LEVEL": "DEBUG"}))
    lean.engine_started()
    lean.engine_stopped()
    assert scrapy_logger.isEnabledFor(logging.DEBUG)
