"""Ingest throughput: trafilatura alone vs the whole ingest path (in-process, SQLite).

    python benchmarks/ingest_bench.py [--copies 4] [--rounds 3]

Both are measured in the same run on the same pages; the ratio is what our own
code (decoding, canonical URLs, hashing, compression, storage, fact extraction)
adds to the cleaning. Target: ingest path <= 1.2x trafilatura alone.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura

from benchmarks.corpus import CorpusPage, pages

Timing = tuple[float, float]
"""(wall seconds, CPU seconds of this process): CPU time is steadier on a shared machine."""


def trafilatura_alone(corpus: list[CorpusPage]) -> Timing:
    from worker.cleaning.clean import TRAFILATURA_OPTIONS

    wall, cpu = time.perf_counter(), time.process_time()
    for page in corpus:
        trafilatura.bare_extraction(page.body.decode("utf-8"), url=page.url, **TRAFILATURA_OPTIONS)
    return time.perf_counter() - wall, time.process_time() - cpu


def ingest_path(corpus: list[CorpusPage], workdir: Path) -> Timing:
    from worker.dispatch import submit_ingest
    from worker.pages import FetchedPage
    from worker.settings import reset_settings
    from worker.storage.db import dispose_engines
    from worker.storage.migrate import upgrade

    database = workdir / f"bench-{time.monotonic_ns()}.db"
    os.environ["RAILWATCH_DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.pop("RAILWATCH_BROKER_URL", None)
    reset_settings()
    dispose_engines()
    upgrade()
    fetched = [FetchedPage(url=p.url, source=p.source, body=p.body, declared_encoding="utf-8")
               for p in corpus]
    wall, cpu = time.perf_counter(), time.process_time()
    for page in fetched:
        outcome = submit_ingest(page)
        if outcome.status != "stored":
            raise SystemExit(f"benchmark page not stored: {page.url}: {outcome}")
    elapsed = time.perf_counter() - wall, time.process_time() - cpu
    dispose_engines()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4, help="pages per dev text")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    import logging

    logging.disable(logging.INFO)
    corpus = list(pages(args.copies))
    size = sum(len(p.body) for p in corpus)
    print(f"corpus: {len(corpus)} pages, {size / len(corpus) / 1024:.0f} KB average")
    baseline: list[Timing] = []
    ours: list[Timing] = []
    with tempfile.TemporaryDirectory() as tmp:
        trafilatura_alone(corpus[:5])  # warm imports and caches for both
        ingest_path(corpus[:5], Path(tmp))
        for _ in range(args.rounds):  # interleaved, so drift hits both alike
            baseline.append(trafilatura_alone(corpus))
            ours.append(ingest_path(corpus, Path(tmp)))
    n = len(corpus)
    for label, index in (("wall", 0), ("cpu", 1)):
        base = statistics.median(t[index] for t in baseline)
        full = statistics.median(t[index] for t in ours)
        ratios = sorted(o[index] / b[index] for o, b in zip(ours, baseline, strict=True))
        print(f"[{label}] trafilatura alone : {n / base:6.1f} articles/s ({base:.2f} s)")
        print(f"[{label}] ingest path       : {n / full:6.1f} articles/s ({full:.2f} s, SQLite, in-process)")
        print(f"[{label}] ratio             : {full / base:.3f}x  (per-round ratios "
              f"{ratios[0]:.3f}..{ratios[-1]:.3f}; target <= 1.20)")


if __name__ == "__main__":
    main()
