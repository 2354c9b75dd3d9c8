"""``railwatch alerts`` and ``railwatch rules``: what was decided, replaying history, targets."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from worker.cli.common import parse_date, ready_database
from worker.settings import get_settings
from worker.storage.db import session_scope

app = typer.Typer(help="Alerts: list, replay history, test the delivery targets.", no_args_is_help=True)
rules_app = typer.Typer(help="The alert rules file.", no_args_is_help=True)


@app.command("list")
def list_alerts(
    output_format: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table",
    since: Annotated[str | None, typer.Option(help="Created on/after, YYYY-MM-DD.")] = None,
) -> None:
    """Print alerts with their sources and delivery states."""
    from alerts.listing import alert_rows

    if output_format not in ("table", "jsonl"):
        raise typer.BadParameter("table or jsonl", param_hint="--format")
    since_day = parse_date(since, "--since")
    ready_database()
    start = datetime.combine(since_day, time(), tzinfo=UTC) if since_day else None
    with session_scope() as session:
        rows = list(alert_rows(session, since=start))
    if output_format == "jsonl":
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table("id", "type", "basis", "scope", "what", "period / effective", "sources", "deliveries")
    for row in rows:
        what = row["metric"] or row["kind"] or ""
        if row["value"] is not None:
            what += f" = {row['value']:,.0f}"
        when = (f"{row['period']['start']}..{row['period']['end']}" if row["period"]
                else row["effective"] or "")
        deliveries = ", ".join(f"{d['target']}: {d['state']}" for d in row["deliveries"]) or row["state"]
        table.add_row(str(row["id"]), row["type"], row["basis"], row["scope"] or "", what, when,
                      str(len(row["sources"])), deliveries)
    Console(width=None if sys.stdout.isatty() else 200).print(table)


@app.command("replay")
def replay_command(
    since: Annotated[str | None, typer.Option(help="Only articles published on/after, YYYY-MM-DD.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would alert; change nothing.")] = False,
) -> None:
    """Run the rules over stored articles in publication order (after a backfill)."""
    from alerts.listing import alert_row
    from alerts.replay import alerts_by_id, replay
    from alerts.service import current_rules, release
    from worker.storage.db import get_engine

    since_day = parse_date(since, "--since")
    ready_database()
    settings = get_settings()
    now = datetime.now(UTC)
    from sqlalchemy.orm import Session

    with Session(get_engine(), expire_on_commit=False) as session:
        report = replay(session, since=since_day, rules=current_rules(), now=now,
                        horizon=timedelta(days=settings.alert_horizon_days))
        for alert in alerts_by_id(session, report.opened + report.revised):
            typer.echo(json.dumps(alert_row(alert), ensure_ascii=False))
        if dry_run:
            session.rollback()
        else:
            session.commit()
    verb = "would open" if dry_run else "opened"
    typer.echo(f"{report.articles} articles replayed; {verb} {len(report.opened)} alerts, "
               f"revised {len(report.revised)}", err=True)
    if not dry_run and (report.opened or report.revised):
        release(now)


@app.command("test")
def test_targets() -> None:
    """Send a test message to every configured target and report per target."""
    from alerts.delivery.commands import send_test

    results = send_test(get_settings())
    if not results:
        typer.echo("no targets configured (RAILWATCH_APPRISE_URLS or RAILWATCH_APPRISE_CONFIG)", err=True)
        raise typer.Exit(1)
    failed = 0
    for label, ok, error in results:
        typer.echo(f"{'ok    ' if ok else 'FAILED'} {label}" + (f": {error}" if error else ""))
        failed += not ok
    raise typer.Exit(1 if failed else 0)


@app.command("release")
def release_command() -> None:
    """Send alerts whose grouping wait is over (the scheduler does this by itself)."""
    from alerts.service import release

    ready_database()
    typer.echo(f"{len(release())} deliveries opened")


@rules_app.command("check")
def check_rules(path: Annotated[Path, typer.Argument(help="The rules YAML file.")]) -> None:
    """Validate a rules file; every problem is printed with its place."""
    from alerts.config import RulesError, load_rules

    try:
        rules = load_rules(path)
    except RulesError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{path}: ok ({len(rules.scopes)} scopes, {len(rules.routes)} routes)")
