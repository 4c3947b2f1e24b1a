"""On a machine with neither docker nor kubectl (nor helm, Compose or
istioctl) on PATH, the flag checks of the Docker and Kubernetes pages and
the example proofs of the Docker and kubectl pages still pass: everything
runs the pinned tools that setup installed (tests/accuracy/pinned.py), and
nothing ends in a FileNotFoundError traceback.

The parts run in a subprocess whose PATH is a folder of links to only what
they need: Python, git, a shell and basic utilities."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

# What a bare machine has: a shell, coreutils, git. No container or cluster tools.
NEEDED = ["sh", "bash", "env", "git", "cat", "cp", "mv", "rm", "ls", "mkdir", "rmdir", "touch", "chmod", "ln",
          "printf", "echo", "head", "tail", "sed", "grep", "tr", "cut", "sort", "uniq", "wc", "tee", "find",
          "xargs", "dirname", "basename", "readlink", "realpath", "mktemp", "uname", "id", "date", "sleep",
          "true", "false", "test", "expr", "base64", "sha256sum", "tar", "gzip",
          # example setups make keys and certificates
          "ssh-keygen", "openssl"]
ABSENT = ["docker", "kubectl", "helm", "docker-compose", "istioctl"]

PROVE_EXAMPLES = """
import shutil, sys
from pathlib import Path
sys.path[:0] = ["tests", "plugins"]
missing = [name for name in {absent!r} if shutil.which(name)]
assert not missing, f"on PATH after all: {{missing}}"
from cheatsheet.core import SiteLoader, discover
from examples import proofs
pages = [page for page in SiteLoader().load(discover(Path("docs"))).pages
         if page.src_path.startswith("docker/") or page.src_path == "kubernetes/kubectl.yml"]
results = proofs.prove(proofs.collect(pages))
failed = [proofs.failure_line(proof) for proof in results if proof.status == "failed"]
proven = sum(proof.status == "proven" for proof in results)
print(f"{{proven}} of {{len(results)}} examples proven on {{len(pages)}} pages")
print("\\n".join(failed))
sys.exit(1 if failed or not proven else 0)
"""


@pytest.fixture(scope="module")
def bare_env(tmp_path_factory) -> dict[str, str]:
    """The environment with PATH reduced to links to the NEEDED programs."""
    folder = tmp_path_factory.mktemp("bare-path")
    (folder / "python").symlink_to(sys.executable)
    (folder / "python3").symlink_to(sys.executable)
    for name in NEEDED:
        found = shutil.which(name)
        if found:
            (folder / name).symlink_to(found)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DOCKER_", "KUBECONFIG"))}
    return {**env, "PATH": str(folder), "HOME": str(tmp_path_factory.mktemp("home"))}


def run_bare(env: dict[str, str], *command: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=600)
    output = result.stdout + result.stderr
    assert "FileNotFoundError" not in output and "Traceback" not in output, output[-3000:]
    return result


def test_no_container_or_cluster_tool_is_on_the_reduced_path(bare_env):
    result = run_bare(bare_env, "-c", f"import shutil; print([n for n in {ABSENT!r} if shutil.which(n)])")
    assert result.stdout.strip() == "[]"


def test_the_flag_checks_of_docker_and_kubernetes_pass_without_them(bare_env):
    result = run_bare(bare_env, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/accuracy",
                      "-k", "docker or kubernetes or kubectl or compose or helm")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout


def test_the_examples_of_docker_and_kubernetes_are_proven_without_them(bare_env):
    result = run_bare(bare_env, "-c", PROVE_EXAMPLES.format(absent=ABSENT))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " examples proven on 4 pages" in result.stdout


def test_a_bare_docker_call_would_be_caught(bare_env):
    """The gate can fail: code that runs docker from PATH ends in the
    FileNotFoundError traceback the checks above refuse."""
    with pytest.raises(AssertionError, match="FileNotFoundError"):
        run_bare(bare_env, "-c", "import subprocess; subprocess.run(['docker', 'version'])")
