"""Time to the first search result in headless Chromium (Debian's, never a
downloaded one): from navigation start, through loading the page and the
search index, to the first `.md-search-result__item` for a query entered as
soon as the page has loaded. Also, once: the time Material's worker takes to
index the full text, which a large site builds in the background. Each run uses a fresh browser context, so
nothing comes from the HTTP cache."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
WORKER = Path(__file__).resolve().parent.parent / "overrides/assets/javascripts/workers/cheatsheet-search.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# Runs in every page before its own scripts: note when the first result shows.
_OBSERVER = """
(() => {
  const seen = () => {
    if (window.__csFirstResult) return
    const item = document.querySelector(".md-search-result__item")
    if (item) {
      window.__csFirstResult = performance.now()
      const link = item.querySelector("a")
      window.__csFirstResultHref = link ? link.getAttribute("href") : ""
    }
  }
  new MutationObserver(seen).observe(document, {childList: true, subtree: true})
  // Note when the search worker reports its index ready (Material's READY = 1).
  const NativeWorker = window.Worker
  window.Worker = function (url, options) {
    const worker = new NativeWorker(url, options)
    worker.addEventListener("message", (event) => {
      if (event.data && event.data.type === 1 && !window.__csIndexReady)
        window.__csIndexReady = performance.now()
    })
    return worker
  }
  window.Worker.prototype = NativeWorker.prototype
})()
"""


def staged_from() -> int:
    """The index size from which our worker answers from titles first."""
    match = re.search(r"var STAGE_FROM = (\d+)", WORKER.read_text(encoding="utf-8"))
    if not match:
        raise ValueError(f"no STAGE_FROM in {WORKER}")
    return int(match.group(1))


def first_result(url: str, query: str, runs: int, timeout_s: float = 180) -> dict:
    """Median milliseconds from navigation start to the first result."""
    from playwright.sync_api import sync_playwright

    samples = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                try:
                    page = context.new_page()
                    page.add_init_script(_OBSERVER)
                    page.goto(url, wait_until="load", timeout=timeout_s * 1000)
                    loaded = page.evaluate("performance.now()")
                    search = page.locator("input.md-search__input")
                    # The whole query at once, then a keyup (Material searches on
                    # keyup): results for a partial query would not count.
                    search.fill(query)
                    search.press("End")
                    page.wait_for_function("window.__csFirstResult", timeout=timeout_s * 1000, polling=50)
                    ready = page.evaluate("window.__csIndexReady || null")
                    samples.append({
                        "loaded_ms": round(loaded, 1),
                        "index_ready_ms": None if ready is None else round(ready, 1),
                        "first_result_ms": round(page.evaluate("window.__csFirstResult"), 1),
                        "first_result_href": page.evaluate("window.__csFirstResultHref"),
                    })
                finally:
                    context.close()
            # Once, in a fresh context: what of the index time is fetching and
            # parsing the JSON, and how long Material's worker takes to index
            # the full text (on a large site our worker answers from titles
            # first and builds that index in the background).
            context = browser.new_context()
            try:
                page = context.new_page()
                page.goto(url, wait_until="load", timeout=timeout_s * 1000)
                timings = page.evaluate("""async () => {
                    const config = JSON.parse(document.getElementById("__config").textContent)
                    const start = performance.now()
                    const response = await fetch(new URL(config.base + "/search/search_index.json", location.href))
                    const index = await response.json()
                    const parsed = performance.now()
                    const material = new URL(config.search, location.href).searchParams.get("material")
                    const worker = new Worker(material || config.search)
                    await new Promise((resolve) => {
                        worker.onmessage = resolve
                        worker.postMessage({type: 0, data: {config: index.config, docs: index.docs,
                                                            options: {suggest: false}}})
                    })
                    worker.terminate()
                    return {fetch_parse: parsed - start, full_index: performance.now() - parsed,
                            documents: index.docs.length}
                }""")
            finally:
                context.close()
        finally:
            browser.close()
    return {
        "url": url,
        "query": query,
        "runs": runs,
        "first_result_ms": statistics.median(sample["first_result_ms"] for sample in samples),
        "loaded_ms": statistics.median(sample["loaded_ms"] for sample in samples),
        "index_ready_ms": statistics.median(sample["index_ready_ms"] or 0 for sample in samples),
        "index_fetch_parse_ms": round(timings["fetch_parse"], 1),
        "full_text_index_ms": round(timings["full_index"], 1),
        "documents": timings["documents"],
        "staged": timings["documents"] >= staged_from(),
        "samples": samples,
    }
