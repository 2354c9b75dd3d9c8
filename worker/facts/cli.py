"""``railwatch extract``: files (or stdin) in, one JSON line per input out (contracts/facts.md).

The only module of the package that reads files; the extractor itself stays pure.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from worker.facts.extract import extract

_DATE_LINE = re.compile(r"\A\ufeff?date\s+(\d{4}-\d{2}-\d{2})[ \t]*(?:\r?\n|\Z)")
_HTML_SUFFIXES = frozenset({".html", ".htm"})


class UnreadableInput(Exception):
    """An input that cannot be turned into article text; its message is one line."""


def run_extract(paths: list[str], published: date | None, fmt: str = "jsonl",
                stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Print the extraction of each input, in input order; 2 when any input was unreadable."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    if fmt != "jsonl":
        print(f"railwatch extract: unknown format {fmt!r} (only jsonl)", file=err)
        return 2
    failed = False
    for path in paths:
        try:
            text, page_date = read_input(path)
        except UnreadableInput as error:
            print(f"railwatch extract: cannot read {path}: {error}", file=err)
            failed = True
            continue
        result = extract(text, published=published or page_date)
        out.write(json.dumps(result.to_contract(path), ensure_ascii=False) + "\n")
    out.flush()
    return 2 if failed else 0


def read_input(path: str) -> tuple[str, date | None]:
    """Article text and the publication date the input itself gives, if any."""
    try:
        if path == "-":
            return text_input(sys.stdin.read())
        file = Path(path)
        raw = file.read_bytes()
        if file.suffix.lower() in _HTML_SUFFIXES:
            return html_input(raw)
        return text_input(raw.decode("utf-8"))
    except OSError as error:
        raise UnreadableInput(error.strerror or type(error).__name__) from error
    except UnicodeDecodeError as error:
        raise UnreadableInput("not UTF-8 text") from error


def text_input(text: str) -> tuple[str, date | None]:
    """A first line ``date YYYY-MM-DD`` gives the publication date and is not article text."""
    match = _DATE_LINE.match(text)
    if match is None:
        return text.removeprefix("\ufeff"), None
    try:
        return text[match.end():], date.fromisoformat(match.group(1))
    except ValueError as error:
        raise UnreadableInput(f"bad date line: {match.group(1)}") from error


def html_input(raw: bytes) -> tuple[str, date | None]:
    """A saved page, decoded and cleaned exactly as the ingest path does it."""
    from worker.cleaning import DecodeError, clean_html, decode_page  # heavy; only HTML needs it

    try:
        html, _ = decode_page(raw)
    except DecodeError as error:
        raise UnreadableInput(str(error)) from error
    cleaned = clean_html(html)
    if cleaned is None:
        return "", None
    text = cleaned.text
    if cleaned.title and not text.startswith(cleaned.title):
        text = f"{cleaned.title}\n\n{text}"
    return text, cleaned.published_on
