"""`mkdocs build` in a fresh subprocess: wall time and the child's peak memory."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


class BuildFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class BuildRun:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system time of the child: steadier on a busy machine
    peak_rss_mb: float  # ru_maxrss of this child alone (os.wait4)


def mkdocs_build(config_file: Path, site_dir: Path, env: dict[str, str] | None = None) -> BuildRun:
    """One `python -m mkdocs build -q` of config_file into site_dir."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(site_dir)]
    child_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=config_file.parent, env=child_env,
                                   stdout=subprocess.DEVNULL, stderr=stderr)
        # wait4 reports this child's own rusage (RUSAGE_CHILDREN would be the
        # maximum over every child so far).
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            stderr.seek(0)
            raise BuildFailed(f"{' '.join(command)} exited {process.returncode}:\n"
                              + stderr.read().decode("utf-8", "replace")[-4000:])
    # Linux reports ru_maxrss in KiB.
    return BuildRun(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
