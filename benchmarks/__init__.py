"""Benchmarks of the MLOps Cheat Sheet generator and site: `python -m benchmarks`.

One module per job:

- corpus     synthetic, schema-valid YAML corpora of any size
- projects   MkDocs projects around a corpus (with our plugin, or pre-rendered)
- builds     `mkdocs build` in a fresh subprocess: wall time and peak memory
- rebuild    a warm rebuild as `mkdocs serve` does it, in one process
- generator  load + validate + render in-process, per phase
- weight     bytes a browser fetches on a first visit (gzip)
- server     a local HTTP server for built sites
- search     time to the first search result in headless Chromium
- search_quality  the task-query suite typed into the search box: top-1/3/10
- engines    ours, Material's lunr and Pagefind on the same queries and pages
- pagefind   Pagefind for that comparison: install, index, query
- lighthouse Lighthouse scores of the real site
- report     targets, the printed table and the JSON file
"""
