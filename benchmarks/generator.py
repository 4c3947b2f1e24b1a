"""The generator alone, in this process: each phase of load + validate +
render, in CPU seconds per 1,000 entries (median of runs). CPU time, not wall
time: the work is single-threaded, and CPU time does not count the time other
processes on a shared machine take."""

from __future__ import annotations

import gc
import statistics
import time
from pathlib import Path

from cheatsheet.core import SiteLoader, discover, render_page
from cheatsheet.core import source as source_module
from cheatsheet.core import validate as validate_module
from cheatsheet.core.model import build_page


def _timed(function) -> tuple[float, object]:
    # The cycle collector paused, as SiteLoader.load pauses it.
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.process_time()
        result = function()
        return time.process_time() - start, result
    finally:
        if enabled:
            gc.enable()


def phases(docs_dir: Path, entries: int, runs: int) -> dict:
    sources = discover(docs_dir)
    samples: dict[str, list[float]] = {}

    def add(name: str, seconds: float) -> None:
        samples.setdefault(name, []).append(seconds)

    for _ in range(runs):
        seconds, documents = _timed(lambda: [source_module.read(source)[0] for source in sources])
        add("parse", seconds)
        add("validate", _timed(lambda: [validate_module.validate(document) for document in documents])[0])
        add("model", _timed(lambda: [build_page(s.src_path, d) for s, d in zip(sources, documents)])[0])
        seconds, site = _timed(lambda: SiteLoader().load(sources))
        add("load", seconds)  # parse + validate + model + site-wide checks, as the plugin does
        add("render", _timed(lambda: [render_page(site, page) for page in site.pages])[0])
        del documents, site
    # For comparison: validation by jsonschema alone, as before the fast check
    # (on a quarter of the files: it is slow).
    documents = [source_module.read(source)[0] for source in sources[: max(1, len(sources) // 4)]]
    counted = sum(len(section["entries"]) for document in documents for section in document["sections"])
    validator = validate_module._validator()
    jsonschema_s = _timed(lambda: [list(validator.iter_errors(document)) for document in documents])[0]
    per_1000 = {name: statistics.median(values) * 1000 / entries for name, values in samples.items()}
    per_1000["total"] = per_1000["load"] + per_1000["render"]
    per_1000["validate_jsonschema_only"] = jsonschema_s * 1000 / counted
    return {"entries": entries, "runs": runs, "seconds_per_1000_entries": per_1000,
            "seconds": {name: statistics.median(values) for name, values in samples.items()}}
