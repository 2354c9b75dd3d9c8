"""The project's own promises: README quick start, CI command, settings documented."""

from __future__ import annotations

import re
from pathlib import Path

from worker.settings import Settings, env_example

ROOT = Path(__file__).resolve().parent.parent


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the quick start has a sh code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_exactly_two_commands() -> None:
    assert len(quick_start_commands()) == 2


def test_ci_runs_the_readmes_test_command() -> None:
    test_command = quick_start_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_env_example_lists_every_setting() -> None:
    listed = set(re.findall(r"^RAILWATCH_([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    expected = {name.upper() for name in Settings.model_fields}
    assert listed == expected
    assert (ROOT / ".env.example").read_text() == env_example(), "run: python -m worker.settings > .env.example"
