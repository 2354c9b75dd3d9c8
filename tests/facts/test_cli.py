"""``python -m worker.facts`` / ``run_extract``: files and stdin in, JSON Lines out, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from worker.facts.cli import run_extract

ROOT = Path(__file__).parents[2]
TEXT = "Через Достык в 2024 году перевезено 19 млн тонн.\n"


def _run(paths: list[str], published: date | None = None) -> tuple[int, list[dict[str, Any]], str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_extract(paths, published, "jsonl", stdout=out, stderr=err)
    return code, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_text_file_with_a_date_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("date 2025-01-10\n" + TEXT, encoding="utf-8")
    code, [result], _ = _run([str(path)])
    assert code == 0
    assert result["source"] == str(path) and result["published"] == "2025-01-10" and result["language"] == "ru"
    assert result["facts"][0]["period"] == {"start": "2024-01-01", "end": "2024-12-31"}
    assert not result["facts"][0]["quote"].startswith("date")


def test_published_option_wins_over_the_date_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("date 2025-01-10\n" + TEXT, encoding="utf-8")
    _, [result], _ = _run([str(path)], date(2025, 2, 1))
    assert result["published"] == "2025-02-01"


def test_html_page_is_cleaned_and_dated(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    body = "<p>" + TEXT * 3 + "</p><p>Экспорт в Китай в 2024 году составил 20 млн тонн, сообщили в КТЖ.</p>"
    path.write_text(f'<html><head><title>Достык</title><meta property="article:published_time" content="2025-01-10">'
                    f"</head><body><article>{body}</article></body></html>", encoding="utf-8")
    code, [result], _ = _run([str(path)])
    assert code == 0 and result["published"] == "2025-01-10"
    assert {f["value"] for f in result["facts"]} >= {19_000_000}


def test_unreadable_inputs_are_reported_and_the_rest_printed_in_order(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00 not utf-8 \xc3")
    code, results, err = _run([str(tmp_path / "missing.txt"), str(good), str(bad), str(good)])
    assert code == 2
    assert [r["source"] for r in results] == [str(good), str(good)]
    assert len(err.strip().splitlines()) == 2 and "missing.txt" in err and "bad.txt" in err


def test_an_empty_article_is_no_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    code, [result], _ = _run([str(path)])
    assert code == 0 and result["facts"] == [] and result["events"] == []


def test_module_entry_point_reads_stdin() -> None:
    done = subprocess.run([sys.executable, "-m", "worker.facts", "--published", "2025-01-10", "--format", "jsonl", "-"],
                          input=TEXT, capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    [line] = done.stdout.splitlines()
    result = json.loads(line)
    assert result["source"] == "-" and result["published"] == "2025-01-10" and result["facts"]


@pytest.mark.parametrize("argument", ["--published=2025-13-01", "--format=csv"])
def test_bad_options_are_refused(argument: str) -> None:
    done = subprocess.run([sys.executable, "-m", "worker.facts", argument, "-"], input="", capture_output=True,
                          text=True, cwd=ROOT, check=False)
    assert done.returncode == 2 and done.stderr
