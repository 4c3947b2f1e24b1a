"""Hosting gates on the real site in headless Chromium, served under a sub-path
as GitHub Pages serves a project site:

- no request leaves the site's own origin, when a page loads or searches
  (intranet-safe: no fonts, scripts or analytics from elsewhere);
- every page, every asset it loads and the search index are found under the
  sub-path: no 404 or failed request anywhere (the 404 page included).

The request log is shown able to fail: a third-party request is reported.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import SUB_PATH, first_result_for

pytestmark = pytest.mark.browser

MISSING = ["no/such/page/", "docker/no-such-page/deeper/"]  # answered with 404.html


class RequestLog:
    """Every request of a browser context, its response or failure. Requests
    for other origins are logged and then aborted, so none leaves the test."""

    def __init__(self, context, origin: str):
        self.origin = origin
        self.requests: list[str] = []
        self.responses: list[tuple[int, str]] = []
        self.failures: list[tuple[str, str]] = []
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("response", lambda response: self.responses.append((response.status, response.url)))
        context.on("requestfailed", lambda request: self.failures.append((request.url, request.failure)))
        context.route(lambda url: not self.is_local(url), lambda route: route.abort())

    def is_local(self, url: str) -> bool:
        # data: and blob: URLs are made in the page and never hit a network.
        return url.startswith((self.origin + "/", "data:", "blob:"))

    def foreign(self) -> list[str]:
        return [url for url in self.requests if not self.is_local(url)]

    def clear(self) -> None:
        self.requests.clear()
        self.responses.clear()
        self.failures.clear()


@pytest.fixture
def logged(browser, real_site):
    """A page whose context logs every request."""
    _, base_url, _ = real_site
    origin = base_url.rsplit(SUB_PATH, 1)[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    log = RequestLog(context, origin)
    yield context.new_page(), log
    context.close()


def site_paths(site_dir: Path) -> list[str]:
    return sorted("" if page.parent == site_dir else page.parent.relative_to(site_dir).as_posix() + "/"
                  for page in site_dir.rglob("index.html"))


def test_request_log_reports_third_party_requests(logged, real_site):
    """The gate can fail: a page that pulls a web font, an image and a script
    from elsewhere has all three reported (and aborted)."""
    _, base_url, _ = real_site
    page, log = logged
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    assert log.requests and not log.foreign(), log.foreign()
    with page.expect_event("requestfailed", lambda request: "cdn.example.com" in request.url):
        page.evaluate("""() => {
            const css = document.createElement('link'); css.rel = 'stylesheet';
            css.href = 'https://fonts.googleapis.com/css?family=Roboto'; document.head.append(css)
            const img = document.createElement('img'); img.src = 'https://www.example.com/pixel.png'
            document.body.append(img)
            const js = document.createElement('script'); js.src = 'https://cdn.example.com/analytics.js'
            document.body.append(js)
        }""")
    page.wait_for_load_state("networkidle")
    foreign = log.foreign()
    assert any(url.startswith("https://fonts.googleapis.com/") for url in foreign), foreign
    assert "https://www.example.com/pixel.png" in foreign, foreign
    assert "https://cdn.example.com/analytics.js" in foreign, foreign


def test_no_request_leaves_the_site(logged, real_site):
    _, base_url, _ = real_site
    page, log = logged
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    page.goto(base_url + "docker/cli/")
    page.wait_for_load_state("load")
    page.keyboard.press("/")
    page.keyboard.type("kubectl rollout undo")
    first_result_for(page, "kubectl rollout undo").click()  # a full page load of the result
    page.wait_for_url(re.compile(r"#kubectl-rollout-undo$"))
    page.wait_for_load_state("networkidle")
    assert any(url.endswith(SUB_PATH + "search/search_index.json") for url in log.requests), log.requests
    assert any("/kubernetes/kubectl/" in url for url in log.requests), log.requests
    assert not log.foreign(), log.foreign()


def test_every_page_and_asset_loads_under_the_sub_path(logged, real_site):
    site_dir, base_url, _ = real_site
    page, log = logged
    paths = site_paths(site_dir)
    assert len(paths) > 10, paths
    problems = []
    for path in paths + MISSING:
        log.clear()
        url = base_url + path
        response = page.goto(url)
        page.wait_for_load_state("networkidle")  # the search worker loads the index after load
        expected = 404 if path in MISSING else 200
        if response.status != expected:
            problems.append(f"{path or 'home'}: status {response.status}, expected {expected}")
        if path in MISSING and page.locator("h1").inner_text() != "Page not found":
            problems.append(f"{path}: not the site's 404 page")
        for status, requested in log.responses:
            if requested != url and status >= 400:
                problems.append(f"{path or 'home'}: {status} for {requested}")
        for requested, failure in log.failures:
            problems.append(f"{path or 'home'}: {requested} failed: {failure}")
        for requested in log.requests:
            if urlsplit(requested).scheme in ("http", "https") and not urlsplit(requested).path.startswith(SUB_PATH):
                problems.append(f"{path or 'home'}: {requested} is outside {SUB_PATH}")
        if not any(status == 200 and requested.endswith(SUB_PATH + "search/search_index.json")
                   for status, requested in log.responses):
            problems.append(f"{path or 'home'}: the search index was not loaded")
    assert not problems, "\n".join(problems)
