"""Layout figures of the real site's largest pages in headless Chromium:
page height at 1280x900 (and its ratio to the heights measured before the
cheat-sheet layout, benchmarks/data/layout-baseline-e417e75.json), height at
375 px, DOM element count and code blocks. Heights are the document's
scrollHeight once the page has loaded, as the baseline was measured."""

from __future__ import annotations

import json
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
BASELINE = Path(__file__).resolve().parent / "data" / "layout-baseline-e417e75.json"
WIDE, NARROW = (1280, 900), (375, 740)
# The pages issue #11 wants at most half as tall at 1280x900 (HEIGHT_RATIO_LIMIT).
TARGET_PAGES = ["docker/cli/", "kubernetes/kubectl/", "kubeflow/pipelines/"]
HEIGHT_RATIO_LIMIT = 0.5

FIGURES = """() => ({
  height: document.documentElement.scrollHeight,
  code_blocks: document.querySelectorAll('.md-content pre').length })"""
DOM_SIZE = "() => document.getElementsByTagName('*').length"
# Renders every block of the article as a reader who scrolled through it
# would: the blocks past the first screen start unrendered, as tall as their
# estimates (extensions/sizes.py), until they near the viewport.
SHOW_ALL = """() => new Promise(done => {
  const article = document.querySelector('article.md-content__inner');
  if (article) for (const block of article.children) block.classList.add('cs-shown');
  requestAnimationFrame(() => requestAnimationFrame(done)) })"""


def show_all(page) -> None:
    """Lay the article out in full (see SHOW_ALL)."""
    page.evaluate(SHOW_ALL)


def baseline() -> dict:
    """Page path ('docker/cli/') -> {'1280': {'height': ...}, '375': {...}}."""
    return json.loads(BASELINE.read_text(encoding="utf-8"))


def largest_pages(site_dir: Path, paths: list[str], count: int = 3) -> list[str]:
    """The `count` largest generated pages by HTML size, as 'docker/cli/'."""
    existing = [path for path in paths if (site_dir / path).is_file()]
    existing.sort(key=lambda path: (site_dir / path).stat().st_size, reverse=True)
    return [path[: -len("index.html")] for path in existing[:count]]


def _figures(browser, url: str, viewport: tuple[int, int], block: list[str]) -> dict:
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    for pattern in block:
        context.route(pattern, lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_load_state("load")
        # The DOM at start-up; the height once every block is shown.
        dom = page.evaluate(DOM_SIZE)
        show_all(page)
        return {**page.evaluate(FIGURES), "dom": dom}
    finally:
        context.close()


def measure_with(browser, base_url: str, pages: list[str], block: list[str] = ()) -> dict:
    """Figures of each page ('docker/cli/') of the site served at base_url, in
    a Playwright Chromium; `block` lists URL patterns not loaded (a test's
    way to see the gate fail)."""
    before = baseline()
    out: dict = {}
    for path in pages:
        wide = _figures(browser, base_url + path, WIDE, list(block))
        narrow = _figures(browser, base_url + path, NARROW, list(block))
        row = {"height_1280": wide["height"], "height_375": narrow["height"], "dom": wide["dom"],
               "code_blocks": wide["code_blocks"]}
        old = before.get(path)
        if old:
            row["baseline_height_1280"] = old["1280"]["height"]
            row["ratio_1280"] = round(wide["height"] / old["1280"]["height"], 3)
            row["baseline_height_375"] = old["375"]["height"]
            row["ratio_375"] = round(narrow["height"] / old["375"]["height"], 3)
            row["baseline_dom"] = old["1280"]["dom"]
        out[path] = row
    return out


def measure(base_url: str, pages: list[str]) -> dict:
    """measure_with, in a Chromium of its own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            return measure_with(browser, base_url, pages)
        finally:
            browser.close()


if __name__ == "__main__":  # python -m benchmarks.layout http://127.0.0.1:8000/mlops-cheatsheet/ docker/cli/ ...
    import sys

    print(json.dumps(measure(sys.argv[1], sys.argv[2:]), indent=1))
