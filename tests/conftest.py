"""Shared fixtures: real site builds, an HTTP server that serves a build the
way GitHub Pages serves a project site, and Debian's headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SUB_PATH = "/mlops-cheatsheet/"
CHROMIUM = "/usr/bin/chromium"


def mkdocs_build(project: Path, site_dir: Path, site_url: str | None = None, strict: bool = True,
                 config_file: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    """Run a real `mkdocs build` in a subprocess, as a user would."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / config_file), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files below a root; a missing path gets the site's 404.html with
    status 404, as GitHub Pages does for a project site."""

    not_found_page: Path | None = None

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def send_error(self, code, message=None, explain=None):
        if code == 404 and self.not_found_page and self.not_found_page.exists():
            body = self.not_found_page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


class Server:
    def __init__(self, root: Path, not_found_page: Path | None):
        handler = type("Handler", (PagesHandler,), {"not_found_page": not_found_page})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def served_root(tmp_path_factory):
    """An empty web root with a server on a free port; sites are built into it."""
    root = tmp_path_factory.mktemp("webroot")
    server = Server(root, root / SUB_PATH.strip("/") / "404.html")
    yield root, server
    server.close()


@pytest.fixture(scope="session")
def real_site(served_root):
    """The real site, built strictly under the sub-path it is served at."""
    root, server = served_root
    site_dir = root / SUB_PATH.strip("/")
    result = mkdocs_build(ROOT, site_dir, site_url=server.origin + SUB_PATH)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir, server.origin + SUB_PATH, result


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/setup.sh test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, real_site):
    _, base_url, _ = real_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rsplit(SUB_PATH, 1)[0])
    page = context.new_page()
    yield page
    context.close()


def first_result_for(page, query: str):
    """The first search result once the results are those of the whole query.
    Typing shows results for each prefix first and then replaces them, which
    would drop a focus or a click aimed at them; search.highlight puts the
    query into each result's link, which tells whose results are shown."""
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    first.wait_for(state="visible", timeout=30_000)  # the worker indexes first
    page.wait_for_function(
        "query => { const a = document.querySelector('.md-search-result__item a.md-search-result__link');"
        " return a && new URL(a.href).searchParams.get('h') === query }",
        arg=query.strip(), timeout=30_000)
    return first


def copy_project(tmp_path: Path, docs: dict[str, str] | None = None) -> Path:
    """A copy of the project's site config and theme with the given docs/ tree."""
    project = tmp_path / "project"
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    if docs is None:
        shutil.copytree(ROOT / "docs", project / "docs")
        (project / "tools").mkdir()
        shutil.copy(ROOT / "tools" / "pins.toml", project / "tools" / "pins.toml")
    else:
        # The real nav names the real pages; a fixture tree gets MkDocs' own,
        # and no pins: its pages are checked against no tools.
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8").split("\nnav:")[0] + "\n"
        config.write_text(text.replace("\n  - cheatsheet\n", "\n  - cheatsheet:\n      pins: ''\n", 1), encoding="utf-8")
        for name, text in docs.items():
            path = project / "docs" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return project
