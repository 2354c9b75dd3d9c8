"""Every benchmark, or the ones named: ``python -m benchmarks [ingest] [extract] [crawl] [latency]``.

Each prints its own figures and its ratio against a baseline measured in the same run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = {"ingest": "ingest_bench.py", "extract": "extract_bench.py", "crawl": "crawl_bench.py",
              "latency": "latency_bench.py"}


def main(names: list[str]) -> int:
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s) {unknown}; known: {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    failed = 0
    for name in names or list(BENCHMARKS):
        print(f"== {name} ==", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / BENCHMARKS[name])], check=False).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
