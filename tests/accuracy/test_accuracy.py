"""Every documented command, flag, function and parameter exists in the
release its page names (see checks.py for how each is checked)."""

from __future__ import annotations

from pathlib import Path

import pytest

from accuracy.checks import entry_problems
from cheatsheet.core import CheatsheetError, SiteLoader, discover

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixtures"

try:
    PAGES = SiteLoader().load(discover(ROOT / "docs")).pages
except CheatsheetError:
    PAGES = ()  # invalid sources fail in test_render and the site build instead


@pytest.mark.parametrize("page", PAGES, ids=[page.src_path for page in PAGES])
def test_page_matches_the_real_tools(page):
    problems = [problem for entry in page.entries for problem in entry_problems(entry, page.src_path)]
    assert problems == []


def test_misspelt_flags_and_parameters_are_caught():
    site = SiteLoader().load(discover(FIXTURE / "docs"))
    problems = [problem for page in site.pages for entry in page.entries
                for problem in entry_problems(entry, page.src_path)]
    assert problems == [
        "bad-docker-run: `docker run --help` has no --volumee",
        "bad-kubectl-get: `kubectl get --help` has no --selectorr",
        "bad-mlflow-ui: `mlflow ui` has no --portt",
        "bad-compose-up: 'docker compose up' has no flag --detachh",
        "bad-istioctl-analyze: 'istioctl analyze' has no flag --all-namespace",
        "bad-docker-frobnicate: `docker frobnicate --help` does not document the command",
        "bad-log-metric: mlflow.log_metric has no parameter 'kye'",
        "bad-kfp-component: cannot import kfp.dsl.componnt (no module or attribute reaches kfp.dsl.componnt)",
        "bad-deployment: spec.replica: 'replica' is not a field of V1DeploymentSpec",
        "bad-deployment: example 'Apply it': Deployment.spec: unknown field 'replicass'",
        "bad-deployment: example 'Apply it': Deployment.spec.template.spec.containers[0]: unknown field 'port'",
    ]
