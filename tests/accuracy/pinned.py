"""Where the pinned tools of tools/pins.toml are installed (scripts/setup.sh
test), and which versions they must be. The tests never run a docker or
kubectl from PATH: a tool that is missing fails its test with the command
that installs it, not a FileNotFoundError."""

from __future__ import annotations

import json
import subprocess
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PINS = ROOT / "tools" / "pins.toml"
TOOLS = ROOT / ".tools"
SETUP = "scripts/setup.sh test"


@dataclass(frozen=True)
class Pin:
    id: str
    version: str
    install: str
    packages: tuple[str, ...] = ()
    venv: str | None = None
    binary: str | None = None
    source: str | None = None


@cache
def pins() -> dict[str, Pin]:
    data = tomllib.loads(PINS.read_text(encoding="utf-8"))["tool"]
    return {name: Pin(id=name, version=tool["version"], install=tool["install"],
                      packages=tuple(tool.get("packages", ())), venv=tool.get("venv"),
                      binary=tool.get("binary"), source=tool.get("source"))
            for name, tool in data.items()}


def venv_python(venv: str) -> Path:
    return ROOT / ".venv" / "bin" / "python" if venv == "main" else TOOLS / "venvs" / venv / "bin" / "python"


def binary(tool: str) -> str:
    """Absolute path of a pinned binary; fails the test when setup has not installed it."""
    pin = pins()[tool]
    path = (ROOT / ".venv" / "bin" / pin.binary) if pin.install == "venv" else (TOOLS / "bin" / pin.binary)
    if not path.is_file():
        pytest.fail(f"{tool} {pin.version} is not installed at {path.relative_to(ROOT)}: run {SETUP}", pytrace=False)
    return str(path)


def run(tool: str, *args: str, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([binary(tool), *args], capture_output=True, text=True, timeout=timeout, **kwargs)


@cache
def installed_versions(venv: str) -> dict[str, str]:
    """Distribution name (normalized) -> version, as installed in a venv."""
    python = venv_python(venv)
    if not python.is_file():
        pytest.fail(f"the venv {venv} is not installed ({python.relative_to(ROOT)}): run {SETUP}", pytrace=False)
    code = ("import importlib.metadata as m, json; print(json.dumps("
            "{d.metadata['Name'].lower().replace('_', '-'): d.version for d in m.distributions()}))")
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def binary_version(tool: str) -> str:
    """The version a pinned binary reports of itself."""
    commands = {"kubectl": ["version", "--client", "-o", "json"], "helm": ["version", "--short"],
                "compose": ["version", "--short"]}
    out = run(tool, *commands[tool]).stdout
    if tool == "kubectl":
        return json.loads(out)["clientVersion"]["gitVersion"].lstrip("v")
    return out.strip().lstrip("v").split("+")[0]


# Reference data file -> the pin whose release it was read from.
DATA_VERSIONS = {
    "docker-cli-flags.json": "docker-cli",
    "buildx-flags.json": "buildx",
    "istioctl-flags.json": "istioctl",
}
