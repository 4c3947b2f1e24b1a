"""The engine comparison of the benchmark (benchmarks/engines.py): the parts
that need no browser. A failing engine is a row, never a crash; Pagefind
indexes what Material indexes; the overlaid web root serves the replacements.
(The full comparison runs in `make bench`: it types 190 queries into each engine.)"""

from __future__ import annotations

import json
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT))
from benchmarks import engines, pagefind, report  # noqa: E402


def _quality(top1: float) -> dict:
    row = {"queries": 30, "top1": top1, "top3": 1.0, "top10": 1.0}
    return {"suite": {"docker": row, "all": row}, "held_out": {"docker": row, "all": row},
            "names": {**row, "misses": []}, "flags": {**row, "misses": []}}


def test_a_failing_engine_is_an_error_row_and_the_others_are_reported():
    engines_section = {"real": {
        "ours": {"label": "ours", "quality": _quality(0.94),
                 "timing": {"query": "docker run", "first_result_ms": 512.0}, "payload": {"bytes": 2048, "gzip_bytes": 1024}},
        "lunr": {"label": "lunr", "quality": {"error": "TimeoutError: no answer"},
                 "timing": {"error": "TimeoutError: no answer"}, "payload": {"bytes": 10, "gzip_bytes": 5}},
        "pagefind": engines._guarded(lambda: 1 / 0),
    }, "corpus": {"error": "RuntimeError: the corpus did not build"}}
    text = "\n".join(report._engine_lines({"engines": engines_section}))
    assert "ours" in text and " 94/100/100 " in text and "512 ms" in text and "1.0 KB" in text
    assert "lunr" in text and "quality error: TimeoutError" in text and "time error: TimeoutError" in text
    assert "pagefind" in text and "error: ZeroDivisionError" in text
    assert "corpus: error: RuntimeError" in text
    assert "skipped: --skip" in "\n".join(report._engine_lines({"engines": {"skipped": "--skip"}}))


def test_overlay_serves_the_site_with_replacements(tmp_path):
    site = tmp_path / "site"
    (site / "assets" / "workers").mkdir(parents=True)
    (site / "assets" / "workers" / "ours.js").write_text("ours")
    (site / "assets" / "workers" / "material.js").write_text("material")
    (site / "assets" / "style.css").write_text("css")
    (site / "index.html").write_text("home")
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "pagefind.js").write_text("pf")
    root = engines.overlay(site, tmp_path / "root", {"assets/workers/ours.js": site / "assets/workers/material.js",
                                                      "pagefind": bundle})
    assert (root / "assets/workers/ours.js").read_text() == "material"
    assert (root / "assets/workers/material.js").read_text() == "material"
    assert (root / "assets/style.css").read_text() == "css"
    assert (root / "index.html").read_text() == "home"
    assert (root / "pagefind/pagefind.js").read_text() == "pf"
    assert (site / "assets/workers/ours.js").read_text() == "ours"  # the site itself is untouched


def test_pagefind_indexes_what_materials_index_holds(tmp_path):
    (tmp_path / "search").mkdir()
    docs = [{"location": ""}, {"location": "docker/cli/"}, {"location": "docker/cli/#docker-run"},
            {"location": "contributing/#yaml"}]
    (tmp_path / "search" / "search_index.json").write_text(json.dumps({"docs": docs}))
    assert pagefind.searched_pages(tmp_path) == ["contributing/index.html", "docker/cli/index.html", "index.html"]
    html = ('<h2 data-search-exclude id="quick-reference">Quick reference<a class="headerlink">¶</a></h2>\n'
            '<ul>\n<li>docker run</li></ul>\n<h3 id="docker-run">docker run</h3>\n<ul><li>kept</li></ul>')
    marked = pagefind.mark_excluded(html)
    assert marked.count('data-pagefind-ignore="all"') == 2
    assert '<ul data-pagefind-ignore="all">\n<li>docker run' in marked
    assert '<ul><li>kept</li></ul>' in marked
    assert pagefind.mark_excluded("<h3 id='x'>x</h3><ul></ul>") == "<h3 id='x'>x</h3><ul></ul>"
