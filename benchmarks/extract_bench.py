"""Fact extractor throughput on cleaned text, per core, against trafilatura's cleaning.

    python benchmarks/extract_bench.py [--rounds 7] [--repeat 20]

Articles: the 35 labeled dev texts. The extractor (``worker.facts.extract``, language
detected, publication date given) runs on the clean text; trafilatura's ``extract()``
(standard mode) cleans the same texts wrapped as simple pages
(``<html><body><article><p>…</p></article></body></html>``), in the same process and
run, so the ratio holds on any machine. Single process; CPU time; median of rounds.
Target: >= 2,000 articles/s per core.
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEV_SETS = (ROOT / "tests" / "fixtures" / "facts" / "dev-articles.jsonl",
            ROOT.parent / "shared" / "data" / "dev-articles.jsonl")
TARGET = 2000


def load_articles() -> list[tuple[str, date | None]]:
    path = next(p for p in DEV_SETS if p.exists())
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            published = date.fromisoformat(row["published"]) if row.get("published") else None
            articles.append((row["text"], published))
    return articles


def as_page(text: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n") if p.strip())
    return f"<html><body><article>{paragraphs}</article></body></html>"


def seconds_per_item(work: Callable[[], None], items: int, rounds: int) -> float:
    """Median CPU seconds per item over ``rounds`` runs of ``work`` (which handles ``items``)."""
    times = []
    for _ in range(rounds):
        started = time.process_time()
        work()
        times.append((time.process_time() - started) / items)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=20, help="passes over the articles per extractor round")
    args = parser.parse_args()

    import trafilatura

    from worker.facts import extract

    logging.disable(logging.WARNING)
    articles = load_articles()
    pages = [as_page(text) for text, _ in articles]
    for text, published in articles:  # warm the vocabulary's memo, as a long-running worker has it
        extract(text, published=published)
    trafilatura.extract(pages[0])

    def run_extractor() -> None:
        for _ in range(args.repeat):
            for text, published in articles:
                extract(text, published=published)

    def run_trafilatura() -> None:
        for page in pages:
            trafilatura.extract(page)

    per_extract = seconds_per_item(run_extractor, args.repeat * len(articles), args.rounds)
    per_clean = seconds_per_item(run_trafilatura, len(pages), args.rounds)
    size = sum(len(text) for text, _ in articles) / len(articles)
    verdict = "meets" if 1 / per_extract >= TARGET else "MISSES"
    print(f"articles: {len(articles)} real articles, {size:.0f} characters on average; single process, CPU time")
    print(f"extractor (worker.facts)      : {1 / per_extract:8.0f} articles/s per core "
          f"({per_extract * 1e6:.0f} µs each) — {verdict} the {TARGET:,}/s target")
    print(f"trafilatura extract(), standard: {1 / per_clean:8.1f} articles/s per core ({per_clean * 1e3:.2f} ms each)")
    print(f"ratio: extraction is {per_clean / per_extract:.1f}x faster than cleaning "
          f"(adds {per_extract / per_clean:.1%} to the cleaning time)")


if __name__ == "__main__":
    main()
