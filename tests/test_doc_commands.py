"""Every command line the README and docs/ show in a shell block is run here, in a project made
in tmp_path, or is listed in ``NOT_RUN`` with the reason it is an example this test does not
run. A command line added to the docs and in neither place fails the test."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, STEM, l10n_ok

DOCS = [REPO / "README.md"] + sorted(p for p in (REPO / "docs").glob("*.md") if p.name != "cli.md")
SHELL_BLOCKS = ("sh", "bash", "console", "shell")

# Command lines (as the docs write them, comment left out) → why this test does not run them.
NOT_RUN = {
    "make": "installs the package into .venv (network); the steps it runs are run below",
    "make test": "the test suite itself",
    "l10n models install translate-en_ko-1_1.argosmodel translate-en_zh-1_9.argosmodel "
    "translate-en_ms-1_9.argosmodel": "needs the model files (hundreds of MB, downloaded)",
    "l10n models install translate-en_zh-1_9.argosmodel translate-en_ms-1_9.argosmodel": (
        "needs the model files"
    ),
    "l10n models install translate-en_ko-1_1.argosmodel": "needs a damaged model file",
    "l10n translate --lang zh_Hans --verbose": "run below in the project, as `l10n translate`",
    "pip install '.[cluster]'": "installs packages (network); the tests run with it installed",
    "ray start --head --num-cpus 8 --include-dashboard=false": (
        "starts a Ray cluster; tests/test_cluster.py starts its own on loopback"
    ),
    "ray stop": "stops the Ray cluster of the line before",
    "ray start --head --port 6379 --ray-client-server-port 10001 --include-dashboard=false": (
        "a cluster's head node"
    ),
    "ray start --address head.example:6379 --num-cpus 16": "a cluster's worker node",
    "ray start --address head.example:6379 --num-gpus 1": "a cluster's GPU node",
}
# Benchmarks take minutes: their --help is run, so that a script that no longer starts fails.
BENCHMARK = re.compile(r"^\.venv/bin/python (bench/\S+\.py)\b")


def documented_commands() -> list[tuple[str, str]]:
    """(doc, command line) for every command of a shell block: in a block with ``$`` prompts
    the prompted lines (the others are output), else every line; comments left out."""
    found = []
    for doc in DOCS:
        for block in _shell_blocks(doc.read_text(encoding="utf-8")):
            prompted = any(line.startswith("$ ") for line in block)
            for line in block:
                if prompted and not line.startswith("$ "):
                    continue
                command = re.split(r"\s+#\s", line.removeprefix("$ "))[0].strip()
                if command and not command.startswith("#"):
                    found.append((doc.name, command))
    return found


def _shell_blocks(text: str) -> list[list[str]]:
    """The lines of each fenced block marked as a shell session (```sh and the like)."""
    blocks: list[list[str]] = []
    fence: str | None = None  # the info string of the block we are in
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            if fence is None:
                fence = stripped[3:].strip()
                blocks.append([])
            else:
                if fence not in SHELL_BLOCKS:
                    blocks.pop()
                fence = None
        elif fence is not None:
            blocks[-1].append(line)
    return blocks


def runnable() -> list[str]:
    """The documented l10n command lines this test runs, in the order the docs show them."""
    commands = dict.fromkeys(c for _, c in documented_commands() if c.startswith("l10n "))
    return [c for c in commands if c not in NOT_RUN]


def test_every_documented_command_is_run_or_said_not_to_be():
    commands = {c for _, c in documented_commands()}
    assert len(commands) > 20, "the docs show almost no commands: is the parsing broken?"
    unknown = [
        f"{doc}: {c}"
        for doc, c in documented_commands()
        if c not in NOT_RUN and not c.startswith("l10n ") and not BENCHMARK.match(c)
    ]
    assert not unknown, "run these in tests/test_doc_commands.py or add them to NOT_RUN"
    stale = set(NOT_RUN) - commands
    assert not stale, f"NOT_RUN names commands the docs no longer show: {stale}"


@pytest.fixture
def shell(project, argos_store, tmp_path):
    """Runs a command line in bash inside the seed project (extracted and updated), with
    ``l10n`` on PATH; returns the completed process."""
    l10n_ok("extract")
    l10n_ok("update")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "l10n"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m pipeline "$@"\n')
    shim.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(REPO),
    }

    def run(command: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", "-c", command.replace("<doc>", STEM)],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


def test_every_documented_l10n_command_runs(shell):
    failed = []
    for command in runnable():
        done = shell(command)
        # 1 is `check`'s and `format --check`'s "not ready", an answer, not a failure
        if done.returncode not in (0, 1) or "Traceback" in done.stderr:
            failed.append(f"{command}: exit {done.returncode}: {done.stderr.strip()[-300:]}")
    assert not failed, "\n".join(failed)
    assert len(runnable()) >= 12


@pytest.mark.parametrize(
    "script",
    sorted({BENCHMARK.match(c).group(1) for _, c in documented_commands() if BENCHMARK.match(c)}),
)
def test_every_documented_benchmark_starts(script):
    done = subprocess.run(
        [sys.executable, str(REPO / script), "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout


def test_documented_segment_command_names_a_source_that_exists():
    commands = [c for _, c in documented_commands() if c.startswith("l10n segment ")]
    for command in commands:
        assert (REPO / command.split()[2]).exists(), command
    assert Path(REPO / "source" / f"{STEM}.txt").exists()


def test_the_pre_commit_hook_s_fix_command_runs_in_bash(shell):
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    [command] = re.findall(r"Fix them with `([^`]+)`", text)
    done = shell(command)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
