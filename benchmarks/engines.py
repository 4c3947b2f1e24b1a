"""Search engines compared on the same queries, pages and browser: what chose ours.

- ours: the site as built, our worker (cheatsheet-search.js) over
  search/cheatsheet.json, behind Material's search UI.
- lunr: Material's stock search. On the real site: the same pages built with
  stock Material (no theme overrides), so Material's own worker answers from
  its lunr index, with the search plugin configured as mkdocs.yml configures
  it. On the corpus: Material's worker served in place of ours on the corpus
  site (same pages, same index), which spares a second 20,000-entry build.
- pagefind: Pagefind over the real site's pages (benchmarks/pagefind.py).

For each: top-1/3/10 of the task suite and the held-out queries per tool, of
the name and flag queries of tests/test_browser.py (exact anchor, a flag on
its option row); the time from navigation start to the first result; and the
bytes a first search fetches. Any engine that fails gives an error row.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from . import pagefind, search, search_quality
from .server import Server

LABELS = {"ours": "ours (cheatsheet-search.js)", "lunr": "Material's lunr (stock worker)",
          "pagefind": f"Pagefind {pagefind.PAGEFIND_VERSION}"}
OUR_WORKER = search.WORKER.split("overrides/", 1)[1]


def _guarded(measure: Callable[[], dict]) -> dict:
    try:
        return measure()
    except Exception as error:  # noqa: BLE001 - one engine's failure is a row, not a crash
        traceback.print_exc(file=sys.stderr)
        return {"error": f"{type(error).__name__}: {error}"[:600]}


def overlay(site_dir: Path, web_root: Path, replace: dict[str, Path]) -> Path:
    """A web root that serves `site_dir` through symbolic links, with the
    paths in `replace` (relative, '/'-separated) served from elsewhere."""
    def build(source: Path, target: Path, replacing: dict[str, Path]) -> None:
        target.mkdir(parents=True, exist_ok=True)
        here = {name.split("/", 1)[0] for name in replacing}
        for child in source.iterdir() if source.is_dir() else []:
            if child.name not in here:
                os.symlink(child, target / child.name)
        for name in here:
            deeper = {rest.split("/", 1)[1]: path for rest, path in replacing.items()
                      if rest.split("/", 1)[0] == name and "/" in rest}
            if name in replacing:
                os.symlink(replacing[name], target / name)
            else:
                build(source / name, target / name, deeper)

    build(site_dir, web_root, replace)
    return web_root


def _timing(found: dict) -> dict:
    return {key: found[key] for key in ("query", "runs", "first_result_ms", "loaded_ms") if key in found}


def _ours(real_root: Path, origin: str, measured: dict, query: str, runs: int) -> dict:
    out: dict = {"label": LABELS["ours"]}
    quality = measured.get("quality", {})
    out["quality"] = quality if "suite" in quality else _guarded(lambda: search.quality(origin + "/"))
    timing = measured.get("real", {})
    out["timing"] = _timing(timing) if "first_result_ms" in timing else _guarded(
        lambda: _timing(search.first_result(origin + "/", query, runs)))
    out["payload"] = _guarded(lambda: search.payload(real_root)["now"])
    return out


def _lunr(stock_root: Path, origin: str, query: str, runs: int) -> dict:
    return {"label": LABELS["lunr"],
            "quality": _guarded(lambda: search.quality(origin + "/", landings=search_quality.SECTION_LANDINGS)),
            "timing": _guarded(lambda: _timing(search.first_result(origin + "/", query, runs))),
            "payload": _guarded(lambda: search.bytes_of(search.material_files(stock_root)))}


def _pagefind_site(site_dir: Path, work: Path) -> tuple[Path, dict]:
    bundle = work / "bundle"
    built = pagefind.index(site_dir, work, bundle)
    return overlay(site_dir, work / "webroot", {pagefind.BUNDLE: bundle}), built


def _pagefind(site_dir: Path, work: Path, query: str, runs: int, with_quality: bool) -> dict:
    out: dict = {"label": LABELS["pagefind"]}
    web_root, out["index"] = _pagefind_site(site_dir, work)
    with Server(web_root) as server:
        if with_quality:
            out["quality"] = _guarded(lambda: pagefind.quality(server.origin))
        found = _guarded(lambda: pagefind.first_result(server.origin, web_root, query, runs))
    out["timing"] = found if "error" in found else _timing(found)
    out["payload"] = found.get("payload", {"error": found.get("error", "not measured")})
    if "first_result_ms" in found:
        out["timing"]["first_result_href"] = found["samples"][0]["first_result_href"]
    return out


def real_site(tmp: Path, real_root: Path, real_origin: str, stock_root: Path | None, stock_origin: str,
              measured: dict, query: str, runs: int) -> dict:
    """The three engines on the real site. `measured` is this run's search
    section: ours is not measured twice."""
    out = {"ours": _guarded(lambda: _ours(real_root, real_origin, measured, query, runs))}
    if stock_root is None:
        out["lunr"] = {"error": "the stock Material build failed"}
    else:
        out["lunr"] = _guarded(lambda: _lunr(stock_root, stock_origin, query, runs))
    out["pagefind"] = _guarded(lambda: _pagefind(real_root, tmp / "pagefind-real", query, runs, with_quality=True))
    return out


def corpus(tmp: Path, site_dir: Path, entries: int, measured: dict, query: str, runs: int) -> dict:
    """Time to the first result and payload of each engine on the corpus site."""
    out: dict = {"entries": entries, "query": query}

    def ours() -> dict:
        if "first_result_ms" in measured:
            return _timing(measured)
        with Server(site_dir) as server:
            return _timing(search.first_result(server.origin + "/", query, runs))

    out["ours"] = {"label": LABELS["ours"], "timing": _guarded(ours),
                   "payload": _guarded(lambda: search.payload(site_dir)["now"])}

    def lunr() -> dict:
        files = search.material_files(site_dir)
        worker = next(name for name in files if name.endswith(".js"))
        web_root = overlay(site_dir, tmp / "lunr-corpus", {OUR_WORKER: site_dir / worker})
        with Server(web_root) as server:
            found = _timing(search.first_result(server.origin + "/", query, runs))
        return {"label": LABELS["lunr"], "timing": found, "payload": search.bytes_of(files)}

    out["lunr"] = _guarded(lunr)
    out["pagefind"] = _guarded(lambda: _pagefind(site_dir, tmp / "pagefind-corpus", query, runs, with_quality=False))
    return out
