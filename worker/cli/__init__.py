"""The ``railwatch`` command: one entry point, a module per area."""

from __future__ import annotations

import typer

from worker.cli import alerts, articles, crawling, database, extract, ingest, reextract, running, status
from worker.logs import setup_logging

app = typer.Typer(
    name="railwatch",
    help="Kazakhstan–China rail-freight news monitoring.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(database.app, name="db")
app.add_typer(articles.app, name="articles")
app.add_typer(alerts.app, name="alerts")
app.add_typer(alerts.rules_app, name="rules")
app.command("ingest")(ingest.ingest)
app.command("extract")(extract.extract)
app.command("reextract")(reextract.reextract)
app.command("crawl")(crawling.crawl)
app.command("sources")(crawling.sources)
app.command("run")(running.run)
app.command("demo")(running.demo)
app.command("status")(status.status)


@app.callback()
def _configure() -> None:
    setup_logging()


def main() -> None:
    app()
