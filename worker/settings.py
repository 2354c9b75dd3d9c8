"""The one settings object: environment variables prefixed ``RAILWATCH_`` and an optional ``.env``.

Every knob of every component lives here so that nothing reads ``os.environ`` on
its own. Defaults are the embedded mode: a SQLite file in the working directory
and no broker (tasks run in-process).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="RAILWATCH_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    # --- storage and queues -------------------------------------------------
    database_url: str = Field(
        default="sqlite:///railwatch.db",
        description="SQLAlchemy URL. PostgreSQL: postgresql+psycopg://user@host/db",
    )
    broker_url: str | None = Field(
        default=None,
        description="Celery broker (redis://host:6379/0). Unset: tasks run in-process.",
    )
    result_backend: str | None = Field(
        default=None,
        description="Celery result backend; defaults to the broker URL when that is Redis.",
    )
    task_time_limit: int = Field(default=300, description="Hard limit per task, seconds.")
    task_soft_time_limit: int = Field(default=240, description="Soft limit per task, seconds.")
    task_max_retries: int = Field(default=8, description="Retries of a task on transient errors.")
    worker_max_tasks_per_child: int = Field(default=200)
    worker_max_memory_per_child_kb: int = Field(default=1_000_000)

    # --- ingesting ---------------------------------------------------------
    max_page_bytes: int = Field(
        default=16 * 1024 * 1024,
        description="Pages larger than this are refused (crawler) or rejected (ingest).",
    )
    min_text_chars: int = Field(
        default=200, description="Cleaned text shorter than this is not an article."
    )

    # --- crawling ----------------------------------------------------------
    user_agent: str = Field(default="railwatch/0.1 (+{contact_url})")
    contact_url: str = Field(default="https://github.com/railwatch/railwatch")
    crawl_lookback_days: int = Field(
        default=3, description="Without --since, a crawl looks back this many days."
    )
    crawl_time_limit: int = Field(default=3600, description="Seconds a crawl may run.")
    crawl_lock_ttl: int = Field(
        default=60, ge=3,
        description="Seconds a source's crawl lock outlives a holder that died (renewed while it crawls).",
    )
    crawl_concurrency_per_domain: int = Field(default=2)
    crawl_download_delay: float = Field(default=1.0, description="Seconds between requests.")
    crawl_autothrottle: bool = Field(default=True)

    # --- alerts ------------------------------------------------------------
    apprise_urls: SecretStr | None = Field(
        default=None,
        description="Delivery targets, apprise URLs separated by spaces or commas.",
    )
    apprise_config: Path | None = Field(
        default=None, description="An apprise YAML/text config file with the targets."
    )
    telegram_api_url: str | None = Field(
        default=None,
        description="Telegram Bot API base for a self-hosted telegram-bot-api server (…/bot); unset: Telegram's.",
    )
    rules_file: Path | None = Field(
        default=None, description="Alert rules YAML; unset means the documented defaults."
    )
    alert_horizon_days: int = Field(
        default=30, description="Articles older than this build history without alerting."
    )
    grouping_wait_seconds: int = Field(
        default=120, description="Wait before the first send, to collect other outlets."
    )
    delivery_max_attempts: int = Field(default=8, description="Sends of one delivery before it is dead-lettered.")
    delivery_backoff_seconds: float = Field(default=30.0, description="First retry delay; doubles each time.")
    delivery_backoff_cap_seconds: float = Field(default=3600.0, description="Longest wait between retries.")
    delivery_lease_seconds: int = Field(
        default=300, description="A send not confirmed within this is treated as a crash (outcome unknown)."
    )

    # --- operations ---------------------------------------------------------
    log_level: str = Field(default="INFO")
    log_json: bool | None = Field(
        default=None, description="JSON logs; unset means JSON when stderr is not a TTY."
    )
    require_services: bool = Field(
        default=False,
        description="Tests: fail instead of skip when PostgreSQL or Redis is missing (CI).",
    )
    test_postgres_url: str = Field(default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    test_redis_url: str = Field(default="redis://127.0.0.1:6379/15")

    @field_validator("broker_url", "result_backend", "apprise_urls", "apprise_config", "rules_file", "telegram_api_url",
                     "log_json", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def in_process(self) -> bool:
        """True when there is no broker: tasks are plain function calls."""
        return self.broker_url is None

    @property
    def effective_result_backend(self) -> str | None:
        if self.result_backend:
            return self.result_backend
        if self.broker_url and self.broker_url.startswith(("redis://", "rediss://")):
            return self.broker_url
        return None

    @property
    def effective_user_agent(self) -> str:
        return self.user_agent.format(contact_url=self.contact_url)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def reset_settings() -> None:
    """Forget the cached settings (tests change the environment between cases)."""
    get_settings.cache_clear()


def env_example() -> str:
    """The text of ``.env.example``: every setting with its description and default.

    Regenerate with ``python -m worker.settings > .env.example``.
    """
    lines = [
        "# Every railwatch setting, with its default. Copy to .env and edit what you need.",
        "# Secrets (bot tokens, SMTP passwords inside RAILWATCH_APPRISE_URLS) belong in the",
        "# environment or .env, never in a committed file.",
        "",
        "# docker-compose only: the PostgreSQL password of the bundled database.",
        "# POSTGRES_PASSWORD=change-me",
        "",
    ]
    for name, field in Settings.model_fields.items():
        default = field.default
        if isinstance(default, SecretStr):
            default = default.get_secret_value()
        value = "" if default is None else ("1" if default is True else "0" if default is False else str(default))
        lines += [f"# {field.description or name.replace('_', ' ')}", f"RAILWATCH_{name.upper()}={value}", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(env_example(), end="")
