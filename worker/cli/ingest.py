"""``railwatch ingest``: saved pages or text files through the same ingest task."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from worker.cli.common import parse_date, ready_database
from worker.pages import FetchedPage

_TEXT_SUFFIXES = {".txt", ".text"}


def ingest(
    files: Annotated[list[Path], typer.Argument(help="Saved .html pages or .txt files.")],
    source: Annotated[str, typer.Option(help="Source name the articles belong to.")] = "manual",
    url: Annotated[str | None, typer.Option(help="The page's original URL (one FILE only).")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    wait: Annotated[bool, typer.Option(help="With a broker: wait for each result.")] = True,
) -> None:
    """Ingest saved pages (backfills from archives, tests). Prints one JSON line per file."""
    if url and len(files) > 1:
        raise typer.BadParameter("--url names one page; give one FILE with it", param_hint="--url")
    published_on = parse_date(published, "--published")
    from worker.dispatch import submit_ingest

    ready_database()
    failed = 0
    for path in files:
        try:
            body = path.read_bytes()
        except OSError as error:
            typer.echo(f"railwatch ingest: cannot read {path}: {error.strerror}", err=True)
            failed += 1
            continue
        page = FetchedPage(
            url=url or path.resolve().as_uri(),
            source=source,
            body=body,
            content_type="text/plain" if path.suffix.lower() in _TEXT_SUFFIXES else "text/html",
            published_hint=published_on,
        )
        typer.echo(json.dumps({"file": str(path), **_result(submit_ingest(page), wait)},
                              ensure_ascii=False))
    raise typer.Exit(2 if failed else 0)


def _result(submitted: Any, wait: bool) -> dict[str, Any]:
    from worker.ingest import IngestOutcome
    from worker.service import outcome_dict

    if isinstance(submitted, IngestOutcome):
        return outcome_dict(submitted)
    if not wait:
        return {"status": "queued", "task_id": submitted.id}
    return dict(submitted.get(timeout=600))
