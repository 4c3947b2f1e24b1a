"""A large page starts with the blocks past its first screen unrendered
(content-visibility in cheatsheet.css) and renders them as they near the
viewport. In Chromium, on the real site:

- an unrendered block is never shorter than its content (its estimate from
  cheatsheet.extensions.sizes), at a 320 px phone and at 1280 px, so nothing
  measured before it is shown overlaps the next block, as Lighthouse's axe
  once found;
- a block gets its code copy buttons when it is scrolled to;
- axe finds nothing on the largest page as it starts, unrendered blocks
  and all, at a phone's size.

Each gate is shown able to fail.
"""

from __future__ import annotations

import re

import pytest

from test_accessibility import AXE_OPTIONS, AXE_SOURCE, describe, site_paths

pytestmark = pytest.mark.browser

LARGE_PAGE = "kubeflow/pipelines/"
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True,
         "has_touch": True}  # Lighthouse's mobile screen

# Blocks whose content is taller than the block was while unrendered: each
# unrendered block's height (its estimate), then its content's height once
# rendered, all blocks at once.
SHORT_BLOCKS = """() => new Promise(done => {
  const blocks = [...document.querySelector('article.md-content__inner').children];
  const unrendered = blocks.map(block => getComputedStyle(block).contentVisibility === 'auto'
    && !block.classList.contains('cs-shown') ? block.getBoundingClientRect().height : null);
  blocks.forEach(block => block.classList.add('cs-shown'));
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const short = [];
    blocks.forEach((block, index) => {
      if (unrendered[index] === null) return;
      const style = getComputedStyle(block);
      const content = block.getBoundingClientRect().height;
      if (content > unrendered[index] + 1)
        short.push(`child ${index} ${block.tagName}.${block.classList[0]}: ` +
                   `${Math.round(content)} px, was ${Math.round(unrendered[index])} px`);
    });
    done(short) })) })"""


def sheet_paths(site_dir) -> list[str]:
    return [path for path in site_paths(site_dir)[:-1]
            if 'class="cs-page-meta"' in (site_dir / path / "index.html").read_text(encoding="utf-8")]


@pytest.mark.parametrize("width", [320, 1280])
def test_no_unrendered_block_is_shorter_than_its_content(browser, real_site, width):
    site_dir, base_url, _ = real_site
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    found, checked = {}, 0
    for path in sheet_paths(site_dir):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        short = page.evaluate(SHORT_BLOCKS)
        checked += 1
        if short:
            found[path] = (len(short), short[:3])
    context.close()
    assert checked > 10 and not found, found


def test_the_short_block_check_sees_blocks_without_estimates(browser, real_site):
    """The gate can fail: the page without its estimates (3em placeholders),
    where nearly all of its 61 entry bodies are short."""
    _, base_url, _ = real_site
    context = browser.new_context(viewport={"width": 320, "height": 800})

    def without_estimates(route):
        body = route.fetch().text()
        route.fulfill(body=re.sub(r' style="--cs-h:[^"]*"', "", body), content_type="text/html")

    context.route(re.compile(re.escape(base_url + LARGE_PAGE) + "$"), without_estimates)
    page = context.new_page()
    page.goto(base_url + LARGE_PAGE)
    page.wait_for_load_state("load")
    short = page.evaluate(SHORT_BLOCKS)
    context.close()
    assert len(short) > 50, short[:5]


LAST_CODE = "[...document.querySelectorAll('article div.highlight > pre')].pop()"


def last_code_block_gets_a_copy_button(browser, base_url: str, block: list[str] = ()) -> tuple[bool, bool]:
    """Whether the page's last code block had a copy button at load, and
    once scrolled to."""
    context = browser.new_context(**PHONE)
    for pattern in block:
        context.route(pattern, lambda route: route.abort())
    page = context.new_page()
    page.goto(base_url + LARGE_PAGE)
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    at_load = page.evaluate(f"() => !!{LAST_CODE}.querySelector('.md-code__nav')")
    page.evaluate(f"() => {LAST_CODE}.scrollIntoView()")
    try:
        page.wait_for_function(f"() => !!{LAST_CODE}.querySelector('.md-code__nav')", timeout=5000)
        scrolled = True
    except Exception:  # noqa: BLE001 - Playwright's timeout: no button came
        scrolled = False
    context.close()
    return at_load, scrolled


def test_a_code_block_gets_its_copy_button_when_scrolled_to(browser, real_site):
    _, base_url, _ = real_site
    assert last_code_block_gets_a_copy_button(browser, base_url) == (False, True)


def test_the_copy_button_check_sees_a_block_left_without(browser, real_site):
    """The gate can fail: without cheatsheet.js no button comes."""
    _, base_url, _ = real_site
    assert last_code_block_gets_a_copy_button(browser, base_url, ["**/cheatsheet.js"]) == (False, False)


def test_axe_finds_nothing_on_the_largest_page_as_it_starts(browser, real_site):
    _, base_url, _ = real_site
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base_url + LARGE_PAGE)
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    unrendered = page.evaluate("""() => [...document.querySelector('article.md-content__inner').children]
      .filter(block => getComputedStyle(block).contentVisibility === 'auto'
                       && !block.classList.contains('cs-shown')).length""")
    page.evaluate(AXE_SOURCE)
    violations = page.evaluate("options => axe.run(document, options).then(result => result.violations)",
                               AXE_OPTIONS)
    context.close()
    assert unrendered > 50, unrendered  # what this test is about: the page as it starts (61 entry bodies)
    assert not violations, describe(violations, LARGE_PAGE)


HEADING_PLACE = """id => { const heading = document.getElementById(id).getBoundingClientRect();
  return {top: heading.top, header: document.querySelector('.md-header').getBoundingClientRect().bottom,
          height: innerHeight} }"""


@pytest.mark.parametrize("how", ["load", "hashchange"])
def test_a_link_to_a_deep_entry_stays_on_its_heading(browser, real_site, how):
    """Blocks above the target render shorter than their estimates; the
    landing must not drift with them, whether the link opened the page or
    was followed on it (a table-of-contents click)."""
    _, base_url, _ = real_site
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(base_url + "kubernetes/kubectl/")
    page.wait_for_load_state("load")
    entry = page.evaluate("() => [...document.querySelectorAll('h3.cs-entry[id]')].at(-3).id")
    if how == "load":
        page.goto("about:blank")
        page.goto(base_url + "kubernetes/kubectl/#" + entry)
        page.wait_for_load_state("load")
    else:
        page.evaluate("id => { location.hash = id }", entry)
    page.wait_for_timeout(1500)  # the blocks around the target render meanwhile
    place = page.evaluate(HEADING_PLACE, entry)
    context.close()
    assert place["header"] - 1 <= place["top"] <= place["header"] + 120, place


# Scrolls the page through, a frame pair per step, so that every block is
# rendered and gets its code copy buttons as a reader's scrolling gives them.
SCROLL_THROUGH = """async () => {
  const frames = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  for (let y = 0; y < document.body.scrollHeight; y += innerHeight * 0.8) { scrollTo(0, y); await frames(); }
  scrollTo(0, 0); await frames();
  return document.querySelectorAll('.md-content .md-code__button').length }"""
TARGET_SIZE = {**AXE_OPTIONS, "runOnly": {"type": "rule", "values": ["target-size"]}}
BUTTON_PAGES = ["kubernetes/kubectl/", "docker/cli/", "istio/istioctl/"]


def target_size_problems(browser, base_url: str, paths: list[str], style: str = "") -> list[str]:
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    problems = []
    for path in paths:
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        if style:
            page.add_style_tag(content=style)
        buttons = page.evaluate(SCROLL_THROUGH)
        assert buttons > 20, (path, buttons)
        page.evaluate(AXE_SOURCE)
        problems += describe(page.evaluate("o => axe.run(document, o).then(r => r.violations)", TARGET_SIZE), path)
    context.close()
    return problems


def test_copy_buttons_keep_their_target_space_once_shown_on_a_phone(browser, real_site):
    """WCAG 2.5.8 (axe's target-size, which Lighthouse runs): a code block's
    copy button, added as the block is rendered, has 24 px free of the entry
    foot's links below it. The axe suite above sees the first screen's
    buttons only."""
    _, base_url, _ = real_site
    assert not target_size_problems(browser, base_url, BUTTON_PAGES)


def test_the_target_space_check_sees_a_foot_too_close(browser, real_site):
    """The gate can fail: the entry foot with its former top margin."""
    _, base_url, _ = real_site
    problems = target_size_problems(browser, base_url, BUTTON_PAGES[:1],
                                    ".md-typeset.cs-sheet .cs-entry-foot { margin-top: 0.1em }")
    assert any("target-size" in problem for problem in problems), problems
