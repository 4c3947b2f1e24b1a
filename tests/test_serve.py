"""`mkdocs serve` serves the generated pages and rebuilds when a YAML file changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import copy_project

PAGE = (Path(__file__).parent / "fixtures" / "sites" / "page.yml").read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    body = None
    while time.monotonic() < deadline:
        body = fetch(url)
        if body and text in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} never contained {text!r}; last body starts {str(body)[:200]!r}")


def test_serve_rebuilds_when_yaml_changes(tmp_path):
    project = copy_project(tmp_path, docs={"index.md": "# Home\n", "tool/page.yml": PAGE})
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/tool/page/"
        wait_for(url, "Do the thing called tool-run")
        source = project / "docs" / "tool" / "page.yml"
        source.write_text(PAGE.replace("Do the thing called tool-run", "Do the edited thing"), encoding="utf-8")
        try:
            wait_for(url, "Do the edited thing")
        except AssertionError:
            server.terminate()
            print(server.communicate(timeout=30)[0])
            raise
        assert not list((project / "docs").rglob("*.md"))[1:]  # only index.md: nothing generated on disk
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "Traceback" not in output
