"""The drift report (scripts/drift.py) finds what it is for, without the
network: two fake kubectl releases, the newer of which dropped a documented
flag and added a flag and a command, run through the same accuracy checks
and compared."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from accuracy.drift import ToolVersion, compare, markdown, text
from accuracy.pinned import ROOT

PAGE = """\
title: Tool
description: A page for tests.
release: kubectl 9.8
reference: https://example.com/reference
sections:
  - id: basics
    title: Basics
    entries:
      - id: kubectl-get
        name: kubectl get
        kind: cli
        syntax: kubectl get TYPE [-l SELECTOR]
        summary: List resources
        options:
          - name: --selector
            short: -l
            description: Filter by label
          - name: --output
            short: -o
            description: Output format
        examples:
          - title: List pods
            code: kubectl get pods -l app=web
        url: https://example.com/get
"""


def fake_kubectl(folder: Path, version: str, get_flags: list[str], commands: list[str]) -> Path:
    """A kubectl that answers the --help calls of the checks like the real one."""
    folder.mkdir(parents=True)
    answers = {
        "version": f'{{"clientVersion": {{"gitVersion": "v{version}"}}}}\n',
        "options": "The following options can be passed to any command:\n\n    --kubeconfig='':\n\tPath.\n",
        "help": "kubectl controls the Kubernetes cluster manager.\n\nBasic Commands:\n"
                + "".join(f"  {name:<14}Does {name}\n" for name in commands) + "\nUsage:\n  kubectl [flags] [options]\n",
        "get": "Display one or many resources.\n\nOptions:\n"
               + "".join(f"    {flag}='':\n\tWhat it does.\n\n" for flag in get_flags)
               + "Usage:\n  kubectl get [flags] [options]\n",
    }
    for name, answer in answers.items():
        (folder / f"{name}.txt").write_text(answer, encoding="utf-8")
    path = folder / "kubectl"
    path.write_text(f"""#!/bin/sh
case "$*" in
  "version --client -o json") cat {folder}/version.txt ;;
  "options") cat {folder}/options.txt ;;
  "--help") cat {folder}/help.txt ;;
  "get --help") cat {folder}/get.txt ;;
  *) echo "error: unknown command" >&2; exit 1 ;;
esac
""", encoding="utf-8")
    path.chmod(0o755)
    return folder


def inventory(bin_dir: Path, docs: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT / "plugins")])}
    result = subprocess.run([sys.executable, "-m", "accuracy.inventory", "--bin", str(bin_dir), "--docs", str(docs)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_dropped_flag_is_gone_and_new_flags_and_commands_are_undocumented(tmp_path):
    docs = tmp_path / "docs"
    (docs / "kubernetes").mkdir(parents=True)
    (docs / "kubernetes" / "kubectl.yml").write_text(PAGE, encoding="utf-8")
    pinned = inventory(fake_kubectl(tmp_path / "pinned", "9.8.0", ["-l, --selector", "-o, --output", "--watch"],
                                    ["get", "run"]), docs)
    newest = inventory(fake_kubectl(tmp_path / "newest", "9.9.0",
                                    ["-o, --output", "--watch", "--sort-by-new"], ["get", "run", "frobnicate"]), docs)
    assert pinned["problems"] == [] and pinned["versions"]["kubectl"] == "9.8.0"
    drift = compare(pinned, newest, [ToolVersion("kubectl", "9.8.0", newest["versions"]["kubectl"], "9.9.0")])
    assert drift.gone == ["kubernetes/kubectl.yml: kubectl-get: `kubectl get` has no flag --selector",
                          "kubernetes/kubectl.yml: kubectl-get: `kubectl get` has no flag -l"]
    # --watch is not documented either, but not new: the report lists only what changed.
    assert drift.new == {"new flags of `kubectl get`": ["--sort-by-new"], "new commands of `kubectl`": ["frobnicate"]}
    report = text(drift)
    assert "kubectl  9.8.0   9.9.0   NEWER RELEASE" in report
    assert "Documented but gone or deprecated in the newest releases: 2" in report
    assert "  new flags of `kubectl get`: --sort-by-new" in report
    assert "- new commands of `kubectl`: frobnicate" in markdown(drift)


def test_the_same_release_on_both_sides_is_no_drift(tmp_path):
    docs = tmp_path / "docs"
    (docs / "kubernetes").mkdir(parents=True)
    (docs / "kubernetes" / "kubectl.yml").write_text(PAGE, encoding="utf-8")
    same = inventory(fake_kubectl(tmp_path / "bin", "9.8.0", ["-l, --selector", "-o, --output"], ["get"]), docs)
    drift = compare(same, same, [ToolVersion("kubectl", "9.8.0", "9.8.0", "9.8.0")])
    assert (drift.gone, drift.new, drift.counts) == ([], {}, (0, 0))
    assert "kubectl  9.8.0   9.8.0   current" in text(drift)


def test_new_parameters_and_functions_are_listed_unless_documented():
    pinned = {"parameters": {"mlflow.log_metric": ["key", "value"]}, "members": {"mlflow": ["log_metric"]},
              "documented": {"parameters": {"mlflow.log_metric": ["key", "value"]}, "names": {"mlflow": ["log_metric"]}}}
    newest = {"parameters": {"mlflow.log_metric": ["key", "value", "step", "model_id"]},
              "members": {"mlflow": ["log_metric", "log_metrics_batch"]},
              "problems": [{"page": "mlflow/tracking.yml", "problem": "x: mlflow.log_param has no parameter 'key'"}]}
    drift = compare({**pinned, "parameters": {"mlflow.log_metric": ["key", "value", "step"]}}, newest, [])
    assert drift.new == {"new parameters of mlflow.log_metric": ["model_id"],
                         "new functions and classes in mlflow": ["log_metrics_batch"]}
    assert drift.gone == ["mlflow/tracking.yml: x: mlflow.log_param has no parameter 'key'"]
