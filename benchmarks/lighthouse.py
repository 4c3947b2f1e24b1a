"""Lighthouse 12.2.3 scores (mobile, the default form factor) with Debian's
chromium, median of three runs (the performance score moves from run to run).
Installed with npm into benchmarks/.node/ (gitignored) on first use. Any
failure is returned as {"error": ...}, never raised.

Lighthouse slows the host's CPU 4x, a factor calibrated for a desktop whose
benchmark index (Lighthouse's own CPU measure, reported with every run) is
about 1,533. On a faster host the same page scores higher, so each result
carries the host's index, and reference_multiplier() gives the slowdown that
matches the reference phone on this host (Lighthouse's CPU throttling
calculator, linked from its docs/throttling.md)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

VERSION = "12.2.3"
NODE_DIR = Path(__file__).resolve().parent / ".node"
CLI = NODE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
DEFAULT_MULTIPLIER = 4.0


def reference_multiplier(benchmark_index: float) -> float:
    """The CPU slowdown that brings a host of this benchmark index to the
    phone Lighthouse's 4x stands for: piecewise linear through 150 -> 1x,
    800 -> 2x, 1,300 -> 3x and 1,533 -> 4x, then +1x per 233 (the figures of
    patrickhulce/lighthouse-cpu-throttling-calculator, pages/index.js at
    a9c67dc, which Lighthouse's docs/throttling.md links to)."""
    if benchmark_index >= 1300:
        return 3 + (benchmark_index - 1300) / 233
    if benchmark_index >= 800:
        return 2 + (benchmark_index - 800) / 500
    return max(1.0, 1 + (benchmark_index - 150) / 650)


def ensure_installed() -> str | None:
    """Install Lighthouse if missing; an error message, or None when ready."""
    if not shutil.which("node") or not shutil.which("npm"):
        return "node and npm are needed for Lighthouse"
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (run scripts/setup.sh test)"
    installed = NODE_DIR / "node_modules" / "lighthouse" / "package.json"
    if installed.exists() and json.loads(installed.read_text()).get("version") == VERSION:
        return None
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["npm", "install", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund", "--loglevel=error",
         "--save-exact", f"lighthouse@{VERSION}"],
        env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}, capture_output=True, text=True, timeout=600)
    if result.returncode != 0 or not CLI.exists():
        return f"npm install lighthouse@{VERSION} failed: {(result.stderr or result.stdout).strip()[-500:]}"
    return None


# Diagnostics (no weight of their own) that explain a performance score.
DIAGNOSTICS = ("render-blocking-resources", "dom-size", "mainthread-work-breakdown", "bootup-time",
               "unused-css-rules", "unused-javascript", "long-tasks")


def _failing_audits(report: dict, category: str) -> list[str]:
    """Audits that cost points in a category, worst first, then the
    performance diagnostics that flag something."""
    audits = report["audits"]
    failing = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits.get(ref["id"], {})
        score = audit.get("score")
        if ref.get("weight", 0) > 0 and score is not None and score < 1:
            failing.append((score, ref["id"], audit.get("displayValue", "")))
    out = [f"{name} ({score:.2f}{', ' + value if value else ''})" for score, name, value in sorted(failing)]
    if category == "performance" and out:
        for name in DIAGNOSTICS:
            audit = audits.get(name, {})
            if audit.get("score") is not None and audit["score"] < 1 and audit.get("displayValue"):
                out.append(f"[{name}: {audit['displayValue']}]")
    return out


def _run(url: str, timeout_s: float, cpu_multiplier: float = DEFAULT_MULTIPLIER) -> dict:
    """One Lighthouse run: its JSON report, or {"error": ...}."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as work:
        output = Path(work) / "report.json"
        command = ["node", str(CLI), url, "--output=json", f"--output-path={output}",
                   f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}", "--quiet",
                   f"--throttling.cpuSlowdownMultiplier={cpu_multiplier:.2f}"]
        env = {**os.environ, "CHROME_PATH": CHROMIUM, "TMPDIR": work}
        try:
            result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout_s)
        except subprocess.TimeoutExpired:
            return {"error": f"lighthouse timed out after {timeout_s:.0f} s"}
        if result.returncode != 0 or not output.exists():
            return {"error": f"lighthouse exited {result.returncode}: "
                             f"{(result.stderr or result.stdout).strip()[-800:]}"}
        report = json.loads(output.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        return {"error": f"lighthouse: {report['runtimeError'].get('message')}"}
    return report


# Where a long task's time is charged, by the script Lighthouse attributes
# it to: the file name decides, not the path (the project's sub-path,
# /mlops-cheatsheet/, has "cheatsheet" in every URL, the page's own too).
OUR_SCRIPTS = ("cheatsheet.js", "cheatsheet-search-ui.js")


def task_source(url: str, page_url: str) -> str:
    """Who a long task belongs to: Material's script, ours, the page's own
    parsing, style and layout, or something Lighthouse cannot attribute."""
    name = url.rsplit("/", 1)[-1].split("?", 1)[0]
    if name.startswith("bundle.") and name.endswith(".min.js"):
        return "Material's script"
    if name in OUR_SCRIPTS:
        return "our scripts"
    if url and url.split("#", 1)[0] == page_url.split("#", 1)[0]:
        return "the page (parsing, style, layout)"
    return "unattributed"


def blocking_by_source(report: dict, page_url: str) -> dict[str, int]:
    """Blocking time (a long task's time past 50 ms) after the first
    contentful paint, per source: what Total Blocking Time is made of. From
    the long-tasks audit, in the run's simulated time, so it adds up to about
    the TBT Lighthouse reports (which also counts tasks the paint splits)."""
    audits = report.get("audits", {})
    first_paint = audits.get("first-contentful-paint", {}).get("numericValue") or 0
    out: dict[str, int] = {}
    for task in audits.get("long-tasks", {}).get("details", {}).get("items", []):
        if task.get("startTime", 0) < first_paint:
            continue
        source = task_source(task.get("url", ""), page_url)
        out[source] = out.get(source, 0) + max(0, round(task.get("duration", 0) - 50))
    return dict(sorted(out.items(), key=lambda item: -item[1]))


MATERIAL_SCRIPT = re.compile(r'<script src="[^"]*/bundle\.[0-9a-f]+\.min\.js"></script>')


def without_material_script(page: Path) -> Path:
    """A copy of a built page beside it, without Material's script: the
    page's own share of its start-up, to set against Material's. Lighthouse
    on both says how much of a score Material's start-up costs."""
    html = page.read_text(encoding="utf-8")
    stripped, found = MATERIAL_SCRIPT.subn("", html)
    if found != 1:
        raise ValueError(f"{page}: {found} Material bundle script tags, expected 1")
    copy = page.with_name("without-material.html")
    copy.write_text(stripped, encoding="utf-8")
    return copy


def scores(url: str, runs: int = 3, timeout_s: float = 300,
           cpu_multiplier: float = DEFAULT_MULTIPLIER) -> dict:
    """The four category scores (0-100) of one URL, with what cost points:
    the run with the median performance score (it varies from run to run),
    and the host's median benchmark index."""
    error = ensure_installed()
    if error:
        return {"url": url, "error": error}
    reports = []
    for _ in range(runs):
        report = _run(url, timeout_s, cpu_multiplier)
        if "error" in report:
            return {"url": url, **report}
        reports.append(report)
    reports.sort(key=lambda report: report["categories"]["performance"]["score"] or 0)
    report = reports[len(reports) // 2]
    indexes = sorted(r.get("environment", {}).get("benchmarkIndex") or 0 for r in reports)
    out: dict = {"url": url, "runs": runs, "scores": {}, "lost_points": {},
                 "cpu_multiplier": round(cpu_multiplier, 2), "benchmark_index": round(indexes[len(indexes) // 2]),
                 "performance_runs": [round((r["categories"]["performance"]["score"] or 0) * 100) for r in reports]}
    for category in CATEGORIES:
        score = report["categories"][category]["score"]
        out["scores"][category] = None if score is None else round(score * 100)
        lost = _failing_audits(report, category)
        if lost:
            out["lost_points"][category] = lost
    metrics = report["audits"].get("metrics", {}).get("details", {}).get("items", [{}])[0]
    out["metrics_ms"] = {name: round(metrics[name]) for name in
                         ("firstContentfulPaint", "largestContentfulPaint", "totalBlockingTime", "speedIndex")
                         if isinstance(metrics.get(name), (int, float))}
    out["blocking_by_source_ms"] = blocking_by_source(report, url)
    return out
