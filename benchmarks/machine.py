"""What the figures were measured on."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from importlib import metadata


def _run(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def loadavg() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "?"


def describe() -> dict:
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), cpu)
    except OSError:
        pass
    free = _run(["free", "-h"])
    memory = next((line.split()[1] for line in free.splitlines() if line.startswith("Mem:")), "?")
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": _run(["nproc"]),
        "cpu": cpu,
        "memory": memory,
        "free_h": free,
        "python": platform.python_version(),
        "mkdocs": metadata.version("mkdocs"),
        "material": metadata.version("mkdocs-material"),
        "loadavg_start": loadavg(),
    }
