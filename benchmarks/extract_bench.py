"""Extractor throughput on cleaned text, per core, against trafilatura on the same articles.

    python benchmarks/extract_bench.py [--rounds 5]

Articles: the labeled dev set, extracted from its text; trafilatura cleans the same
articles wrapped in realistic page chrome (benchmarks/corpus.py). Both single-process,
measured in the same run. Target: >= 2,000 articles/s, i.e. extraction < 3% of ingest.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import dev_texts, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=20, help="passes over the articles per round")
    args = parser.parse_args()
    import logging

    import trafilatura

    from worker.cleaning.clean import TRAFILATURA_OPTIONS
    from worker.extractor import extract

    logging.disable(logging.WARNING)
    articles = [(row["text"], date.fromisoformat(row["published"]) if row.get("published") else None)
                for row in dev_texts()]
    corpus = list(pages(1))
    extract(articles[0][0])  # warm the pattern caches
    extract_times, clean_times = [], []
    for _ in range(args.rounds):
        started = time.process_time()
        for _ in range(args.repeat):
            for text, published in articles:
                extract(text, published=published)
        extract_times.append((time.process_time() - started) / (args.repeat * len(articles)))
        started = time.process_time()
        for page in corpus:
            trafilatura.bare_extraction(page.body.decode("utf-8"), url=page.url, **TRAFILATURA_OPTIONS)
        clean_times.append((time.process_time() - started) / len(corpus))
    per_extract = statistics.median(extract_times)
    per_clean = statistics.median(clean_times)
    size = sum(len(t) for t, _ in articles) / len(articles)
    print(f"articles: {len(articles)} real articles, {size:.0f} characters on average")
    print(f"extractor         : {1 / per_extract:8.0f} articles/s per core ({per_extract * 1e3:.3f} ms each)")
    print(f"trafilatura clean : {1 / per_clean:8.1f} articles/s per core ({per_clean * 1e3:.1f} ms each)")
    print(f"extraction / cleaning: {per_extract / per_clean:.2%} (target < 3%; >= 2,000 articles/s)")


if __name__ == "__main__":
    main()
