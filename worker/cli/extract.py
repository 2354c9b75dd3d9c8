"""``railwatch extract``: the fact extractor on files, per contracts/facts.md."""

from __future__ import annotations

from typing import Annotated

import typer

from worker.cli.common import parse_date


def extract(
    files: Annotated[list[str], typer.Argument(help="Text (.txt) or HTML files, or - for stdin.")],
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    output_format: Annotated[str, typer.Option("--format", help="Output format.")] = "jsonl",
) -> None:
    """Print the facts and events of each input as JSON Lines."""
    if output_format != "jsonl":
        raise typer.BadParameter("only jsonl is supported", param_hint="--format")
    from worker.facts.cli import run_extract

    raise typer.Exit(run_extract(files, parse_date(published, "--published"), output_format))
