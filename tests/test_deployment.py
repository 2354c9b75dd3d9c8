"""The compose file and Dockerfile against the code: commands exist, settings names match."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from typer.main import get_command

from worker.cli import app
from worker.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def railwatch_commands() -> set[tuple[str, ...]]:
    """Every command path of the railwatch CLI, e.g. ('db', 'upgrade')."""
    found: set[tuple[str, ...]] = set()

    def walk(command, path: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
        found.add(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(get_command(app), ())
    return found


def test_every_required_service_is_there_with_restart_and_health() -> None:
    assert {"redis", "postgres", "migrate", "worker", "crawler", "beat"} <= set(SERVICES)
    for name in ("redis", "postgres", "worker", "crawler", "beat"):
        service = SERVICES[name]
        assert "healthcheck" in service, name
        assert service.get("restart") == "unless-stopped", name
    assert SERVICES["migrate"]["restart"] == "no"
    assert "postgres-data" in COMPOSE["volumes"]


@pytest.mark.parametrize("name", [n for n in SERVICES if "command" in SERVICES[n]])
def test_service_commands_exist_in_the_code(name: str) -> None:
    command = SERVICES[name]["command"]
    program, args = command[0], command[1:]
    if program == "railwatch":
        words = tuple(a for a in args if not a.startswith("-"))
        assert any(words[: len(path)] == path for path in railwatch_commands() if path), command
    elif program == "celery":
        assert args[:2] == ["-A", "worker.celery_app"]
        from worker.celery_app import QUEUE_ALERTS, QUEUE_CRAWL, QUEUE_INGEST

        if "-Q" in args:
            queues = set(args[args.index("-Q") + 1].split(","))
            assert queues <= {QUEUE_INGEST, QUEUE_ALERTS, QUEUE_CRAWL}
    elif program == "redis-server":
        pass
    else:
        pytest.fail(f"unexpected program {program} in {name}")


def test_worker_and_crawler_queues_cover_every_queue() -> None:
    def queues(name: str) -> set[str]:
        args = SERVICES[name]["command"]
        return set(args[args.index("-Q") + 1].split(","))

    assert queues("worker") == {"ingest", "alerts"}
    assert queues("crawler") == {"crawl"}


def test_environment_names_match_the_settings() -> None:
    known = {f"RAILWATCH_{name.upper()}" for name in Settings.model_fields}
    anchor = COMPOSE["x-railwatch"]
    for variable in anchor["environment"]:
        assert variable in known, variable


def test_no_secret_is_written_in_the_file() -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    assert "${POSTGRES_PASSWORD:?" in text
    for word in ("tgram://", "mailtos://", "password=", "PASSWORD: railwatch"):
        assert word not in text


def test_dockerfile_runs_as_a_non_root_user_with_cached_dependencies() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "python:3.11-slim" in dockerfile
    assert "USER railwatch" in dockerfile
    # dependencies are installed before the source is copied
    assert dockerfile.index("pip install \".[monitoring]\"") < dockerfile.index("COPY worker ./worker")


def test_compose_config_passes_where_docker_compose_exists(tmp_path: Path) -> None:
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "compose", "version"], capture_output=True).returncode:
        pytest.skip("docker compose is not installed here (the engine-free checks above still ran)")
    (tmp_path / ".env").write_text((ROOT / ".env.example").read_text() + "\nPOSTGRES_PASSWORD=test\n")
    shutil.copy(ROOT / "docker-compose.yml", tmp_path)
    done = subprocess.run([docker, "compose", "config", "--quiet"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
