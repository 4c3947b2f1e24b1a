"""Search in headless Chromium (Debian's, never a downloaded one).

- Time to the first result: from navigation start, through loading the page,
  its search index and the search data, to the first `.md-search-result__item`
  for a query entered as soon as the page has loaded. Each run uses a fresh
  browser context, so nothing comes from the HTTP cache. Also, once: how long
  the search worker takes from start to ready (fetching cheatsheet.json and
  indexing it).
- Quality: the task-query suite, the held-out queries, and the name and flag
  queries of tests/test_browser.py, typed into the real search box
  (benchmarks/search_quality.py): top-1, top-3 and top-10.
- Payload: the bytes a visitor's browser fetches for search, against the
  design it replaced (Material's worker with our thin wrapper), on the same
  site.
"""

from __future__ import annotations

import gzip
import statistics
import subprocess
from pathlib import Path

from . import search_quality

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# The search worker before our own ranking: a wrapper that loaded Material's.
PREVIOUS_WORKER_COMMIT = "ecae3b2"
WORKER = "overrides/assets/javascripts/workers/cheatsheet-search.js"

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

# From a fresh worker to READY: fetching and indexing the search data, given
# Material's index as the page sends it; and how long the page takes to fetch
# and parse that index.
_WORKER_TIMINGS = """async () => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const start = performance.now()
  const response = await fetch(new URL(config.base + "/search/search_index.json", location.href))
  const index = await response.json()
  const parsed = performance.now()
  const worker = new Worker(config.search)
  await new Promise((resolve) => {
    worker.onmessage = (event) => { if (event.data.type === 1) resolve() }
    worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}})
  })
  const ready = performance.now()
  worker.terminate()
  return {fetch_parse: parsed - start, worker_ready: ready - parsed, documents: index.docs.length}
}"""


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
            context = browser.new_context()
            try:
                page = context.new_page()
                page.goto(url, wait_until="load", timeout=timeout_s * 1000)
                timings = page.evaluate(_WORKER_TIMINGS)
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
        "worker_ready_ms": round(timings["worker_ready"], 1),
        "documents": timings["documents"],
        "samples": samples,
    }


browser_test_searches = search_quality.browser_test_searches


def quality(base_url: str, landings: str = search_quality.LANDINGS) -> dict:
    """top-1/3/10 of the task suite, the held-out queries, and the name and
    flag queries (which must land on their exact anchor, option rows included),
    typed into the real search box (search_quality.evaluate). `landings` reads
    the result list (search_quality.SECTION_LANDINGS for Material's worker)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            field = search_quality.open_search(page, base_url)
            return search_quality.evaluate(lambda text: search_quality.ask(page, field, text, landings=landings))
        finally:
            browser.close()


def _gzip(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def bytes_of(files: dict[str, bytes]) -> dict:
    """Raw and gzip bytes of the files a browser fetches (a file already
    compressed, as Pagefind's are, counts as sent)."""
    sizes = {name: {"bytes": len(data), "gzip_bytes": min(len(data), _gzip(data))} for name, data in files.items()}
    return {"bytes": sum(size["bytes"] for size in sizes.values()),
            "gzip_bytes": sum(size["gzip_bytes"] for size in sizes.values()), "files": sizes}


def material_files(site_dir: Path) -> dict[str, bytes]:
    """What Material's own search fetches: its whole index (which our build
    keeps as material_index.json, giving the page one without the entries)
    and its worker."""
    site_dir = Path(site_dir)
    worker = sorted((site_dir / "assets/javascripts/workers").glob("search.*.min.js"))[0]
    whole = site_dir / "search/material_index.json"
    return {"search/search_index.json": (whole if whole.is_file() else site_dir / "search/search_index.json").read_bytes(),
            worker.relative_to(site_dir).as_posix(): worker.read_bytes()}


def _previous_worker() -> bytes | None:
    try:
        return subprocess.run(["git", "show", f"{PREVIOUS_WORKER_COMMIT}:{WORKER}"], cwd=ROOT, capture_output=True,
                              check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def payload(site_dir: Path) -> dict:
    """Bytes fetched for search: now (Material's index, our data, our worker)
    against the replaced design on the same site (Material's index, Material's
    worker, the wrapper that loaded it)."""
    site_dir = Path(site_dir)
    files_now = {
        "search/search_index.json": (site_dir / "search/search_index.json").read_bytes(),
        "search/cheatsheet.json": (site_dir / "search/cheatsheet.json").read_bytes(),
        WORKER.split("overrides/", 1)[1]: (site_dir / WORKER.split("overrides/", 1)[1]).read_bytes(),
    }
    previous_worker = _previous_worker()
    files_before = material_files(site_dir)
    if previous_worker is not None:
        files_before[f"{WORKER} at {PREVIOUS_WORKER_COMMIT}"] = previous_worker

    now, before = bytes_of(files_now), bytes_of(files_before)
    return {"now": now, "before": before, "ratio": round(now["bytes"] / before["bytes"], 3),
            "ratio_gzip": round(now["gzip_bytes"] / before["gzip_bytes"], 3),
            "previous_worker_found": previous_worker is not None}
