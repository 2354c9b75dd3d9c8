"""``python -m crawler crawl SOURCE [-a ...]``: ``scrapy crawl`` as the crawl job runs it.

The same command, with railwatch's logging from the first line: JSON off a terminal and
the crawl's ids on every line (Scrapy's own root handler would print its start-up in
its text format before any extension could change it).
"""

from __future__ import annotations

import sys

from scrapy.cmdline import execute

from worker.logs import setup_logging


def main(argv: list[str]) -> None:
    setup_logging()
    execute(["scrapy", *argv, "-s", "LOG_INSTALL_ROOT_HANDLER=False"])


if __name__ == "__main__":
    main(sys.argv[1:])
