"""The tools the tests check against are the pinned ones (tools/pins.toml),
installed by the project's own setup, not whatever a machine has on PATH."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from accuracy.pinned import DATA_VERSIONS, ROOT, binary_version, installed_versions, pins

PACKAGED = [pin for pin in pins().values() if pin.install == "venv"]
BINARIES = [pin for pin in pins().values() if pin.binary]


@pytest.mark.parametrize("pin", PACKAGED, ids=[pin.id for pin in PACKAGED])
def test_installed_packages_are_the_pinned_releases(pin):
    installed = installed_versions(pin.venv)
    for requirement in pin.packages:
        name, version = requirement.split("==")
        assert installed.get(name.lower()) == version, f"{name}: run scripts/setup.sh test"


@pytest.mark.parametrize("pin", BINARIES, ids=[pin.id for pin in BINARIES])
def test_installed_binaries_report_the_pinned_version(pin):
    assert binary_version(pin.id) == pin.version


def test_reference_data_is_of_the_pinned_release():
    for file, tool in DATA_VERSIONS.items():
        data = json.loads((ROOT / "tests" / "accuracy" / "data" / file).read_text(encoding="utf-8"))
        assert data["_version"] == pins()[tool].version, file


def test_checks_run_without_docker_or_kubectl_on_path(tmp_path):
    """A machine without docker and kubectl (a fresh CI machine) still runs the
    checks: they use the pinned tools only."""
    script = (
        "import shutil, sys; sys.path.insert(0, 'tests')\n"
        "assert shutil.which('docker') is None and shutil.which('kubectl') is None\n"
        "from accuracy.checks import cli_problems\n"
        "from cheatsheet.core import SiteLoader, discover\n"
        "from pathlib import Path\n"
        "site = SiteLoader().load(discover(Path('tests/accuracy/fixtures/docs')))\n"
        "print(sum(len(cli_problems(e)) for p in site.pages for e in p.entries if e.kind == 'cli'))\n"
    )
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "python").symlink_to(sys.executable)
    env = {**os.environ, "PATH": str(bare)}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert int(result.stdout) > 0  # the misspelt flags were found with the pinned tools
