"""``railwatch db``: schema migrations."""

from __future__ import annotations

import typer

app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)


@app.command("upgrade")
def upgrade_command(revision: str = typer.Argument("head")) -> None:
    """Apply migrations up to REVISION (default: the latest)."""
    from worker.storage.migrate import current_revision, upgrade

    upgrade(revision=revision)
    typer.echo(f"database at revision {current_revision()}")


@app.command("current")
def current_command() -> None:
    """Print the database's revision and the latest one."""
    from worker.storage.migrate import current_revision, head_revision

    typer.echo(f"current: {current_revision()}  head: {head_revision()}")
