"""A warm rebuild as `mkdocs serve` does it, in this process.

serve loads the config again for every rebuild and keeps the plugin instance
(MkDocs keeps plugins that define on_startup), then runs a full build. We do
the same: a cold build, then an edit of one YAML file and a rebuild, a few
times, timing our plugin's on_files against the whole build (CPU time, and
wall time for reference) and counting the files parsed (SiteLoader.parsed) and pages rendered (Renderer.rendered).
"""

from __future__ import annotations

import logging
import statistics
import time
from contextlib import contextmanager
from pathlib import Path

SERVE_URL = "http://127.0.0.1:8000/"


@contextmanager
def _timed_on_files(timings: list[float]):
    # Patched on the class before any config is loaded: MkDocs registers the
    # bound method when it loads the plugin.
    from cheatsheet.plugin.plugin import CheatsheetPlugin

    original = CheatsheetPlugin.on_files

    def on_files(self, files, *, config):
        start = time.perf_counter(), time.process_time()
        try:
            return original(self, files, config=config)
        finally:
            timings.append((time.perf_counter() - start[0], time.process_time() - start[1]))

    CheatsheetPlugin.on_files = on_files
    try:
        yield
    finally:
        CheatsheetPlugin.on_files = original


def _edit(path: Path, number: int) -> None:
    """Change one file's content (a comment line), as saving an edit would."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"# benchmark edit {number}\n", encoding="utf-8")


def warm_rebuilds(config_file: Path, edit_file: Path, site_dir: Path, rebuilds: int = 2) -> dict:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)
    timings: list[float] = []
    runs = []
    try:
        with _timed_on_files(timings):
            def get_config():
                config = load_config(config_file=str(config_file), site_dir=str(site_dir))
                config.site_url = SERVE_URL
                return config

            config = get_config()
            config.plugins.on_startup(command="serve", dirty=False)
            plugin = config.plugins["cheatsheet"]
            start = time.perf_counter(), time.process_time()
            build(config, serve_url=SERVE_URL)
            cold = {"build_s": time.perf_counter() - start[0], "build_cpu_s": time.process_time() - start[1],
                    "plugin_s": timings[-1][0], "plugin_cpu_s": timings[-1][1],
                    "parsed": plugin.loader.parsed, "rendered": plugin.renderer.rendered}
            for number in range(rebuilds):
                _edit(edit_file, number)
                config = get_config()
                same_plugin = config.plugins["cheatsheet"] is plugin
                start = time.perf_counter(), time.process_time()
                build(config, serve_url=SERVE_URL)
                wall, cpu = time.perf_counter() - start[0], time.process_time() - start[1]
                current = config.plugins["cheatsheet"]
                runs.append({"build_s": wall, "build_cpu_s": cpu, "plugin_s": timings[-1][0],
                             "plugin_cpu_s": timings[-1][1], "same_plugin": same_plugin,
                             "parsed": current.loader.parsed, "rendered": current.renderer.rendered})
            config.plugins.on_shutdown()
    finally:
        logger.setLevel(level)
    def median(key: str) -> float:
        return statistics.median(run[key] for run in runs)

    return {
        "cold": cold,
        "runs": runs,
        "rebuild_s": median("build_s"),
        "rebuild_cpu_s": median("build_cpu_s"),
        "plugin_s": median("plugin_s"),
        "plugin_cpu_s": median("plugin_cpu_s"),
        # CPU time: the build is single-threaded; wall time would count other processes.
        "plugin_share": median("plugin_cpu_s") / median("build_cpu_s"),
        "plugin_share_wall": median("plugin_s") / median("build_s"),
        "parsed": max(run["parsed"] for run in runs),
        "rendered": max(run["rendered"] for run in runs),
        "same_plugin": all(run["same_plugin"] for run in runs),
    }
