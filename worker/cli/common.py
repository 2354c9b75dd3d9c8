"""Helpers shared by CLI commands."""

from __future__ import annotations

from datetime import date

import typer


def parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise typer.BadParameter(f"{value!r} is not a YYYY-MM-DD date", param_hint=option) from error


def ready_database() -> None:
    """The embedded SQLite database upgrades itself on first use."""
    from worker.storage.migrate import ensure_schema

    ensure_schema()
