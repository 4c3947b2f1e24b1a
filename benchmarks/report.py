"""Targets, the printed table and the JSON file of a benchmark run."""

from __future__ import annotations

import json
from pathlib import Path

KB = 1024

# The targets. Build time ratios are judged on CPU time: `mkdocs build`
# is single-threaded, so on an idle machine CPU time is the wall time, and it
# does not move when other processes share the machine (wall times are shown too).
OVERHEAD_LIMITS = {20000: 1.10, 1000: 1.05}
REBUILD_SHARE_LIMIT = 0.02
MEMORY_RATIO_LIMIT = 1.3
WEIGHT_ALLOWANCE = 10 * KB
SEARCH_LIMITS_MS = {"real": 1000, "corpus": 3000}
TASK_TOP1, TASK_TOP3 = 0.85, 0.97  # per tool, on the task-query suite
PAYLOAD_RATIO_LIMIT = 2.0  # search bytes against the replaced design
LIGHTHOUSE_PERFORMANCE = 95  # mobile, issue #11 (accessibility, best practices, SEO: 100)


def _target(name: str, value, limit, passed: bool | None, note: str = "") -> dict:
    return {"target": name, "value": value, "limit": limit,
            "status": "n/a" if passed is None else ("PASS" if passed else "FAIL"), "note": note}


def targets(results: dict) -> list[dict]:
    out = []
    builds = results.get("builds", {})
    for size, limit in sorted(OVERHEAD_LIMITS.items(), reverse=True):
        build = builds.get(str(size))
        if build and "error" not in build:
            out.append(_target(f"generator overhead at {size:,} entries (CPU time ratio)", round(build["ratio_cpu"], 3),
                               limit, build["ratio_cpu"] <= limit, f"wall-clock ratio {build['ratio_wall']:.3f}"))
        else:
            out.append(_target(f"generator overhead at {size:,} entries", None, limit, None, "not measured"))
    rebuild = results.get("rebuild", {})
    if "plugin_share" in rebuild:
        out.append(_target(f"warm rebuild: plugin share of the rebuild, CPU ({rebuild['entries']:,} entries)",
                           round(rebuild["plugin_share"], 4), REBUILD_SHARE_LIMIT,
                           rebuild["plugin_share"] <= REBUILD_SHARE_LIMIT,
                           f"parsed {rebuild['parsed']} file(s), rendered {rebuild['rendered']} page(s)"))
    else:
        out.append(_target("warm rebuild: plugin share", None, REBUILD_SHARE_LIMIT, None, rebuild.get("error", "")))
    ratios = {size: build["memory_ratio"] for size, build in builds.items() if "memory_ratio" in build}
    if ratios:
        worst = max(ratios, key=ratios.get)
        out.append(_target("peak memory vs plain build (worst size)", round(ratios[worst], 3), MEMORY_RATIO_LIMIT,
                           ratios[worst] <= MEMORY_RATIO_LIMIT, f"at {int(worst):,} entries"))
    weight = results.get("weight", {})
    for key, label in (("home", "home page"), ("largest", "largest tool page")):
        page = weight.get(key)
        if page and "stock_gzip_bytes" in page:
            extra = page["gzip_bytes"] - page["stock_gzip_bytes"]
            out.append(_target(f"page weight of the {label} vs stock Material + 10 KB", page["gzip_bytes"],
                               page["stock_gzip_bytes"] + WEIGHT_ALLOWANCE, extra <= WEIGHT_ALLOWANCE,
                               f"{extra / KB:+.1f} KB over stock"))
        else:
            out.append(_target(f"page weight of the {label}", None, None, None, weight.get("error", "")))
    if "own_assets" in weight:
        own = weight["own_assets"]["gzip_bytes"]
        out.append(_target("own CSS + JS (gzip)", own, WEIGHT_ALLOWANCE, own <= WEIGHT_ALLOWANCE))
    search = results.get("search", {})
    for key, limit in SEARCH_LIMITS_MS.items():
        found = search.get(key, {})
        label = "real site" if key == "real" else f"{found.get('entries', 0):,}-entry corpus"
        if "first_result_ms" in found:
            out.append(_target(f"search: first result on the {label} (ms)", round(found["first_result_ms"]), limit,
                               found["first_result_ms"] <= limit, f"query '{found['query']}'"))
        else:
            out.append(_target(f"search on the {label}", None, limit, None, found.get("error", "not measured")))
    out.extend(_search_quality_targets(search))
    out.extend(_layout_targets(results))
    lighthouse = results.get("lighthouse", {})
    for key in ("home", "largest"):
        found = lighthouse.get(key, {})
        if "scores" in found:
            scores = found["scores"]
            passed = all(score == 100 for score in scores.values())
            out.append(_target(f"Lighthouse 100 in all four ({key})", scores, 100, passed))
        else:
            out.append(_target(f"Lighthouse ({key})", None, 100, None,
                               found.get("error") or lighthouse.get("skipped") or "not measured"))
    return out


def _layout_targets(results: dict) -> list[dict]:
    """Issue #11: the target pages at most half their former height at
    1280x900; Lighthouse mobile performance 95 and 100 in the other three on
    the home page and the three largest pages."""
    from .layout import HEIGHT_RATIO_LIMIT, TARGET_PAGES

    out = []
    pages = results.get("layout", {}).get("pages", {})
    for path in TARGET_PAGES:
        row = pages.get(path, {})
        if "ratio_1280" in row:
            out.append(_target(f"height of /{path} at 1280x900 vs before the cheat-sheet layout", row["ratio_1280"],
                               HEIGHT_RATIO_LIMIT, row["ratio_1280"] <= HEIGHT_RATIO_LIMIT,
                               f"{row['height_1280']:,} px, was {row['baseline_height_1280']:,}"))
        else:
            out.append(_target(f"height of /{path}", None, HEIGHT_RATIO_LIMIT, None,
                               results.get("layout", {}).get("error") or results.get("layout", {}).get("skipped")
                               or "not measured"))
    lighthouse = results.get("lighthouse", {})
    for key in ("home", "largest", "largest_2", "largest_3", "home_reference", "largest_reference"):
        found = lighthouse.get(key, {})
        if "scores" in found:
            scores = found["scores"]
            passed = scores["performance"] >= LIGHTHOUSE_PERFORMANCE and all(
                score == 100 for name, score in scores.items() if name != "performance")
            out.append(_target(f"Lighthouse mobile: performance {LIGHTHOUSE_PERFORMANCE}, others 100 ({key})",
                               scores, f"{LIGHTHOUSE_PERFORMANCE}/100/100/100", passed,
                               f"/{found['url'].split('/', 3)[-1]}, CPU {found.get('cpu_multiplier', 4)}x, "
                               f"host benchmark index {found.get('benchmark_index', '?')}"))
    return out


def _layout_lines(results: dict) -> list[str]:
    layout = results.get("layout", {})
    lines = ["Layout of the largest pages in Chromium: height at 1280x900 and at 375 px, "
             "DOM elements and code blocks at load; ratio to the heights before the cheat-sheet layout "
             "(benchmarks/data/layout-baseline-e417e75.json)"]
    if "error" in layout or "skipped" in layout:
        return lines + [f"  {layout.get('error', '')[:300] or 'skipped: ' + layout['skipped']}"]
    for path, row in layout.get("pages", {}).items():
        ratio = (f" (x{row['ratio_1280']:.3f} of {row['baseline_height_1280']:,})" if "ratio_1280" in row else "")
        narrow = (f" (x{row['ratio_375']:.3f})" if "ratio_375" in row else "")
        dom = f" (was {row['baseline_dom']:,})" if "baseline_dom" in row else ""
        lines.append(f"  /{path}: {row['height_1280']:,} px{ratio}; 375 px: {row['height_375']:,} px{narrow}; "
                     f"DOM {row['dom']:,} elements{dom}; {row['code_blocks']} code blocks")
    return lines


def _seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def _kb(value: int) -> str:
    return f"{value / KB:.1f} KB"


def _by_size(results: dict, section: str) -> list[tuple[str, dict]]:
    """A section's per-corpus figures, smallest corpus first (a skipped section has none)."""
    found = results.get(section, {})
    return sorted(((size, value) for size, value in found.items() if size.isdigit()), key=lambda item: int(item[0]))


def _measured(lines: list[str], results: dict, section: str):
    """(size, figures) of each corpus measured; a row for each that failed."""
    for size, figures in _by_size(results, section):
        if "error" in figures:
            lines.append(f"{int(size):>8,} error: {figures['error'][:200]}")
        else:
            yield size, figures


def _search_quality_targets(search: dict) -> list[dict]:
    quality = search.get("quality", {})
    if "suite" not in quality:
        return [_target("search: task-query suite", None, None, None, quality.get("error", "not measured"))]
    out = []
    for tool, row in quality["suite"].items():
        if tool == "all":
            continue
        passed = row["top1"] >= TASK_TOP1 and row["top3"] >= TASK_TOP3
        out.append(_target(f"search: task queries, {tool} (top-1 / top-3)", f"{row['top1']:.1%} / {row['top3']:.1%}",
                           f"{TASK_TOP1:.0%} / {TASK_TOP3:.0%}", passed, f"{row['queries']} queries"))
    for kind in ("names", "flags"):
        row = quality[kind]
        out.append(_target(f"search: {kind} first", f"{row['top1']:.0%}", "100%", row["top1"] == 1,
                           f"{row['queries']} queries of tests/test_browser.py"))
    payload = search.get("payload")
    if payload:
        out.append(_target("search payload vs the replaced design", payload["ratio"], PAYLOAD_RATIO_LIMIT,
                           payload["ratio"] <= PAYLOAD_RATIO_LIMIT, f"gzip ratio {payload['ratio_gzip']:.2f}"))
    return out


def _search_quality_lines(search: dict) -> list[str]:
    quality = search.get("quality", {})
    lines = []
    if "error" in quality:
        return [f"  quality: {quality['error'][:300]}"]
    for key, label in (("suite", "task-query suite"), ("held_out", "held-out task queries (never tuned on)")):
        rows = quality.get(key)
        if not rows:
            continue
        lines.append(f"  {label}: top-1 / top-3 / top-10")
        for tool, row in rows.items():
            lines.append(f"    {tool:11} {row['top1']:6.1%} {row['top3']:6.1%} {row['top10']:6.1%}   ({row['queries']} queries)")
    for kind in ("names", "flags"):
        row = quality.get(kind)
        if row:
            lines.append(f"  {kind}: top-1 {row['top1']:.0%}, top-3 {row['top3']:.0%}, top-10 {row['top10']:.0%} "
                         f"of {row['queries']} ({', '.join(m['q'] for m in row['misses']) or 'all first'})")
    payload = search.get("payload")
    if payload:
        now, before = payload["now"], payload["before"]
        lines.append(f"  search payload: {_kb(now['bytes'])} ({_kb(now['gzip_bytes'])} gzip) now, "
                     f"{_kb(before['bytes'])} ({_kb(before['gzip_bytes'])} gzip) with the replaced design: "
                     f"x{payload['ratio']:.2f} (x{payload['ratio_gzip']:.2f} gzip)")
        lines.append("    now: " + ", ".join(f"{name} {_kb(size['bytes'])}" for name, size in now["files"].items()))
    return lines


def _pct(value) -> str:
    return "-" if value is None else f"{value * 100:.0f}"


def _top(row: dict | None, ks=(1, 3, 10)) -> str:
    return "-" if not row else "/".join(_pct(row.get(f"top{k}")) for k in ks)


def _engine_row(label: str, engine: dict, with_quality: bool) -> list[str]:
    """One engine: its figures, or what failed."""
    if "error" in engine:
        return [f"  {label:32} error: {engine['error'][:240]}"]
    quality, timing, payload = engine.get("quality", {}), engine.get("timing", {}), engine.get("payload", {})
    cells = []
    if with_quality:
        if "error" in quality:
            cells.append(f"quality error: {quality['error'][:120]}")
        else:
            suite, held_out = quality.get("suite", {}).get("all"), quality.get("held_out", {}).get("all")
            cells.append(f"{_top(suite):>12} {_top(held_out):>12} {_top(quality.get('names'), (1,)):>5} "
                         f"{_top(quality.get('flags'), (1,)):>5}")
    cells.append(f"{timing['first_result_ms']:>7.0f} ms" if "first_result_ms" in timing
                 else f"time error: {timing.get('error', 'not measured')[:100]}")
    cells.append(f"{_kb(payload['gzip_bytes']):>9} ({_kb(payload['bytes'])})" if "gzip_bytes" in payload
                 else f"payload error: {payload.get('error', 'not measured')[:100]}")
    lines = [f"  {engine.get('label', label):32} " + "  ".join(cells)]
    if with_quality and "suite" in quality:
        tools = [tool for tool in quality["suite"] if tool != "all"]
        lines.append("  " + " " * 34 + "per tool, suite (held-out) top-1/3: " + "; ".join(
            f"{tool} {_top(quality['suite'][tool], (1, 3))} ({_top(quality.get('held_out', {}).get(tool), (1, 3))})"
            for tool in tools))
    return lines


def _engine_lines(results: dict) -> list[str]:
    engines = results.get("engines", {})
    lines = ["Search engines on the same queries, pages and browser (benchmarks/engines.py)"]
    if engines.get("skipped"):
        return lines + [f"  skipped: {engines['skipped']}", ""]
    real = engines.get("real")
    if real:
        lines.append(f"  real site, query '{real.get('ours', {}).get('timing', {}).get('query', '?')}' for the time "
                     "from navigation start to the first result:")
        lines.append(f"  {'engine':32} {'suite 1/3/10':>12} {'held-out':>12} {'names':>5} {'flags':>5}  "
                     f"{'1st result':>10}  {'payload gzip':>9} (raw)")
        if "error" in real:
            lines.append(f"  error: {real['error'][:300]}")
        for key in ("ours", "lunr", "pagefind"):
            if key in real:
                lines.extend(_engine_row(key, real[key], with_quality=True))
        index = real.get("pagefind", {}).get("index")
        if index:
            lines.append(f"  Pagefind {index['version']} indexed {index['pages']} pages in {index['index_s']:.1f} s: "
                         f"{index['bundle_files']} files, {_kb(index['bundle_bytes'])}; a search fetches only the "
                         "chunks it needs (payload above: one query and its first 10 results)")
    corpus = engines.get("corpus")
    if corpus:
        if "error" in corpus:
            lines.append(f"  corpus: error: {corpus['error'][:300]}")
        else:
            lines.append(f"  {corpus['entries']:,}-entry corpus, query '{corpus['query']}':")
            lines.append(f"  {'engine':32} {'1st result':>10}  {'payload gzip':>9} (raw)")
            for key in ("ours", "lunr", "pagefind"):
                if key in corpus:
                    lines.extend(_engine_row(key, corpus[key], with_quality=False))
    lines.append("  (top-k in %: the task suite and held-out queries, all tools; names and flags: first on the exact "
                 "anchor, a flag on its option row)")
    lines.append("")
    return lines


def table(results: dict) -> str:
    meta = results["meta"]
    lines = [f"MLOps Cheat Sheet benchmarks, {meta['date']}",
             f"Machine: nproc {meta['nproc']}, {meta['cpu']}, memory {meta['memory']}; Python {meta['python']}, "
             f"MkDocs {meta['mkdocs']}, Material {meta['material']}",
             f"Load average at start / end: {meta['loadavg_start']} / {meta.get('loadavg_end', '?')}", ""]

    lines.append("Builds: `mkdocs build` in a fresh subprocess, median of runs (ours = YAML + plugin; "
                 "plain = the same Markdown pre-rendered, no plugin)")
    lines.append(f"{'entries':>8} {'pages':>6} {'runs':>4} | {'ours wall':>9} {'plain wall':>10} {'ratio':>6} | "
                 f"{'ours CPU':>9} {'plain CPU':>9} {'ratio':>6} | {'ours RSS':>9} {'plain RSS':>9} {'ratio':>6}")
    for size, build in _measured(lines, results, "builds"):
        ours, plain = build["ours"], build["plain"]
        lines.append(
            f"{int(size):>8,} {build['pages']:>6} {build['runs']:>4} | {_seconds(ours['wall_s']):>9} "
            f"{_seconds(plain['wall_s']):>10} {build['ratio_wall']:>6.3f} | {_seconds(ours['cpu_s']):>9} "
            f"{_seconds(plain['cpu_s']):>9} {build['ratio_cpu']:>6.3f} | {ours['peak_rss_mb']:>6.0f} MB "
            f"{plain['peak_rss_mb']:>6.0f} MB {build['memory_ratio']:>6.3f}")
    lines.append("")

    lines.append("Generator alone, in-process: CPU seconds per 1,000 entries (median)")
    lines.append(f"{'entries':>8} | {'parse':>6} {'validate':>8} {'model':>6} {'load':>6} {'render':>6} "
                 f"{'total':>6} | {'jsonschema-only validate (before)':>33}")
    for size, generator in _measured(lines, results, "generator"):
        per = generator["seconds_per_1000_entries"]
        lines.append(f"{int(size):>8,} | {per['parse']:>6.3f} {per['validate']:>8.3f} {per['model']:>6.3f} "
                     f"{per['load']:>6.3f} {per['render']:>6.3f} {per['total']:>6.3f} | "
                     f"{per['validate_jsonschema_only']:>33.3f}")
    lines.append("  (load = parse + validate + model + site-wide checks, as the plugin runs them)")
    lines.append("")

    rebuild = results.get("rebuild", {})
    lines.append(f"Warm rebuild, as `mkdocs serve` does it ({rebuild.get('entries', 0):,} entries, one YAML file edited)")
    if "error" in rebuild or "skipped" in rebuild:
        lines.append(f"  {rebuild.get('error', '')[:300] or 'skipped: ' + rebuild['skipped']}")
    elif rebuild:
        cold = rebuild["cold"]
        lines.append(f"  cold build {_seconds(cold['build_cpu_s'])} CPU ({_seconds(cold['build_s'])} wall), plugin "
                     f"{_seconds(cold['plugin_cpu_s'])} CPU ({cold['parsed']} files parsed, {cold['rendered']} "
                     f"pages rendered)")
        lines.append(f"  rebuild {_seconds(rebuild['rebuild_cpu_s'])} CPU ({_seconds(rebuild['rebuild_s'])} wall), "
                     f"plugin on_files {rebuild['plugin_cpu_s'] * 1000:.0f} ms CPU "
                     f"({rebuild['plugin_s'] * 1000:.0f} ms wall) = {rebuild['plugin_share'] * 100:.2f} % of it; "
                     f"parsed {rebuild['parsed']} file(s), rendered {rebuild['rendered']} page(s); "
                     f"plugin instance kept: {'yes' if rebuild['same_plugin'] else 'no'}")
    lines.append("")

    weight = results.get("weight", {})
    lines.append("Page weight of the real site: gzip bytes of a first visit, search index excluded")
    if "error" in weight:
        lines.append(f"  error: {weight['error'][:300]}")
    else:
        for key, label in (("home", "home"), ("largest", "largest tool page")):
            page = weight.get(key)
            if page:
                kinds = ", ".join(f"{kind} {_kb(size)}" for kind, size in sorted(page["by_kind"].items()))
                lines.append(f"  {label} ({page['page']}): {_kb(page['gzip_bytes'])}; stock Material "
                             f"{_kb(page['stock_gzip_bytes'])}; {kinds}")
        if "own_assets" in weight:
            own = weight["own_assets"]
            lines.append(f"  our own CSS + JS: {_kb(own['gzip_bytes'])} gzip ("
                         + ", ".join(f"{Path(name).name} {size} B" for name, size in own["files"].items()) + ")")
        index = weight.get("search_index")
        if index:
            lines.append(f"  search index the page fetches (Material's, without the entries): {_kb(index['bytes'])} ({_kb(index['gzip_bytes'])} gzip) for "
                         f"{index['entries']} entries: {index['bytes_per_entry']} B per entry "
                         f"({index['gzip_bytes_per_entry']} B gzip)")
        corpus_index = weight.get("corpus_search_index")
        if corpus_index:
            lines.append(f"  search index of the {corpus_index['entries']:,}-entry corpus: "
                         f"{_kb(corpus_index['bytes'])} ({_kb(corpus_index['gzip_bytes'])} gzip), "
                         f"{corpus_index['bytes_per_entry']} B per entry")
    lines.append("")

    search = results.get("search", {})
    lines.append("Search in headless Chromium: navigation start to first result, query typed on load (median)")
    for key, label in (("real", "real site"), ("corpus", "corpus")):
        found = search.get(key)
        if not found:
            continue
        if "error" in found or "skipped" in found:
            lines.append(f"  {label}: {found.get('error') or found.get('skipped')}")
            continue
        name = label if key == "real" else f"{found['entries']:,}-entry corpus"
        lines.append(f"  {name}: '{found['query']}' -> first result at {found['first_result_ms']:.0f} ms "
                     f"(page loaded at {found['loaded_ms']:.0f} ms, search index ready at "
                     f"{found['index_ready_ms']:.0f} ms, of which fetching and parsing its JSON "
                     f"{found['index_fetch_parse_ms']:.0f} ms; {found['runs']} runs); "
                     f"first hit {found['samples'][0]['first_result_href'].split('/', 3)[-1]}")
        lines.append(f"    search worker from start to ready (fetching and indexing search/cheatsheet.json): "
                     f"{found['worker_ready_ms']:.0f} ms; Material's index holds {found['documents']:,} documents")
    lines.extend(_search_quality_lines(search))
    if search.get("skipped"):
        lines.append(f"  skipped: {search['skipped']}")
    lines.append("")

    lines.extend(_engine_lines(results))

    lines.extend(_layout_lines(results))
    lines.append("")

    lighthouse = results.get("lighthouse", {})
    index = lighthouse.get("largest", {}).get("benchmark_index")
    lines.append("Lighthouse 12.2.3, mobile: performance / accessibility / best practices / SEO (median run)"
                 + (f"; host benchmark index {index} (Lighthouse's 4x CPU slowdown is calibrated for about 1,533)"
                    if index else ""))
    if lighthouse.get("skipped"):
        lines.append(f"  skipped: {lighthouse['skipped']}")
    for key in ("home", "largest", "largest_2", "largest_3", "stock_home", "stock_largest",
                "home_reference", "largest_reference", "largest_reference_without_material"):
        found = lighthouse.get(key)
        if not found:
            continue
        label = key.replace("stock_", "stock Material, ")
        if key.endswith("_reference") and "cpu_multiplier" in found:
            label = f"{key[: -len('_reference')]}, CPU {found['cpu_multiplier']}x (reference phone on this host)"
        if key.endswith("_without_material") and "cpu_multiplier" in found:
            label = (f"largest, CPU {found['cpu_multiplier']}x, without Material's script "
                     "(the page's own share; not a target)")
        if "error" in found:
            lines.append(f"  {label}: cannot run: {found['error'][:300]}")
            continue
        scores = found["scores"]
        lines.append(f"  {label} (/{found['url'].split('/', 3)[-1]}): " +
                     " / ".join(str(scores[name]) for name in scores) +
                     f" (performance in {found['runs']} runs: {found['performance_runs']})" +
                     "; " + ", ".join(f"{name} {value} ms" for name, value in found.get("metrics_ms", {}).items()))
        blocking = found.get("blocking_by_source_ms")
        if blocking:
            lines.append("    blocking time after first paint, by source: "
                         + ", ".join(f"{source} {value} ms" for source, value in blocking.items()))
        for category, lost in found.get("lost_points", {}).items():
            lines.append(f"    {category} lost points on: {'; '.join(lost)}")
    lines.append("")

    lines.append("Targets")
    for target in results.get("targets", []):
        value = target["value"]
        if isinstance(value, dict):
            value = "/".join(str(v) for v in value.values())
        note = f" ({target['note']})" if target["note"] else ""
        lines.append(f"  {target['status']:<4} {target['target']}: {value} (limit {target['limit']}){note}")
    return "\n".join(lines)


def write(results: dict, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = results["meta"]["date"].replace(":", "").replace("-", "").replace(" ", "-").replace("UTC", "").strip("-")
    path = out_dir / f"bench-{stamp}.json"
    text = json.dumps(results, indent=2, sort_keys=False, default=str)
    path.write_text(text + "\n", encoding="utf-8")
    (out_dir / "latest.json").write_text(text + "\n", encoding="utf-8")
    return path
