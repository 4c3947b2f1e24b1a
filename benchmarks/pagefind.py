"""Pagefind, measured as an alternative search engine (never a site dependency).

- Installed for the benchmark only: PyPI's `pagefind-bin` at PAGEFIND_VERSION,
  into its own venv under .tools/bench/ with the project's pinned uv.
- Indexed from a built site after `mkdocs build`, as Pagefind is meant to be
  used: the pages Material's own index holds (not the print editions or the
  404 page), each page's `article.md-content__inner` (not the navigation),
  without the headings' permalink signs or what Material's index leaves out
  (`data-search-exclude`: the quick-reference lists). Every heading with an id (each entry
  is an h3) becomes a sub-result.
- Queried through its JS API in Chromium on the locally served site:
  `pagefind.search(q)`, then `.data()` of each page result. The landings of a
  query are the sub-results of each page result in page-score order, and
  within a page by the summed score of their matched words (Pagefind's own UI
  shows at most three per page, in page order: this order is the kinder one).
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from . import search

ROOT = Path(__file__).resolve().parent.parent
PAGEFIND_VERSION = "1.5.2"  # pagefind-bin on PyPI
VENV = ROOT / ".tools" / "bench" / f"pagefind-{PAGEFIND_VERSION}"
UV = ROOT / ".tools" / "uv" / "bin" / "uv"
INDEX_ARGS = ["--root-selector", "article.md-content__inner", "--exclude-selectors", ".headerlink"]
# Material leaves a heading marked data-search-exclude (each page's quick
# reference) and its section out of its index; Pagefind is told the same in
# the page copies it indexes (its selectors cannot name "the list after").
_EXCLUDED_SECTION = re.compile(r"(<h([1-6])\b[^>]*\bdata-search-exclude\b[^>]*>.*?</h\2>\s*<(?:ul|ol|table|div))",
                               re.DOTALL)
BUNDLE = "pagefind"
RESULTS_SHOWN = 10

# One query's landings, best first (see the module's docstring).
_LANDINGS = """async ([query, wanted]) => {
  window.__pf = window.__pf || await import("/pagefind/pagefind.js")
  const found = await window.__pf.search(query)
  const landings = []
  for (const result of found.results) {
    const data = await result.data()
    const score = (sub) => sub.weighted_locations.reduce((sum, at) => sum + at.balanced_score, 0)
    const subs = data.sub_results.length ? [...data.sub_results].sort((a, b) => score(b) - score(a))
      : [{url: data.url}]
    landings.push(...subs.map((sub) => sub.url))
    if (landings.length >= wanted) break
  }
  return landings.slice(0, wanted)
}"""

# From navigation start: the module loaded, the query answered, the first
# result's data (what a result list shows first) and the rest of the first screen.
_FIRST_RESULT = """async ([query, shown]) => {
  const pagefind = await import("/pagefind/pagefind.js")
  const found = await pagefind.search(query)
  const first = found.results.length ? await found.results[0].data() : null
  const at = performance.now()
  await Promise.all(found.results.slice(1, shown).map((result) => result.data()))
  return {first_result_ms: at, href: first ? first.url : "", results: found.results.length}
}"""


class PagefindUnavailable(RuntimeError):
    pass


def command() -> list[str]:
    """The pinned Pagefind CLI, installed on first use."""
    python = VENV / "bin" / "python"
    probe = [str(python), "-m", "pagefind_bin", "--version"]
    try:
        if python.is_file() and PAGEFIND_VERSION in subprocess.run(probe, capture_output=True, text=True,
                                                                    timeout=60).stdout:
            return probe[:-1]
    except (OSError, subprocess.SubprocessError):
        pass
    if not UV.is_file():
        raise PagefindUnavailable(f"no {UV.relative_to(ROOT)} to install pagefind-bin with (scripts/setup.sh)")
    steps = [[str(UV), "venv", "--quiet", "--python", sys.executable, str(VENV)],
             [str(UV), "pip", "install", "--quiet", "--python", str(python), f"pagefind-bin=={PAGEFIND_VERSION}"]]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            raise PagefindUnavailable(f"{' '.join(step)}: {(done.stderr or done.stdout)[-500:]}")
    return probe[:-1]


def searched_pages(site_dir: Path) -> list[str]:
    """The HTML files of the pages in Material's search index."""
    whole = site_dir / "search" / "material_index.json"  # the page's index has no entries
    index = json.loads((whole if whole.is_file() else site_dir / "search" / "search_index.json")
                       .read_text(encoding="utf-8"))
    pages = {doc["location"].split("#", 1)[0] for doc in index["docs"]}
    return sorted(page + "index.html" if page.endswith("/") or not page else page for page in pages)


def mark_excluded(html: str) -> str:
    """`html` with each data-search-exclude heading, and the block after it,
    marked data-pagefind-ignore."""
    html = _EXCLUDED_SECTION.sub(lambda found: found.group(1) + ' data-pagefind-ignore="all"', html)
    return html.replace(" data-search-exclude", ' data-search-exclude data-pagefind-ignore="all"')


def index(site_dir: Path, work: Path, bundle_dir: Path) -> dict:
    """Run Pagefind over the searched pages of `site_dir`; the bundle goes to
    `bundle_dir` (served as /pagefind/), from copies of the pages with what
    Material does not index marked data-pagefind-ignore."""
    source = work / "pagefind-source"
    shutil.rmtree(source, ignore_errors=True)
    pages = searched_pages(site_dir)
    for page in pages:
        target = source / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(mark_excluded((site_dir / page).read_text(encoding="utf-8")), encoding="utf-8")
    run = [*command(), "--site", str(source), "--output-path", str(bundle_dir), "--silent", *INDEX_ARGS]
    start = time.perf_counter()
    done = subprocess.run(run, capture_output=True, text=True, timeout=1800)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"pagefind exited {done.returncode}: {(done.stderr or done.stdout)[-500:]}")
    files = [path for path in bundle_dir.rglob("*") if path.is_file()]
    return {"version": PAGEFIND_VERSION, "args": INDEX_ARGS, "pages": len(pages), "index_s": round(seconds, 2),
            "bundle_files": len(files), "bundle_bytes": sum(path.stat().st_size for path in files)}


def quality(origin: str) -> dict:
    """The suite, held-out, name and flag queries through Pagefind's API."""
    from playwright.sync_api import sync_playwright

    from . import search_quality

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=search.CHROMIUM, headless=True,
                                             args=search.CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(origin + "/", wait_until="load")
            return search_quality.evaluate(lambda text: page.evaluate(_LANDINGS, [text, RESULTS_SHOWN]))
        finally:
            browser.close()


def first_result(origin: str, web_root: Path, query: str, runs: int, timeout_s: float = 180) -> dict:
    """Median ms from navigation start to the first result's data, the query
    sent on load; and the bytes a first search fetches (bundle files, a first
    screen of results)."""
    from playwright.sync_api import sync_playwright

    samples, fetched = [], set()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=search.CHROMIUM, headless=True,
                                             args=search.CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                try:
                    page = context.new_page()
                    urls: list[str] = []
                    page.on("request", lambda request: urls.append(request.url))
                    page.goto(origin + "/", wait_until="load", timeout=timeout_s * 1000)
                    loaded = page.evaluate("performance.now()")
                    found = page.evaluate(_FIRST_RESULT, [query, RESULTS_SHOWN])
                    samples.append({"loaded_ms": round(loaded, 1),
                                    "first_result_ms": round(found["first_result_ms"], 1),
                                    "first_result_href": found["href"], "results": found["results"]})
                    fetched = {url.split(origin + "/", 1)[1].split("?", 1)[0] for url in urls
                               if url.startswith(f"{origin}/{BUNDLE}/")}
                finally:
                    context.close()
        finally:
            browser.close()
    files = {name: (web_root / name).read_bytes() for name in sorted(fetched) if (web_root / name).is_file()}
    return {"query": query, "runs": runs,
            "first_result_ms": statistics.median(sample["first_result_ms"] for sample in samples),
            "loaded_ms": statistics.median(sample["loaded_ms"] for sample in samples),
            "samples": samples, "payload": search.bytes_of(files)}
