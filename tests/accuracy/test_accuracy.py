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
        "bad-docker-run: `docker run` has no flag --volumee",
        "bad-kubectl-get: `kubectl get` has no flag --selectorr",
        "bad-mlflow-ui: `mlflow ui` has no flag --portt",
        "bad-compose-up: `docker compose up` has no flag --detachh",
        "bad-istioctl-analyze: `istioctl analyze` has no flag --all-namespace",
        "bad-docker-frobnicate: `docker frobnicate` is not a command of the pinned release",
        "bad-log-metric: mlflow.log_metric has no parameter 'kye'",
        "bad-kfp-component: cannot import kfp.dsl.componnt (no module or attribute reaches kfp.dsl.componnt)",
        "bad-deployment: Deployment: spec.replica: 'replica' is not a field there",
    ]  # misspelt keys inside examples are caught by the example proofs (tests/examples)
