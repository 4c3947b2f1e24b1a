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

import ast
import gzip
import statistics
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from . import search_quality

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
BROWSER_TESTS = ROOT / "tests" / "test_browser.py"
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


def browser_test_searches() -> dict[str, str]:
    """The name and flag queries of tests/test_browser.py (SEARCHES), read
    from its source so that the benchmark and the test share one list."""
    tree = ast.parse(BROWSER_TESTS.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "SEARCHES" for t in node.targets):
            return ast.literal_eval(node.value)
    raise ValueError(f"no SEARCHES in {BROWSER_TESTS}")


def _landing(href: str) -> str:
    parts = urlsplit(href)
    path = parts.path.split(search_quality.SUB_PATH, 1)[1] if search_quality.SUB_PATH in parts.path \
        else parts.path.lstrip("/")
    return f"{path}#{parts.fragment}" if parts.fragment else path


def quality(base_url: str) -> dict:
    """top-1/3/10 of the task suite, the held-out queries, and the name and
    flag queries (which must land on their exact anchor, option rows included)."""
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for key, path in (("suite", search_quality.SUITE), ("held_out", search_quality.HELD_OUT)):
                page = browser.new_page()
                out[key] = search_quality.figures(search_quality.run(page, base_url, search_quality.load(path)))
                page.close()
            searches = browser_test_searches()
            page = browser.new_page()
            field = search_quality.open_search(page, base_url)
            rows = {"names": [], "flags": []}
            for query, anchor in searches.items():
                words = query.split()
                if not any(word.startswith("-") for word in words) and len(words) > 3:
                    continue  # a task, counted in the suite
                landings = [_landing(href) for href in search_quality.ask(page, field, query)]
                rank = landings.index(anchor) + 1 if anchor in landings else None
                kind = "flags" if any(word.startswith("-") for word in words) else "names"
                rows[kind].append({"q": query, "rank": rank, "want": anchor, "got": landings[:1]})
            page.close()
            for kind, found in rows.items():
                out[kind] = {
                    "queries": len(found),
                    **{f"top{k}": round(sum(1 for r in found if r["rank"] and r["rank"] <= k) / len(found), 3)
                       for k in (1, 3, 10)},
                    "misses": [r for r in found if r["rank"] != 1],
                }
        finally:
            browser.close()
    return out


def _gzip(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


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
    materials = sorted((site_dir / "assets/javascripts/workers").glob("search.*.min.js"))
    files_now = {
        "search/search_index.json": (site_dir / "search/search_index.json").read_bytes(),
        "search/cheatsheet.json": (site_dir / "search/cheatsheet.json").read_bytes(),
        WORKER.split("overrides/", 1)[1]: (site_dir / WORKER.split("overrides/", 1)[1]).read_bytes(),
    }
    previous_worker = _previous_worker()
    files_before = {
        "search/search_index.json": files_now["search/search_index.json"],
        materials[0].relative_to(site_dir).as_posix(): materials[0].read_bytes(),
    }
    if previous_worker is not None:
        files_before[f"{WORKER} at {PREVIOUS_WORKER_COMMIT}"] = previous_worker

    def total(files: dict[str, bytes]) -> dict:
        return {"bytes": sum(len(data) for data in files.values()),
                "gzip_bytes": sum(_gzip(data) for data in files.values()),
                "files": {name: {"bytes": len(data), "gzip_bytes": _gzip(data)} for name, data in files.items()}}

    now, before = total(files_now), total(files_before)
    return {"now": now, "before": before, "ratio": round(now["bytes"] / before["bytes"], 3),
            "ratio_gzip": round(now["gzip_bytes"] / before["gzip_bytes"], 3),
            "previous_worker_found": previous_worker is not None}
