"""``python -m worker.facts [--published YYYY-MM-DD] [--format jsonl] FILE... | -``"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from worker.facts.cli import run_extract


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m worker.facts", description="Facts and events of articles.")
    parser.add_argument("paths", nargs="+", metavar="FILE", help="text (.txt) or HTML (.html, .htm) files, or -")
    parser.add_argument("--published", type=date.fromisoformat, help="publication date, YYYY-MM-DD")
    parser.add_argument("--format", dest="fmt", default="jsonl", choices=["jsonl"])
    args = parser.parse_args(argv)
    return run_extract(args.paths, args.published, args.fmt)


if __name__ == "__main__":
    sys.exit(main())
