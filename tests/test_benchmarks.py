"""The benchmark harness (python -m benchmarks) on a tiny corpus: it runs end
to end and writes every measurement. Correctness only, no timing assertions.

Also checks that the fast path the benchmarks led to gives what the slow
path gives: fastjsonschema's compiled check against jsonschema.
"""

from __future__ import annotations

import copy
import datetime
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cheatsheet.core import source as source_module
from cheatsheet.core import validate as validate_module

ROOT = Path(__file__).resolve().parent.parent

# Every figure the harness must report, as dotted paths into its JSON.
MEASUREMENTS = [
    "meta.date", "meta.nproc", "meta.memory", "meta.free_h",
    *(f"builds.100.{side}.{figure}" for side in ("ours", "plain") for figure in ("wall_s", "cpu_s", "peak_rss_mb")),
    "builds.100.ratio_wall", "builds.100.ratio_cpu", "builds.100.memory_ratio", "builds.100.entries",
    *(f"generator.100.seconds_per_1000_entries.{phase}"
      for phase in ("parse", "validate", "model", "load", "render", "total", "validate_jsonschema_only")),
    "rebuild.rebuild_s", "rebuild.rebuild_cpu_s", "rebuild.plugin_s", "rebuild.plugin_cpu_s", "rebuild.plugin_share",
    "rebuild.parsed", "rebuild.rendered", "rebuild.same_plugin", "rebuild.cold.build_s", "rebuild.cold.plugin_s",
    "weight.home.gzip_bytes", "weight.home.stock_gzip_bytes", "weight.home.by_kind",
    "weight.largest.gzip_bytes", "weight.largest.stock_gzip_bytes", "weight.largest.page",
    "weight.own_assets.gzip_bytes", "weight.search_index.bytes_per_entry",
    "weight.search_index.gzip_bytes_per_entry", "weight.corpus_search_index.bytes_per_entry",
    "search.real.first_result_ms", "search.real.loaded_ms", "search.real.index_ready_ms",
    "search.real.index_fetch_parse_ms", "search.real.worker_ready_ms",
    "search.quality.suite.all.top1", "search.quality.held_out.all.top3", "search.quality.names.top1",
    "search.quality.flags.top1", "search.payload.ratio", "search.payload.ratio_gzip",
    "search.corpus.first_result_ms",
    "layout.pages.docker/cli/.ratio_1280", "layout.pages.kubeflow/pipelines/.dom",
    "lighthouse.skipped", "targets",
]


def _get(data, dotted: str):
    for part in dotted.split("."):
        if not isinstance(data, dict) or part not in data:
            raise KeyError(dotted)
        data = data[part]
    return data


@pytest.mark.browser
def test_harness_reports_every_measurement(tmp_path):
    out = tmp_path / "results"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--sizes", "100", "--runs", "1", "--search-runs", "1",
         "--skip", "lighthouse", "engines", "--out", str(out)],
        cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Targets" in result.stdout
    results = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    missing = []
    for dotted in MEASUREMENTS:
        try:
            _get(results, dotted)
        except KeyError:
            missing.append(dotted)
    assert not missing, f"missing: {missing}\n{result.stderr[-3000:]}"
    for section in ("builds", "generator", "rebuild", "weight", "search"):
        assert "error" not in json.dumps(results[section]), (section, results[section])
    # The warm rebuild redid only the edited file, in the same plugin instance.
    assert results["rebuild"]["same_plugin"] is True
    assert results["rebuild"]["parsed"] == 1
    assert results["rebuild"]["rendered"] == 1
    assert results["search"]["real"]["samples"][0]["first_result_href"].endswith("#docker-run")
    statuses = {target["target"]: target["status"] for target in results["targets"]}
    assert len(statuses) >= 10 and set(statuses.values()) <= {"PASS", "FAIL", "n/a"}


# --- The compiled schema check says "valid" exactly when jsonschema does. ---

_VALUES = [None, True, False, 0, 1, 1.0, 1.5, "", " ", "x", "a\nb", "docker-run", "Docker-Run", "https://x.y/z",
           "ftp://x", "-v", "--volume", "a b", "x" * 301, "y" * 121, [], ["a"], ["a", "a"], [1, True], [1, 1.0],
           {}, {"a": 1}, datetime.date(2024, 1, 1), {"since": "1", "replacement": "r"}, [[]], [{}],
           {"title": "t", "code": "c"}, "cli", "rest", "bash", "\t", "  \n"]
_KEYS = ["extra", "nmae", "id", "short", "default", "deprecated", "output", "language", "aliases", "use", 1, True]


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


def _mutate(document, rng: random.Random):
    document = copy.deepcopy(document)
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(list(_paths(document)))
        if not path:
            continue
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        roll = rng.random()
        if roll < 0.5:
            parent[path[-1]] = copy.deepcopy(rng.choice(_VALUES))
        elif roll < 0.65:
            del parent[path[-1]]
        elif roll < 0.8 and isinstance(parent, dict):
            parent[rng.choice(_KEYS)] = copy.deepcopy(rng.choice(_VALUES))
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
    return document


def test_fast_schema_check_agrees_with_jsonschema():
    documents = []
    for path in sorted((ROOT / "docs").rglob("*.yml")):
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=source_module.StrictLoader)  # noqa: S506
        document["sections"] = document["sections"][:1]
        document["sections"][0]["entries"] = document["sections"][0]["entries"][:2]
        documents.append(document)
    jsonschema_validator = validate_module._validator()
    rng = random.Random(1)
    outcomes = set()
    for _ in range(3000):
        document = _mutate(rng.choice(documents), rng)
        expected = jsonschema_validator.is_valid(document)
        assert validate_module._surely_valid(document) == expected, document
        if expected:
            assert validate_module.validate(document) == []
        outcomes.add(expected)
    assert outcomes == {True, False}


def test_reference_multiplier_follows_lighthouses_calculator():
    """The CPU slowdown for a host's benchmark index: 4x at the index
    Lighthouse's default is calibrated for, more on a faster host."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.lighthouse import reference_multiplier

    assert [round(reference_multiplier(index), 2) for index in (100, 150, 800, 1300, 1533, 2000)] == \
        [1.0, 1.0, 2.0, 3.0, 4.0, 6.0]
    assert 11 < reference_multiplier(3350) < 12.5
    assert reference_multiplier(1000) < reference_multiplier(1100)  # no step between the pieces


def test_report_judges_the_reference_runs_as_targets():
    sys.path.insert(0, str(ROOT))
    from benchmarks import report

    found = {"url": "http://x/kubernetes/kubectl/", "scores": {"performance": 82, "accessibility": 100,
             "best-practices": 100, "seo": 100}, "cpu_multiplier": 11.7, "benchmark_index": 3342}
    targets = report.targets({"lighthouse": {"largest_reference": found}})
    row = next(target for target in targets if "largest_reference" in target["target"])
    assert row["status"] == "FAIL" and "CPU 11.7x" in row["note"] and "3342" in row["note"], row


def test_blocking_time_is_charged_to_the_script_that_ran():
    """The breakdown of Total Blocking Time names Material's bundle, our
    scripts and the page apart. The page's own URL carries the project's
    sub-path (/mlops-cheatsheet/), so a match on "cheatsheet" anywhere in
    the URL would charge the page's parsing to our scripts; tasks before the
    first paint are not blocking time."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.lighthouse import blocking_by_source

    page = "http://127.0.0.1:8000/mlops-cheatsheet/kubernetes/kubectl/"
    assets = "http://127.0.0.1:8000/mlops-cheatsheet/assets/javascripts/"
    report = {"audits": {
        "first-contentful-paint": {"numericValue": 1000},
        "long-tasks": {"details": {"items": [
            {"url": page, "startTime": 900, "duration": 300},              # before the paint
            {"url": page, "startTime": 1100, "duration": 120},
            {"url": assets + "bundle.a5f9d56c.min.js", "startTime": 1300, "duration": 250},
            {"url": assets + "bundle.a5f9d56c.min.js", "startTime": 1600, "duration": 90},
            {"url": assets + "cheatsheet.js", "startTime": 1800, "duration": 80},
            {"url": "Unattributable", "startTime": 1900, "duration": 60},
        ]}}}}
    assert blocking_by_source(report, page) == {
        "Material's script": 240, "the page (parsing, style, layout)": 70,
        "our scripts": 30, "unattributed": 10}


def test_the_page_without_materials_script_drops_only_that_script(tmp_path):
    """The bench's "without Material's script" page is the built page minus
    Material's bundle: our scripts stay, and a page without the bundle (or a
    template that renames it) is an error, not a silent copy."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.lighthouse import without_material_script

    page = tmp_path / "index.html"
    page.write_text('<body><p>x</p><script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
                    '<script src="../assets/javascripts/cheatsheet.js"></script></body>', encoding="utf-8")
    copy = without_material_script(page)
    assert copy.parent == page.parent and copy.name != page.name
    assert copy.read_text(encoding="utf-8") == \
        '<body><p>x</p><script src="../assets/javascripts/cheatsheet.js"></script></body>'
    assert "bundle." in page.read_text(encoding="utf-8")
    copy.write_text("<body></body>", encoding="utf-8")
    with pytest.raises(ValueError):
        without_material_script(copy)
