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


@dataclass(frozen=True)
class Tools:
    """Where the tools that the checks run are installed. The pinned ones by
    default; the drift report (scripts/drift.py) points the same checks at
    the newest releases, installed elsewhere."""
    main: Path   # the venv whose packages the checks import, and its binaries
    venvs: Path  # the SDK venvs, one folder each
    bin: Path    # binaries taken out of wheels


PINNED = Tools(main=ROOT / ".venv", venvs=TOOLS / "venvs", bin=TOOLS / "bin")
_in_use = PINNED


def use(tools: Tools, versions: dict[str, str] | None = None) -> None:
    """Run the checks against other installs; `versions` replaces pinned
    versions the checks read (the Kubernetes schema release)."""
    global _in_use
    _in_use = tools
    for tool, version in (versions or {}).items():
        pins()[tool] = Pin(**{**pins()[tool].__dict__, "version": version})


@cache
def pins() -> dict[str, Pin]:
    data = tomllib.loads(PINS.read_text(encoding="utf-8"))["tool"]
    return {name: Pin(id=name, version=tool["version"], install=tool["install"],
                      packages=tuple(tool.get("packages", ())), venv=tool.get("venv"),
                      binary=tool.get("binary"), source=tool.get("source"))
            for name, tool in data.items()}


def venv_python(venv: str) -> Path:
    return _in_use.main / "bin" / "python" if venv == "main" else _in_use.venvs / venv / "bin" / "python"


def binary(tool: str) -> str:
    """Absolute path of a pinned binary; fails the test when setup has not installed it."""
    pin = pins()[tool]
    path = (_in_use.main / "bin" / pin.binary) if pin.install == "venv" else (_in_use.bin / pin.binary)
    if not path.is_file():
        pytest.fail(f"{tool} {pin.version} is not installed at {_shown(path)}: run {SETUP}", pytrace=False)
    return str(path)


def _shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def run(tool: str, *args: str, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([binary(tool), *args], capture_output=True, text=True, timeout=timeout, **kwargs)


@cache
def installed_versions(venv: str) -> dict[str, str]:
    """Distribution name (normalized) -> version, as installed in a venv."""
    python = venv_python(venv)
    if not python.is_file():
        pytest.fail(f"the venv {venv} is not installed ({_shown(python)}): run {SETUP}", pytrace=False)
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
