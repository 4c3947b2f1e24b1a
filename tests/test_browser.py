"""The real site in headless Chromium (Debian's), served under a sub-path as
GitHub Pages serves a project site."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from conftest import SUB_PATH

pytestmark = pytest.mark.browser

# query -> the anchor its first result must land on
SEARCHES = {
    "docker run": "docker/cli/#docker-run",
    "--volume": "docker/cli/#docker-run",
    "-v": "docker/cli/#docker-run",
    "log_metric": "mlflow/tracking/#mlflow-log-metric",
    "mlflow.log_metric": "mlflow/tracking/#mlflow-log-metric",
    "kubectl rollout undo": "kubernetes/kubectl/#kubectl-rollout-undo",
    "VirtualService": "istio/traffic/#istio-virtualservice",
}


def search(page, base_url: str, query: str):
    page.goto(base_url)
    page.keyboard.press("/")
    field = page.locator("input.md-search__input")
    field.wait_for(state="visible")
    field.fill(query)
    field.press("End")  # Material searches on keyup, as when a reader types
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    first.wait_for(state="visible", timeout=30_000)  # the worker indexes first
    return first


def in_viewport(page, anchor: str) -> bool:
    return page.evaluate(
        """(id) => { const el = document.getElementById(id); if (!el) return false;
                     const r = el.getBoundingClientRect();
                     return r.top >= 0 && r.top < window.innerHeight }""",
        anchor,
    )


@pytest.mark.parametrize("query", list(SEARCHES))
def test_search_finds_the_entry_first_and_lands_on_it(page, real_site, query):
    _, base_url, _ = real_site
    first = search(page, base_url, query)
    href = urlsplit(first.get_attribute("href"))
    # Material adds ?h=<query> to highlight the terms on the page.
    assert f"{href.path}#{href.fragment}".endswith(SUB_PATH + SEARCHES[query]), href
    first.click()
    anchor = SEARCHES[query].split("#")[1]
    page.wait_for_url(re.compile(re.escape(anchor) + "$"))
    page.wait_for_function("(id) => !!document.getElementById(id)", arg=anchor)
    page.wait_for_timeout(300)  # instant navigation scrolls after rendering
    assert in_viewport(page, anchor)


@pytest.mark.parametrize("target", ["docker/cli/#docker-run", "docker/cli/#docker-run--volume"])
def test_deep_links_put_entry_and_option_in_view(page, real_site, target):
    _, base_url, _ = real_site
    page.goto(base_url + target)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert in_viewport(page, target.split("#")[1])


def test_copy_button_copies_the_exact_command(page, real_site):
    _, base_url, _ = real_site
    page.goto(base_url + "docker/cli/#docker-run")
    block = page.locator("#docker-run ~ div.highlight:not(.cs-syntax):not(.cs-output)").first
    expected = block.locator("code").inner_text().rstrip("\n")
    block.hover()
    block.locator('button.md-code__button[data-md-type="copy"]').click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == expected
    assert copied.startswith("docker run ")


def test_copy_link_copies_the_entry_url(page, real_site):
    _, base_url, _ = real_site
    page.goto(base_url + "docker/cli/")
    button = page.locator("#docker-run .cs-copy-link")
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == base_url + "docker/cli/#docker-run"
    assert button.inner_text() == "Copied"


def test_missing_page_shows_the_styled_404_under_the_sub_path(page, real_site):
    _, base_url, _ = real_site
    response = page.goto(base_url + "no/such/page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    # The theme's stylesheet loaded from the sub-path: the header is styled.
    assert page.locator(".md-header").evaluate("el => getComputedStyle(el).position") == "sticky"
    page.locator(".md-content a", has_text="Docker").first.click()
    page.wait_for_url(re.compile(re.escape(SUB_PATH) + "docker/cli/$"))


# Drives our search worker directly, as Material's page code does, with a
# synthetic index big enough to be staged (titles first, then full text).
_STAGED_SEARCH = """async () => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const index = await (await fetch(new URL(config.base + "/search/search_index.json", location.href))).json()
  const docs = [{location: "big/", title: "Big page", text: "<p>A page of many entries.</p>"}]
  // Long texts: the full index takes far longer to build than the titles'.
  const filler = Array.from({length: 150}, (_, k) => "filler" + k).join(" ")
  for (let i = 0; i < 2500; i++)
    docs.push({location: "big/#entry-" + i, title: "entry " + i,
               text: "<p>Body word" + i + ".</p> <code>--flag" + i + "</code> Sets it. " + filler})
  const worker = new Worker(config.search)
  const replies = []
  const deadline = performance.now() + 60000
  const next = () => new Promise((resolve, reject) => {
    const take = () => replies.length ? resolve(replies.shift())
      : performance.now() > deadline ? reject(new Error("no reply from the search worker in 60 s"))
      : setTimeout(take, 5)
    take()
  })
  worker.onmessage = (event) => replies.push(event.data)
  const locations = (reply) => reply.data.items.flat().map((item) => item.location)
  worker.postMessage({type: 0, data: {config: index.config, docs: docs, options: {suggest: false}}})
  const ready = await next()
  // Typed at once: "word7" is only in the text, --flag9 only in an option.
  worker.postMessage({type: 2, data: "word7"})
  worker.postMessage({type: 2, data: "--flag9"})
  const fromTitles = await next()  // word7, from the titles alone
  const flag = await next()  // --flag9 waited: the full index answers it
  // From then on the full index answers everything.
  worker.postMessage({type: 2, data: "word2499"})
  const later = await next()
  worker.terminate()
  return {ready: ready.type, fromTitles: locations(fromTitles), flag: locations(flag), later: locations(later)}
}"""


def test_large_index_answers_from_titles_first_then_from_the_full_text(page, real_site):
    _, base_url, _ = real_site
    page.goto(base_url)
    result = page.evaluate(_STAGED_SEARCH)
    assert result["ready"] == 1
    assert result["fromTitles"] == []  # the titles index has no body text
    # The latest query runs again on the full index once it is ready (word7
    # was typed over); flags are not looked up in titles at all.
    assert result["flag"][0] == "big/#entry-9"
    assert result["later"] == ["big/#entry-2499"]
