"""`python -m benchmarks`: measure, print a table, write benchmarks/results/*.json.

    python -m benchmarks                   1,000, 5,000 and 20,000 entries (~15-25 min on 2 cores)
    python -m benchmarks --quick           a 1,000-entry corpus only
    python -m benchmarks --sizes 100 --runs 1 --skip lighthouse --out /tmp/x
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

from . import builds, engines, generator, layout, lighthouse, machine, projects, rebuild, report, search, weight
from .corpus import ENTRIES_PER_PAGE, write_corpus
from .server import Server

ROOT = projects.ROOT
SIZES = [1000, 5000, 20000]
SECTIONS = ["builds", "generator", "rebuild", "weight", "search", "engines", "layout", "lighthouse"]
REAL_QUERY = "docker run"
_started = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - _started:7.1f} s] {message}", file=sys.stderr, flush=True)


def runs_for(size: int, override: int | None) -> int:
    if override:
        return override
    return 5 if size <= 1000 else 3 if size <= 5000 else 2


def _error(error: BaseException) -> dict:
    traceback.print_exc(file=sys.stderr)
    return {"error": f"{type(error).__name__}: {error}"}


def _median_run(samples: list[builds.BuildRun]) -> dict:
    return {
        "wall_s": statistics.median(sample.seconds for sample in samples),
        "cpu_s": statistics.median(sample.cpu_seconds for sample in samples),
        "peak_rss_mb": statistics.median(sample.peak_rss_mb for sample in samples),
        "samples": [vars(sample) for sample in samples],
    }


def prepare(tmp: Path, size: int) -> dict:
    """A corpus of `size` entries, its pre-rendered twin and both projects."""
    base = tmp / str(size)
    corpus = write_corpus(base / "ours" / "docs", size)
    projects.prerender(corpus.docs_dir, base / "plain" / "docs")
    return {
        "corpus": corpus,
        "ours": projects.make_project(base / "ours", corpus.docs_dir),
        "plain": projects.make_project(base / "plain", base / "plain" / "docs", plugin=False),
        "site_ours": base / "site-ours",
        "site_plain": base / "site-plain",
    }


def bench_builds(project: dict, runs: int) -> dict:
    ours: list[builds.BuildRun] = []
    plain: list[builds.BuildRun] = []
    for run in range(runs):
        # Alternate the order so that drift in the machine's load hits both.
        order = [("ours", ours), ("plain", plain)] if run % 2 == 0 else [("plain", plain), ("ours", ours)]
        for name, samples in order:
            log(f"  build {name}, run {run + 1}/{runs}")
            samples.append(builds.mkdocs_build(project[name], project[f"site_{name}"]))
    corpus = project["corpus"]
    result = {"entries": corpus.entries, "pages": corpus.pages, "yaml_bytes": corpus.yaml_bytes, "runs": runs,
              "ours": _median_run(ours), "plain": _median_run(plain)}
    result["ratio_wall"] = result["ours"]["wall_s"] / result["plain"]["wall_s"]
    result["ratio_cpu"] = result["ours"]["cpu_s"] / result["plain"]["cpu_s"]
    result["memory_ratio"] = result["ours"]["peak_rss_mb"] / result["plain"]["peak_rss_mb"]
    result["plugin_overhead_s"] = result["ours"]["wall_s"] - result["plain"]["wall_s"]
    return result


def real_site_pages() -> tuple[int, list[str]]:
    """Entries of the real site and the HTML paths of its generated pages."""
    from cheatsheet.core import SiteLoader, discover

    site = SiteLoader().load(discover(ROOT / "docs"))
    paths = [page.md_path[: -len(".md")] + "/index.html" for page in site.pages]
    return sum(len(page.entries) for page in site.pages), paths


def build_real(tmp: Path, origin: str, site_dir: Path) -> dict:
    """The real site, as configured, built for the local origin."""
    env = {"SITE_URL": origin + "/"}
    note = ""
    try:
        run = builds.mkdocs_build(ROOT / "mkdocs.yml", site_dir, env=env)
    except builds.BuildFailed as error:
        # Work in progress elsewhere in docs/ can trip strict mode; measure anyway.
        note = f"strict build failed, measured a --no-strict build: {str(error)[-300:]}"
        log("  " + note)
        stripped = projects.make_project(tmp / "real-project", ROOT / "docs", nav=True)
        run = builds.mkdocs_build(stripped, site_dir, env=env)
    return {"build_s": run.seconds, "note": note}


def build_stock(tmp: Path, origin: str, site_dir: Path) -> None:
    """The real site with stock Material: the same config and pages, no theme overrides."""
    stock = projects.make_project(tmp / "stock-project", ROOT / "docs", custom_dir=False, nav=True)
    builds.mkdocs_build(stock, site_dir, env={"SITE_URL": origin + "/"})


def bench_weight(site_dir: Path, stock_dir: Path, entries: int, home: str, largest: str) -> dict:
    out: dict = {}
    for key, page in (("home", home), ("largest", largest)):
        out[key] = weight.first_visit(site_dir, page)
        out[key]["stock_gzip_bytes"] = weight.first_visit(stock_dir, page)["gzip_bytes"]
    out["own_assets"] = weight.own_assets(site_dir, ROOT / "overrides")
    out["search_index"] = weight.search_index(site_dir, entries)
    return out


def real_site(tmp: Path, results: dict, need: set[str], search_runs: int) -> None:
    """Weight, search and Lighthouse of the real site, each served locally
    (with a stock Material build of it beside, for comparison)."""
    real_root, stock_root = tmp / "webroot", tmp / "webroot-stock"
    real_root.mkdir()
    stock_root.mkdir()
    with Server(real_root) as server, Server(stock_root) as stock_server:
        log("real site: building for the local server, and again with stock Material")
        try:
            results["real_site"] = build_real(tmp, server.origin, real_root)
            entries, pages = real_site_pages()
            results["real_site"]["entries"] = entries
            existing = [page for page in pages if (real_root / page).is_file()]
            largest = max(existing, key=lambda page: (real_root / page).stat().st_size)
            results["real_site"]["largest_page"] = largest
            three_largest = layout.largest_pages(real_root, existing)
        except Exception as error:  # noqa: BLE001 - report and go on
            results["real_site"] = _error(error)
            for section in need:
                results[section] = {"error": "the real site did not build"}
            return
        stock_built = False
        if need & {"weight", "lighthouse", "engines"}:
            try:
                build_stock(tmp, stock_server.origin, stock_root)
                stock_built = True
            except Exception as error:  # noqa: BLE001 - each section that needs it reports it
                results["real_site"]["stock_error"] = _error(error)["error"]
        if "weight" in need:
            try:
                results["weight"].update(bench_weight(real_root, stock_root, entries, "index.html", largest))
            except Exception as error:  # noqa: BLE001
                results["weight"] = _error(error)
        if "search" in need:
            log("search: real site")
            try:
                results["search"]["real"] = search.first_result(server.origin + "/", REAL_QUERY, search_runs)
            except Exception as error:  # noqa: BLE001
                results["search"]["real"] = _error(error)
            log("search: task-query suite, held-out queries, names and flags")
            try:
                results["search"]["quality"] = search.quality(server.origin + "/")
                results["search"]["payload"] = search.payload(real_root)
            except Exception as error:  # noqa: BLE001
                results["search"]["quality"] = _error(error)
        if "engines" in need:
            log("search engines: ours, Material's lunr and Pagefind on the same queries")
            try:
                results["engines"]["real"] = engines.real_site(
                    tmp, real_root, server.origin, stock_root if stock_built else None, stock_server.origin,
                    results["search"], REAL_QUERY, search_runs)
            except Exception as error:  # noqa: BLE001
                results["engines"]["real"] = _error(error)
        if "layout" in need:
            measured = list(dict.fromkeys(three_largest + layout.TARGET_PAGES))
            log(f"layout: heights, DOM size and code blocks of {', '.join(measured)}")
            try:
                results["layout"]["pages"] = layout.measure(server.origin + "/", measured)
            except Exception as error:  # noqa: BLE001
                results["layout"] = _error(error)
        if "lighthouse" in need:
            # The second and third largest pages too (the first is "largest").
            for rank, path in enumerate(three_largest[1:], start=2):
                log(f"lighthouse: largest_{rank} {server.origin}/{path}")
                results["lighthouse"][f"largest_{rank}"] = lighthouse.scores(f"{server.origin}/{path}")
            largest_path = largest[: -len("index.html")]
            for key, origin in (("home", server.origin), ("largest", server.origin),
                                ("stock_home", stock_server.origin), ("stock_largest", stock_server.origin)):
                url = f"{origin}/{largest_path if key.endswith('largest') else ''}"
                log(f"lighthouse: {key} {url}")
                results["lighthouse"][key] = lighthouse.scores(url)
            # Home and largest again with the CPU slowed to the reference
            # phone on this host (the default 4x flatters a fast host).
            index = results["lighthouse"]["largest"].get("benchmark_index")
            if index:
                multiplier = lighthouse.reference_multiplier(index)
                for key in ("home", "largest"):
                    url = f"{server.origin}/{largest_path if key == 'largest' else ''}"
                    log(f"lighthouse: {key}_reference {url} (CPU {multiplier:.1f}x for benchmark index {index})")
                    results["lighthouse"][f"{key}_reference"] = lighthouse.scores(url, cpu_multiplier=multiplier)
                # The largest page once more without Material's script: what
                # the page itself costs, and so what Material's start-up does.
                try:
                    copy = lighthouse.without_material_script(real_root / largest)
                    url = f"{server.origin}/{largest_path}{copy.name}"
                    log(f"lighthouse: largest_reference_without_material {url}")
                    results["lighthouse"]["largest_reference_without_material"] = lighthouse.scores(
                        url, cpu_multiplier=multiplier)
                except ValueError as error:
                    results["lighthouse"]["largest_reference_without_material"] = _error(error)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a 1,000-entry corpus only")
    parser.add_argument("--sizes", type=int, nargs="+", help=f"corpus sizes in entries (default {SIZES})")
    parser.add_argument("--runs", type=int, help="build runs per size (default 5, 3 or 2 by size)")
    parser.add_argument("--search-runs", type=int, default=5, help="browser runs per site (default 5)")
    parser.add_argument("--skip", nargs="+", choices=SECTIONS, default=[], help="sections to leave out")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results",
                        help="where to write the JSON (default benchmarks/results/)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary corpora and sites")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes or ([1000] if args.quick else SIZES)))
    if any(size < ENTRIES_PER_PAGE or size % ENTRIES_PER_PAGE for size in sizes):
        parser.error(f"sizes must be multiples of {ENTRIES_PER_PAGE}")
    skip = set(args.skip)

    results: dict = {"meta": machine.describe(), "args": {"sizes": sizes, "runs": args.runs, "skip": sorted(skip),
                                                         "quick": args.quick}}
    for section in SECTIONS:
        results[section] = {"skipped": "--skip"} if section in skip else {}
    tmp_holder = tempfile.TemporaryDirectory(prefix="cheatsheet-bench-")
    tmp = Path(tmp_holder.name)
    if args.keep:
        tmp_holder._finalizer.detach()  # type: ignore[attr-defined]
        log(f"keeping {tmp}")
    try:
        prepared: dict[int, dict] = {}
        for size in sizes:
            log(f"corpus of {size:,} entries: generating and pre-rendering")
            prepared[size] = prepare(tmp, size)
            if "builds" not in skip:
                try:
                    results["builds"][str(size)] = bench_builds(prepared[size], runs_for(size, args.runs))
                except Exception as error:  # noqa: BLE001 - report and go on
                    results["builds"][str(size)] = _error(error)
            if "generator" not in skip:
                log(f"generator alone on {size:,} entries")
                try:
                    results["generator"][str(size)] = generator.phases(
                        prepared[size]["corpus"].docs_dir, size, 3 if size <= 5000 else 2)
                except Exception as error:  # noqa: BLE001
                    results["generator"][str(size)] = _error(error)
        largest = prepared[max(sizes)]
        corpus = largest["corpus"]

        if "rebuild" not in skip:
            log(f"warm rebuild on {corpus.entries:,} entries (in-process, as mkdocs serve)")
            try:
                results["rebuild"] = rebuild.warm_rebuilds(largest["ours"], corpus.docs_dir / corpus.sample_page,
                                                           tmp / "site-serve", rebuilds=3)
                results["rebuild"]["entries"] = corpus.entries
            except Exception as error:  # noqa: BLE001
                results["rebuild"] = _error(error)

        need_real = {"weight", "search", "engines", "layout", "lighthouse"} - skip
        if need_real:
            real_site(tmp, results, need_real, args.search_runs)
        if "weight" not in skip and (largest["site_ours"] / "search").is_dir():
            results["weight"]["corpus_search_index"] = weight.search_index(largest["site_ours"], corpus.entries)
        if "search" not in skip:
            log(f"search: {corpus.entries:,}-entry corpus")
            try:
                if not (largest["site_ours"] / "index.html").is_file():
                    builds.mkdocs_build(largest["ours"], largest["site_ours"])
                with Server(largest["site_ours"]) as server:
                    found = search.first_result(server.origin + "/", corpus.sample_name,
                                                max(1, min(3, args.search_runs)))
                results["search"]["corpus"] = {**found, "entries": corpus.entries}
            except Exception as error:  # noqa: BLE001
                results["search"]["corpus"] = {**_error(error), "entries": corpus.entries}
        if "engines" not in skip:
            log(f"search engines: {corpus.entries:,}-entry corpus")
            try:
                if not (largest["site_ours"] / "index.html").is_file():
                    builds.mkdocs_build(largest["ours"], largest["site_ours"])
                results["engines"]["corpus"] = engines.corpus(
                    tmp, largest["site_ours"], corpus.entries, results["search"].get("corpus", {}),
                    corpus.sample_name, max(1, min(3, args.search_runs)))
            except Exception as error:  # noqa: BLE001
                results["engines"]["corpus"] = _error(error)
    finally:
        if not args.keep:
            tmp_holder.cleanup()
    results["meta"]["loadavg_end"] = machine.loadavg()
    results["meta"]["total_s"] = round(time.perf_counter() - _started, 1)
    results["targets"] = report.targets(results)
    print(report.table(results))
    path = report.write(results, args.out)
    print(f"\nJSON: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
