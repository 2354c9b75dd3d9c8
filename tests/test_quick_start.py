"""The README's two quick-start commands, run as written in a fresh virtual environment
on a copy of the project (slow: two installs from the package registry)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_project import ROOT, quick_start_commands

INSIDE = "RAILWATCH_INSIDE_QUICK_START"


def project_copy(target: Path) -> Path:
    """What a fresh clone holds: the tracked files (and new ones not yet committed)."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                            check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.mark.slow
@pytest.mark.skipif(bool(os.environ.get(INSIDE)), reason="this is the quick start's own test run")
def test_the_two_quick_start_commands_succeed_in_a_fresh_virtual_environment(tmp_path: Path) -> None:
    install, test = quick_start_commands()
    checkout = project_copy(tmp_path / "railwatch")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("RAILWATCH_")},
           "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", "VIRTUAL_ENV": str(venv), INSIDE: "1",
           "RAILWATCH_REQUIRE_SERVICES": os.environ.get("RAILWATCH_REQUIRE_SERVICES", "0"),
           # the inner run is the suite's fast, service-free part: the outer run has the rest,
           # and its session workers must not meet the inner run's on the same Redis databases
           "PYTEST_ADDOPTS": "-m 'not slow and not services' -q -p no:cacheprovider"}
    env.pop("PYTHONPATH", None)

    first = subprocess.run(["bash", "-c", install], cwd=checkout, env=env, capture_output=True, text=True,
                           timeout=900)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert "demo finished" in first.stderr and (checkout / "railwatch.db").exists(), first.stderr[-3000:]

    second = subprocess.run(["bash", "-c", test], cwd=checkout, env=env, capture_output=True, text=True,
                            timeout=1200)
    assert second.returncode == 0, second.stdout[-5000:] + second.stderr[-2000:]
    assert " passed" in second.stdout.splitlines()[-1], second.stdout[-2000:]
