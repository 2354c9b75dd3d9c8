"""``railwatch status``: is everything well? Exit 1 when something needs attention."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated

import typer

from worker.status import Status


def status(
    health: Annotated[bool, typer.Option("--health", help="Only database and broker (health checks).")] = False,
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Per source the last crawl and its verdict, new articles, the outbox, queues, reachability."""
    from worker.settings import get_settings
    from worker.status import as_dict, gather
    from worker.storage.db import session_scope

    settings = get_settings()
    now = datetime.now(UTC)
    if health:
        report = gather(settings, None, now)
    else:
        try:
            with session_scope() as session:
                report = gather(settings, session, now)
        except Exception:
            report = gather(settings, None, now)
    if output_format == "json":
        typer.echo(json.dumps(as_dict(report), ensure_ascii=False, indent=2))
    else:
        _print(report)
    raise typer.Exit(0 if report.healthy else 1)


def _print(report: Status) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(f"database: {report.database}")
    console.print(f"broker:   {report.broker}" + (f"  queues {report.queues}" if report.queues else ""))
    if report.sources:
        table = Table("source", "last crawl", "verdict", "last new article", "new (24 h)")
        for s in report.sources:
            table.add_row(s.name, f"{s.last_run:%Y-%m-%d %H:%M}" if s.last_run else "never",
                          s.last_verdict or "-", f"{s.last_new_article:%Y-%m-%d %H:%M}" if s.last_new_article else "-",
                          str(s.new_last_day))
        console.print(table)
    if report.deliveries:
        console.print("deliveries: " + ", ".join(f"{k} {v}" for k, v in sorted(report.deliveries.items())))
    for problem in report.problems:
        console.print(f"[red]attention:[/red] {problem}")
    if report.healthy:
        console.print("[green]all well[/green]")
