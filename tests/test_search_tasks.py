"""The task-query suite: 150 queries, 30 per tool, typed into the real search
box of the real site under the sub-path, in one page (tests/search/suite.yml;
see benchmarks/search_quality.py). Per tool, at least 85 % must land on an
acceptable entry first and 97 % in the top 3.

The held-out queries (tests/search/heldout.yml) were never used to tune the
engine or its synonym data: their figures are printed, and a looser floor
catches a collapse without turning them into a tuning target."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT))
from benchmarks import search_quality  # noqa: E402

TOP1, TOP3 = 0.85, 0.97
HELD_OUT_TOP1, HELD_OUT_TOP3 = 0.70, 0.85  # overall: 40 queries are too few to judge per tool


def shortfalls(figures: dict, top1: float, top3: float, tools=search_quality.TOOLS) -> list[str]:
    """What falls short of the targets, one line each."""
    problems = []
    for tool in tools:
        row = figures.get(tool)
        if row is None:
            problems.append(f"{tool}: no queries")
            continue
        if row["top1"] < top1:
            problems.append(f"{tool}: {row['top1']:.1%} first, target {top1:.0%}")
        if row["top3"] < top3:
            problems.append(f"{tool}: {row['top3']:.1%} in the top 3, target {top3:.0%}")
    return problems


def _misses(results: list[dict]) -> str:
    return "\n".join(f"  {row['rank'] or '-':>3} {row['tool']:10} {row['q']!r}: got {row['top']}, want {row['want']}"
                     for row in results if row["rank"] != 1)


def test_suite_has_30_queries_per_tool_with_known_entries():
    from cheatsheet.core import SiteLoader, discover

    site = SiteLoader().load(discover(ROOT / "docs"))
    ids = set(site.targets)
    for path, least in ((search_quality.SUITE, 30), (search_quality.HELD_OUT, 8)):
        queries = search_quality.load(path)
        for tool in search_quality.TOOLS:
            assert sum(1 for query in queries if query.tool == tool) >= least, (path.name, tool)
        unknown = sorted({want for query in queries for want in query.want} - ids)
        assert not unknown, f"{path.name}: ids not on the site: {unknown}"
    texts = [query.text for query in search_quality.load(search_quality.SUITE)]
    held_out = {query.text for query in search_quality.load(search_quality.HELD_OUT)}
    assert len(set(texts)) == len(texts) and not held_out & set(texts)


def test_gate_fails_below_the_targets():
    """The gate this suite applies fails when a tool falls short."""
    good = {tool: {"top1": 0.9, "top3": 1.0} for tool in search_quality.TOOLS}
    assert shortfalls(good, TOP1, TOP3) == []
    weak = {**good, "istio": {"top1": 0.84, "top3": 0.96}}
    assert shortfalls(weak, TOP1, TOP3) == ["istio: 84.0% first, target 85%", "istio: 96.0% in the top 3, target 97%"]
    missing = {tool: row for tool, row in good.items() if tool != "docker"}
    assert shortfalls(missing, TOP1, TOP3) == ["docker: no queries"]


@pytest.mark.browser
def test_task_queries_find_the_entry(page, real_site, capsys):
    _, base_url, _ = real_site
    results = search_quality.run(page, base_url, search_quality.load(search_quality.SUITE))
    figures = search_quality.figures(results)
    with capsys.disabled():
        print(f"\ntask-query suite: {figures}")
    problems = shortfalls(figures, TOP1, TOP3)
    assert not problems, "\n".join(problems) + "\nnot first:\n" + _misses(results)


@pytest.mark.browser
def test_held_out_task_queries(page, real_site, capsys):
    _, base_url, _ = real_site
    results = search_quality.run(page, base_url, search_quality.load(search_quality.HELD_OUT))
    figures = search_quality.figures(results)
    with capsys.disabled():
        print(f"\nheld-out queries: {figures}")
    assert not shortfalls(figures, HELD_OUT_TOP1, HELD_OUT_TOP3, tools=["all"])
