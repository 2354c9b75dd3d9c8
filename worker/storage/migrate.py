"""Alembic, driven from code: ``railwatch db upgrade`` and the embedded first-use upgrade."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from worker.settings import get_settings
from worker.storage.db import get_engine, normalize_url

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    # '%' is interpolation syntax in alembic's ini-backed config.
    url = normalize_url(url or get_settings().database_url)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str | None = None, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def current_revision(url: str | None = None) -> str | None:
    with get_engine(url).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def ensure_schema(url: str | None = None) -> None:
    """Bring an embedded SQLite database to the latest schema on first use.

    PostgreSQL is upgraded explicitly (``railwatch db upgrade`` / the compose
    ``migrate`` service), so a deployment never migrates behind an operator's back.
    """
    url = normalize_url(url or get_settings().database_url)
    if url.startswith("sqlite") and current_revision(url) != head_revision():
        upgrade(url)
