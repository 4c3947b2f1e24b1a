"""The real site in headless Chromium (Debian's), served under a sub-path as
GitHub Pages serves a project site."""

from __future__ import annotations

import functools
import re
import sys
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, SUB_PATH

sys.path.insert(0, str(ROOT))
from benchmarks.search_quality import COUNTER, CURRENT  # noqa: E402

pytestmark = pytest.mark.browser

# query -> the anchor its first result must land on; a flag lands on the
# option's own row (anchors as model.py computes them: <entry-id>--<option>)
SEARCHES = {
    "docker run": "docker/cli/#docker-run",
    "--volume": "docker/cli/#docker-run--volume",
    "-v": "docker/cli/#docker-run--volume",
    "docker run --volume": "docker/cli/#docker-run--volume",
    "kubectl get -o jsonpath": "kubernetes/kubectl/#kubectl-get--output",
    "log_metric": "mlflow/tracking/#mlflow-log-metric",
    "mlflow.log_metric": "mlflow/tracking/#mlflow-log-metric",
    "kubectl rollout undo": "kubernetes/kubectl/#kubectl-rollout-undo",
    "VirtualService": "istio/traffic/#istio-virtualservice",
    # a task, in the reader's words
    "remove all stopped containers": "docker/cli/#docker-container-prune",
}

# A flag query's first result names the option it matched.
FLAG_RESULTS = {
    "--volume": "--volume",
    "-v": "-v",
    "kubectl get -o jsonpath": "--output",
}

# Mixed Korean and English: the English entry, whichever of these comes first.
KOREAN = {
    "container에서 파일 복사": {"docker-cp", "kubectl-cp", "compose-cp"},
    "docker 이미지 삭제": {"docker-rmi", "docker-image-prune"},
    "kubectl 로그 보기": {"kubectl-logs"},
}


def search(page, base_url: str, query: str):
    page.add_init_script(COUNTER)
    page.goto(base_url)
    page.keyboard.press("/")
    field = page.locator("input.md-search__input")
    field.wait_for(state="visible")
    field.fill(query)
    field.press("End")  # Material searches on keyup, as when a reader types
    # the answer of the complete index, not the names-only one of start-up
    page.wait_for_function(CURRENT, timeout=30_000, polling=20)
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    first.wait_for(state="visible", timeout=30_000)  # the worker indexes first
    return first


def results(page) -> list[dict]:
    """Each result group as shown: where its first link lands and its text."""
    return page.evaluate("""() => [...document.querySelectorAll(".md-search-result__item")].map((item) => {
        const link = item.querySelector("a.md-search-result__link")
        return {href: link ? link.getAttribute("href") : "", text: item.innerText}
    })""")


def entry_of(href: str) -> str:
    """The entry id a result lands on, or "" for other text (pages, sections)."""
    fragment = urlsplit(href).fragment.split("--", 1)[0]
    return fragment if fragment in _entry_ids() else ""


@functools.cache
def _entry_ids() -> frozenset[str]:
    from cheatsheet.core import SiteLoader, discover

    site = SiteLoader().load(discover(ROOT / "docs"))
    return frozenset(entry.id for page in site.pages for entry in page.entries)


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
    page.wait_for_timeout(300)  # the landing script scrolls after the entry renders
    assert in_viewport(page, anchor)


@pytest.mark.parametrize("query", list(FLAG_RESULTS))
def test_flag_result_names_the_option(page, real_site, query):
    _, base_url, _ = real_site
    first = search(page, base_url, query)
    heading = first.locator("h1").inner_text()
    assert FLAG_RESULTS[query] in re.split(r"[\s,]+", heading), heading


@pytest.mark.parametrize("query", list(KOREAN))
def test_mixed_korean_and_english_queries_find_the_english_entry(page, real_site, query):
    _, base_url, _ = real_site
    first = search(page, base_url, query)
    assert entry_of(first.get_attribute("href")) in KOREAN[query]


@pytest.mark.parametrize("query", ["xqzzyv frobnicate", "쿠버네티스 뭐지"])
def test_no_match_says_what_to_try(page, real_site, query):
    _, base_url, _ = real_site
    page.goto(base_url)
    page.keyboard.press("/")
    field = page.locator("input.md-search__input")
    field.fill(query)
    field.press("End")
    hint = page.locator(".cs-search-hint")
    hint.wait_for(state="visible", timeout=30_000)
    assert page.locator(".md-search-result__item").count() == 0
    assert "--volume" in hint.inner_text()
    if any("\uac00" <= char <= "\ud7af" for char in query):
        assert "Korean" in hint.inner_text()
    # A query that matches hides the hint again.
    field.fill("docker run")
    field.press("End")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    assert hint.is_hidden()


@pytest.mark.parametrize("query", ["docker run", "add an entry", "yaml example", "page"])
def test_reference_entries_come_before_other_text(page, real_site, query):
    """The contributing page, the home page and page intros never outrank an entry."""
    _, base_url, _ = real_site
    search(page, base_url, query)
    kinds = ["entry" if entry_of(result["href"]) else "other" for result in results(page)]
    if "entry" in kinds:
        assert kinds[0] == "entry", kinds
        assert "entry" not in kinds[kinds.index("other"):] if "other" in kinds else True, kinds


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
    block = page.locator("#docker-run ~ .cs-entry-body div.highlight:not(.cs-syntax):not(.cs-output)").first
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


# Drives our search worker directly, as Material's page code does: with the
# search data missing, Material's own worker answers instead.
_FALLBACK_SEARCH = """async (dataUrl) => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const index = await (await fetch(new URL(config.base + "/search/search_index.json", location.href))).json()
  const url = new URL(config.search, location.href)
  url.searchParams.set("data", new URL(dataUrl, location.href).href)
  const worker = new Worker(url.href)
  const replies = []
  const deadline = performance.now() + 60000
  const next = () => new Promise((resolve, reject) => {
    const take = () => replies.length ? resolve(replies.shift())
      : performance.now() > deadline ? reject(new Error("no reply from the search worker in 60 s"))
      : setTimeout(take, 5)
    take()
  })
  worker.onmessage = (event) => replies.push(event.data)
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}})
  const ready = await next()
  worker.postMessage({type: 2, data: "docker run"})
  const found = await next()
  worker.terminate()
  return {ready: ready.type, locations: found.data.items.flat().map((item) => item.location),
          first: found.data.items[0].map((item) => item.location)}
}"""


@pytest.mark.parametrize("data, engine", [("search/cheatsheet.json", "ours"), ("search/missing.json", "material")])
def test_search_worker_falls_back_to_materials_without_its_data(page, real_site, data, engine):
    _, base_url, _ = real_site
    page.goto(base_url)
    result = page.evaluate(_FALLBACK_SEARCH, base_url + data)
    assert result["ready"] == 1
    assert "docker/cli/#docker-run" in result["locations"]
    # Ours answers each entry as a group of its own (summary, then name);
    # Material's lunr groups every match by page, the page itself included.
    if engine == "ours":
        assert result["first"] == ["docker/cli/#docker-run", "docker/cli/#docker-run"]
    else:
        assert any("#" not in location for location in result["first"]), result["first"]
