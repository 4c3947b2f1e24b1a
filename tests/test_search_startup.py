"""Search start-up in phases (overrides/assets/javascripts/workers/cheatsheet-search.js):
the worker answers from the names as soon as its search data is in, builds the
full index (tasks, summaries, options, text) between queries, and answers the
last query again when that index is complete, Material replacing the list.

The worker's test-only `full-delay` parameter holds the full phase back, so
that "before the full index is built" is a fact of the run, not a race."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT))
from benchmarks.search_quality import COUNTER, CURRENT  # noqa: E402

pytestmark = pytest.mark.browser

FULL_DELAY_MS = 2500

# Every RESULT the page gets, with where its first item lands; and the worker
# started with its full phase held back by `delay` ms.
RECORDER = """(delay) => {
  window.__csResults = []
  const CountingWorker = window.Worker
  window.Worker = function (url, options) {
    const held = new URL(url, location.href)
    held.searchParams.set("full-delay", String(delay))
    const worker = new CountingWorker(held.href, options)
    worker.addEventListener("message", (event) => {
      if (!event.data || event.data.type !== 3) return
      const data = event.data.data
      const first = data.items.length ? data.items[0][data.items[0].length - 1].location : ""
      window.__csResults.push({partial: !!data.partial, again: !!data.again, first: first,
                               at: performance.now(), sent: window.__csSent})
    })
    return worker
  }
  window.Worker.prototype = CountingWorker.prototype
}"""

FIRST_LINK = """() => {
  const link = document.querySelector(".md-search-result__item a.md-search-result__link")
  return link ? link.getAttribute("href") : ""
}"""


def start(page, base_url: str, query: str) -> None:
    """Open the site with the full phase held back and type `query` at once."""
    page.add_init_script(COUNTER)
    page.add_init_script(f"({RECORDER})({FULL_DELAY_MS})")
    page.goto(base_url)
    page.keyboard.press("/")
    field = page.locator("input.md-search__input")
    field.fill(query)
    field.press("End")  # Material searches on keyup


def answered_by_names_first(results: list[dict], query_anchor: str) -> list[str]:
    """What is wrong with a start-up: the query's first answer must come from
    the names index (partial) and land on the entry; a complete answer must
    follow."""
    problems = []
    answers = [result for result in results if result["first"] or not result["again"]]
    named = next((result for result in answers if result["first"].endswith(query_anchor)), None)
    if named is None:
        problems.append(f"no answer lands on {query_anchor}")
    elif not named["partial"]:
        problems.append("the name query was answered only once the full index was built")
    if not any(not result["partial"] for result in results):
        problems.append("no complete answer")
    return problems


def answered_again_when_complete(results: list[dict], query_anchor: str) -> list[str]:
    """What is wrong with a task query typed early: a partial answer, then,
    without a new query, the complete one landing on the entry."""
    problems = []
    if not any(result["partial"] for result in results):
        problems.append("no answer was given before the full index")
    again = [result for result in results if result["again"]]
    if len(again) != 1:
        problems.append(f"expected one answer given again, got {len(again)}")
        return problems
    before = [result for result in results[:results.index(again[0])] if not result["again"]]
    if again[0]["partial"] or not again[0]["first"].endswith(query_anchor):
        problems.append(f"the answer given again lands on {again[0]['first']!r}, not {query_anchor}")
    elif not before or before[-1]["sent"] != again[0]["sent"]:
        problems.append("the page sent another query in between")
    return problems


def test_a_name_query_is_answered_before_the_full_index(page, real_site):
    _, base_url, _ = real_site
    start(page, base_url, "docker run")
    page.wait_for_function(CURRENT, timeout=30_000, polling=20)
    results = page.evaluate("window.__csResults")
    assert answered_by_names_first(results, "#docker-run") == [], results
    # ... well before the held-back full phase could have ended
    named = next(result for result in results if result["first"].endswith("#docker-run"))
    complete = next(result for result in results if not result["partial"])
    assert complete["at"] - named["at"] > FULL_DELAY_MS / 2, results


def test_a_task_query_typed_early_gets_its_answer_when_the_index_is_complete(page, real_site):
    _, base_url, _ = real_site
    start(page, base_url, "remove all stopped containers")
    page.wait_for_function(CURRENT, timeout=30_000, polling=20)
    results = page.evaluate("window.__csResults")
    assert answered_again_when_complete(results, "#docker-container-prune") == [], results
    # Material replaced the list with the complete answer
    assert page.evaluate(FIRST_LINK).endswith("#docker-container-prune")


def test_the_start_up_checks_fail_on_a_worker_that_waits_for_its_full_index():
    """A worker without phases answers once, complete: both checks say so."""
    waited = [{"partial": False, "again": False, "first": "docker/cli/?h=docker+run#docker-run", "at": 900.0,
               "sent": 1}]
    assert answered_by_names_first(waited, "#docker-run") == [
        "the name query was answered only once the full index was built"]
    task = [{**waited[0], "first": "docker/cli/?h=x#docker-container-prune"}]
    assert answered_again_when_complete(task, "#docker-container-prune") == [
        "no answer was given before the full index", "expected one answer given again, got 0"]
    # a worker that answers early but never again, or wrongly again
    early = [{**task[0], "partial": True, "first": "docker/cli/#docker-rm"}]
    assert answered_again_when_complete(early, "#docker-container-prune") == ["expected one answer given again, got 0"]
    wrong = early + [{**early[0], "partial": False, "again": True}]
    assert answered_again_when_complete(wrong, "#docker-container-prune") == [
        "the answer given again lands on 'docker/cli/#docker-rm', not #docker-container-prune"]
