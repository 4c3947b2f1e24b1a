"""The Makefile: `make serve` on a busy port says so in one line before
setting anything up, and PORT= picks another port."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-s", *arguments], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_a_busy_port_gives_one_clear_message_and_no_traceback():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        started = time.monotonic()
        result = make("serve", f"PORT={port}")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert (f"make serve: port {port} is already in use (another `make serve`?). "
            f"Stop it, or pick another port: make serve PORT={port + 1}") in result.stderr
    assert time.monotonic() - started < 30  # refused before any setup or build


def test_port_picks_the_port_mkdocs_serves_on():
    result = subprocess.run(["make", "-n", "serve", "PORT=8123"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "mkdocs serve -a 127.0.0.1:8123" in result.stdout
    default = subprocess.run(["make", "-n", "serve"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "mkdocs serve -a 127.0.0.1:8000" in default.stdout


def test_a_port_that_is_not_a_number_is_refused():
    result = make("serve", "PORT=eighty")
    assert result.returncode != 0
    assert "PORT='eighty' is not a port number" in result.stderr


def test_check_takes_one_file():
    result = subprocess.run(["make", "-n", "check", "FILE=docs/docker/cli.yml"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert "-m cheatsheet check docs/docker/cli.yml" in result.stdout


def bare_check_commands(text: str) -> list[str]:
    """Lines that tell readers to run `python -m cheatsheet` outside the venv:
    that fails with "No module named cheatsheet" on a fresh clone."""
    import re

    return [line for line in text.splitlines() if re.search(r"(?<![/\w])python3? -m cheatsheet", line)]


def test_the_docs_give_a_check_command_that_works():
    for name in ("README.md", "docs/contributing.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "make check" in text, name
        assert bare_check_commands(text) == [], name
    assert bare_check_commands("Validate: `python -m cheatsheet check docs`") != []
    assert bare_check_commands("Validate: `.venv/bin/python -m cheatsheet check`") == []
