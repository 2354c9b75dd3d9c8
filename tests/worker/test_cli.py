"""``railwatch ingest`` / ``articles export`` / ``db`` as a user types them."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import FIXTURES
from worker.cli import app

PAGES = FIXTURES / "pages"
runner = CliRunner()


def test_console_script_upgrades_an_empty_sqlite_database_by_itself(tmp_path: Path) -> None:
    env = {**os.environ, "RAILWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}"}
    env.pop("RAILWATCH_BROKER_URL", None)
    done = subprocess.run(
        [str(Path(sys.executable).parent / "railwatch"), "ingest", "--source", "railnews",
         "--url", "https://rail-news.kz/ru/news/21162-kpp-xorgos.html",
         str(PAGES / "railnews_ru_khorgos.html")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "stored"
    assert (tmp_path / "fresh.db").exists()


def test_ingest_then_export_jsonl_and_csv(sqlite_db: str) -> None:
    result = runner.invoke(app, [
        "ingest", "--source", "railnews", str(PAGES / "railnews_ru_khorgos.html"),
        str(PAGES / "mirror_copy_of_railnews.html"), str(PAGES / "empty.html"),
    ])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["status"] for line in lines] == ["stored", "duplicate", "rejected"]

    exported = runner.invoke(app, ["articles", "export", "--format", "jsonl"])
    assert exported.exit_code == 0, exported.output
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [r["duplicate_of"] for r in rows] == [None, rows[0]["id"]]
    first = rows[0]
    assert first["source"] == "railnews"
    assert first["language"] == "ru"
    assert first["published"] == "2025-07-25"
    assert first["title"] == "КПП Хоргос увеличил перевозки до 22,2 млн тонн"
    assert first["text_length"] > 500
    assert set(first) >= {"url", "canonical_url", "fetched_at"}

    as_csv = runner.invoke(app, ["articles", "export", "--format", "csv", "--source", "railnews",
                                 "--since", "2025-07-01"])
    assert as_csv.exit_code == 0, as_csv.output
    table = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(table) == 2
    none = runner.invoke(app, ["articles", "export", "--since", "2026-01-01"])
    assert none.stdout == ""


def test_ingest_with_url_and_published_date(sqlite_db: str) -> None:
    result = runner.invoke(app, [
        "ingest", "--source", "manual", "--url", "https://example.kz/khorgos",
        "--published", "2024-10-10", str(PAGES / "article_khorgos_en.txt"),
    ])
    assert result.exit_code == 0, result.output
    exported = json.loads(runner.invoke(app, ["articles", "export"]).stdout)
    assert exported["canonical_url"] == "https://example.kz/khorgos"
    assert exported["published"] == "2024-10-10"


def test_clear_errors_for_bad_arguments(sqlite_db: str) -> None:
    bad_date = runner.invoke(app, ["ingest", "--published", "10/10/2024", str(PAGES / "empty.html")])
    assert bad_date.exit_code == 2
    assert "YYYY-MM-DD" in bad_date.output
    two_with_url = runner.invoke(app, ["ingest", "--url", "https://x.kz/a",
                                       str(PAGES / "empty.html"), str(PAGES / "empty.html")])
    assert two_with_url.exit_code == 2
    missing = runner.invoke(app, ["ingest", "/nonexistent/page.html"])
    assert missing.exit_code == 2
    assert "cannot read" in missing.output


def test_db_upgrade_and_current(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import apply_settings

    apply_settings(monkeypatch, RAILWATCH_DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}")
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    current = runner.invoke(app, ["db", "current"])
    assert "current: 0001" in current.stdout
