"""Every example on the site is proven by the real tool of its page's pinned
release (see proofs.py), or says why it cannot be run here; a fixture of
broken examples of every kind proves that each proof can fail."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from cheatsheet.core import CheatsheetError, SiteLoader, discover

from . import proofs as proving

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "docs"
TARGET = 0.90  # share of examples proven

try:
    PAGES = SiteLoader().load(discover(ROOT / "docs")).pages
except CheatsheetError:
    PAGES = ()  # invalid sources fail in test_render and the site build instead


@cache
def site_proofs() -> tuple[proving.Proof, ...]:
    return tuple(proving.prove(proving.collect(PAGES)))


@pytest.mark.parametrize("page", PAGES, ids=[page.src_path for page in PAGES])
def test_every_example_is_proven_or_says_why_not(page):
    failed = [proving.failure_line(p) for p in site_proofs() if p.ref.page == page.src_path and p.status == "failed"]
    assert failed == []


def test_most_examples_are_proven():
    proofs = site_proofs()
    proven = sum(1 for p in proofs if p.status == "proven")
    assert proofs and proven / len(proofs) >= TARGET, "\n".join(proving.summary_lines(proofs))


BROKEN = {
    # (page, entry id, example index): a part of the message the tool gives
    ("docker/compose.yml", "broken-compose-key", 0): "portz",
    ("docker/compose.yml", "broken-compose-cli", 0): "has no flag --detachh",
    ("docker/dockerfile.yml", "broken-dockerfile-copy", 0): "COPY has no flag --chmown",
    ("docker/dockerfile.yml", "broken-dockerfile-copy", 1): "unknown instruction COPYY",
    ("docker/dockerfile.yml", "broken-dockerfile-copy", 2): "",
    ("docker/cli.yml", "broken-docker-run", 0): "`docker run` has no flag --rmm",
    ("docker/cli.yml", "broken-docker-run", 1): "not a command of the pinned release",
    ("docker/cli.yml", "broken-docker-run", 2): "--pause is deprecated",
    ("docker/cli.yml", "broken-docker-run", 3): "no command of a pinned tool",
    ("kubernetes/kubectl.yml", "broken-kubectl-get", 0): "`kubectl get` has no flag --selectorr",
    ("kubernetes/kubectl.yml", "broken-kubectl-get", 1): "image",
    ("kubernetes/kubectl.yml", "broken-kubectl-get", 2): "'dataa' was unexpected",
    ("kubernetes/kubectl.yml", "broken-helm", 0): "`helm install` has no flag --namespacee",
    ("kubernetes/kubectl.yml", "broken-istioctl", 0): "`istioctl analyze` has no flag --all-namespace",
    ("kubernetes/manifests.yml", "broken-deployment", 0): "'port' was unexpected",
    ("istio/traffic.yml", "broken-virtualservice", 0): "'retry' was unexpected",
    ("istio/traffic.yml", "broken-virtualservice", 1): "eighty",
    ("kubeflow/kserve.yml", "broken-inferenceservice", 0): "'storageURI' was unexpected",
    ("kubeflow/kserve.yml", "broken-predictor-fragment", 0): "'modelFormatt' was unexpected",
    ("kubeflow/kserve.yml", "broken-trainjob", 0): "'gpus' was unexpected",
    ("kubeflow/kserve.yml", "broken-trainjob", 1): "'maxTrialCont' was unexpected",
    ("kubeflow/pipelines.yml", "broken-kfp-pipeline", 0): "c",
    ("kubeflow/pipelines.yml", "broken-kfp-pipeline", 1): "has no flag --experiment-namee",
    ("mlflow/projects.yml", "broken-log-metric", 0): "kye",
    ("mlflow/projects.yml", "broken-log-metric", 1): "`mlflow server` has no flag --portt",
    ("mlflow/projects.yml", "broken-log-metric", 2): "no proof for text examples",
    ("mlflow/projects.yml", "broken-mlproject", 0): "command",
}


def test_each_proof_fails_on_a_broken_example():
    pages = SiteLoader().load(discover(FIXTURE)).pages
    results = {(p.ref.page, p.ref.entry.id, p.ref.index): p for p in proving.prove(proving.collect(pages))}
    assert set(results) == set(BROKEN), "every broken example has an expected message"
    wrong = {key: (p.status, p.messages) for key, p in results.items()
             if p.status != "failed" or not any(BROKEN[key] in m for m in p.messages)}
    assert wrong == {}
