"""``railwatch extract``: files (or stdin) in, one JSON line per input out (contracts/facts.md)."""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

from worker.extractor.extract import extract

_DATE_LINE = re.compile(r"\A\ufeff?date\s+(\d{4}-\d{2}-\d{2})\s*\n")
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def run_extract(paths: list[str], published: date | None, output_format: str = "jsonl") -> int:
    """Print the extraction of each input in order; exit 2 when any input was unreadable."""
    failed = False
    for path in paths:
        try:
            text, page_date = _read(path)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            print(f"railwatch extract: cannot read {path}: {_reason(error)}", file=sys.stderr)
            failed = True
            continue
        result = extract(text, published=published or page_date)
        sys.stdout.write(json.dumps(result.to_contract(path), ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 2 if failed else 0


def _read(path: str) -> tuple[str, date | None]:
    if path == "-":
        return _text_input(sys.stdin.read())
    file = Path(path)
    raw = file.read_bytes()
    if file.suffix.lower() in _HTML_SUFFIXES:
        return _html_input(raw)
    return _text_input(raw.decode("utf-8"))


def _text_input(text: str) -> tuple[str, date | None]:
    """A first line ``date YYYY-MM-DD`` gives the publication date and is not article text."""
    match = _DATE_LINE.match(text)
    if match is None:
        return text, None
    return text[match.end():], date.fromisoformat(match.group(1))


def _html_input(raw: bytes) -> tuple[str, date | None]:
    """HTML is cleaned exactly as the ingest path cleans it."""
    from worker.cleaning import DecodeError, clean_html, decode_page

    try:
        html, _ = decode_page(raw)
    except DecodeError as error:
        raise ValueError(str(error)) from error
    cleaned = clean_html(html)
    if cleaned is None:
        return "", None
    return cleaned.text, cleaned.published_on


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8 text"
    return str(error)
