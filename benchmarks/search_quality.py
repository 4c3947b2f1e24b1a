"""Search quality: the task-query suite typed into the real search box.

One page load, then every query is typed into the header's search field the
way a reader types it (fill, then a keyup, on which Material searches); the
results are read from the rendered result list once the worker has answered
every query sent. A result counts by where its first link lands: the entry id
of its anchor (an option anchor `<entry-id>--<option>` counts for its entry).

    python -m benchmarks.search_quality SITE_DIR   # a site built for /mlops-cheatsheet/
"""

from __future__ import annotations

import argparse
import ast
import functools
import http.server
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "tests" / "search" / "suite.yml"
HELD_OUT = ROOT / "tests" / "search" / "heldout.yml"
BROWSER_TESTS = ROOT / "tests" / "test_browser.py"
SUB_PATH = "/mlops-cheatsheet/"
CHROMIUM = "/usr/bin/chromium"
TOOLS = ("docker", "mlflow", "kubernetes", "kubeflow", "istio")

# Counts the queries the page sends to the search worker and the results it
# gets back, so that a reader of the page knows when the list is current. Our
# worker answers before its index is complete with `partial`, and answers the
# last query again, with `again`, once it is (CURRENT).
COUNTER = """
(() => {
  window.__csSent = 0
  window.__csAnswered = 0
  window.__csPartial = false
  const NativeWorker = window.Worker
  window.Worker = function (url, options) {
    const worker = new NativeWorker(url, options)
    const post = worker.postMessage.bind(worker)
    worker.postMessage = (message, ...rest) => {
      if (message && message.type === 2) window.__csSent++
      return post(message, ...rest)
    }
    worker.addEventListener("message", (event) => {
      if (!event.data || event.data.type !== 3) return
      if (!event.data.data.again) window.__csAnswered++
      window.__csPartial = !!event.data.data.partial
    })
    return worker
  }
  window.Worker.prototype = NativeWorker.prototype
})()
"""

CURRENT = "window.__csSent > 0 && window.__csAnswered >= window.__csSent && !window.__csPartial"

# Where each result group's first link lands, in the order shown.
LANDINGS = """() => [...document.querySelectorAll(".md-search-result__item")].map((item) => {
  const link = item.querySelector("a.md-search-result__link")
  return link ? link.getAttribute("href") : ""
})"""

# Where each section link lands, in the order shown, for Material's own
# worker: it groups results by page, the page's own link first (it names the
# page, not an entry) and the page's matching sections below it, those past
# the best score folded into "N more on this page" (counted here as shown).
SECTION_LANDINGS = """() => [...document.querySelectorAll(".md-search-result__item a.md-search-result__link")]
  .map((link) => link.getAttribute("href")).filter((href) => href.includes("#"))"""


@dataclass(frozen=True)
class Query:
    tool: str
    text: str
    want: tuple[str, ...]


def load(path: Path = SUITE) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(tool, item["q"], tuple(item["want"])) for tool in data for item in data[tool]]


def entry_of(href: str) -> str:
    """The entry id a result lands on: the fragment, less any option part."""
    fragment = urlsplit(href).fragment
    return fragment.split("--", 1)[0] if fragment else urlsplit(href).path


def open_search(page, base_url: str):
    page.add_init_script(COUNTER)
    page.goto(base_url)
    page.keyboard.press("/")
    field = page.locator("input.md-search__input")
    field.wait_for(state="visible")
    return field


def ask(page, field, text: str, timeout_ms: int = 30_000, landings: str = LANDINGS) -> list[str]:
    """Type one query and return the landing of each result, best first."""
    field.fill(text)
    field.press("End")  # Material searches on keyup
    page.wait_for_function(CURRENT,
                           timeout=timeout_ms, polling=10)
    return page.evaluate(landings)


def rank_of(landings: list[str], want: tuple[str, ...]) -> int | None:
    """1-based rank of the first acceptable result, or None."""
    for position, href in enumerate(landings, 1):
        if entry_of(href) in want:
            return position
    return None


def run(page, base_url: str, queries: list[Query]) -> list[dict]:
    field = open_search(page, base_url)
    out = []
    for query in queries:
        landings = ask(page, field, query.text)
        out.append({"tool": query.tool, "q": query.text, "want": list(query.want),
                    "rank": rank_of(landings, query.want), "top": [entry_of(h) for h in landings[:3]]})
    return out


def figures(results: list[dict]) -> dict:
    """Share of queries answered first, in the top 3 and the top 10, per tool and overall."""
    def share(rows, k):
        return round(sum(1 for r in rows if r["rank"] and r["rank"] <= k) / len(rows), 3) if rows else None

    out = {}
    for tool in [*TOOLS, "all"]:
        rows = [r for r in results if tool == "all" or r["tool"] == tool]
        if rows:
            out[tool] = {"queries": len(rows), "top1": share(rows, 1), "top3": share(rows, 3),
                         "top10": share(rows, 10)}
    return out


def browser_test_searches() -> dict[str, str]:
    """The name and flag queries of tests/test_browser.py (SEARCHES), read
    from its source so that the benchmark and the test share one list."""
    tree = ast.parse(BROWSER_TESTS.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "SEARCHES" for t in node.targets):
            return ast.literal_eval(node.value)
    raise ValueError(f"no SEARCHES in {BROWSER_TESTS}")


def landing(href: str) -> str:
    """`<page path>#<fragment>` of a result link, below the site's root or sub-path."""
    parts = urlsplit(href)
    path = parts.path.split(SUB_PATH, 1)[1] if SUB_PATH in parts.path else parts.path.lstrip("/")
    return f"{path}#{parts.fragment}" if parts.fragment else path


def evaluate(ask_query: Callable[[str], list[str]]) -> dict:
    """One engine on every query: top-1/3/10 of the task suite and of the
    held-out queries, per tool; and of the name and flag queries, which must
    land on their exact anchor (a flag on its option's row). `ask_query`
    returns the landings (hrefs) of one query's results, best first."""
    out: dict = {}
    for key, path in (("suite", SUITE), ("held_out", HELD_OUT)):
        rows = []
        for query in load(path):
            landings = ask_query(query.text)
            rows.append({"tool": query.tool, "q": query.text, "want": list(query.want),
                         "rank": rank_of(landings, query.want), "top": [entry_of(h) for h in landings[:3]]})
        out[key] = figures(rows)
    kinds: dict[str, list[dict]] = {"names": [], "flags": []}
    for query, anchor in browser_test_searches().items():
        words = query.split()
        flag = any(word.startswith("-") for word in words)
        if not flag and len(words) > 3:
            continue  # a task, counted in the suite
        landings = [landing(href) for href in ask_query(query)]
        rank = landings.index(anchor) + 1 if anchor in landings else None
        kinds["flags" if flag else "names"].append({"q": query, "rank": rank, "want": anchor, "got": landings[:1]})
    for kind, found in kinds.items():
        out[kind] = {
            "queries": len(found),
            **{f"top{k}": round(sum(1 for r in found if r["rank"] and r["rank"] <= k) / len(found), 3)
               for k in (1, 3, 10)},
            "misses": [r for r in found if r["rank"] != 1],
        }
    return out


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(web_root: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(web_root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search_quality", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("web_root", type=Path, help=f"a directory holding the site at {SUB_PATH.strip('/')}/")
    parser.add_argument("--misses", action="store_true", help="list the suite's queries not answered first")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    httpd = serve(args.web_root)
    base_url = f"http://127.0.0.1:{httpd.server_address[1]}{SUB_PATH}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        for name, path in (("suite", SUITE), ("held-out", HELD_OUT)):
            page = browser.new_page()
            results = run(page, base_url, load(path))
            page.close()
            print(name, figures(results))
            if args.misses and path == SUITE:  # never the held-out ones: they are not for tuning
                for row in results:
                    if row["rank"] != 1:
                        print(f"  {row['rank']!s:>4}  {row['tool']:10} {row['q']!r} -> {row['top']} want {row['want']}")
        browser.close()
    httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
