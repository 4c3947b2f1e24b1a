"""Layout of the real site in Chromium: entries fit a phone and a desktop,
option links land with their entry in view and a clear highlight, and each
tool's print edition prints on a few A4 pages."""

from __future__ import annotations

import io
import re
import sys

import pytest

from conftest import ROOT
from test_accessibility import site_paths

sys.path.insert(0, str(ROOT))
from benchmarks import layout  # noqa: E402

pytestmark = pytest.mark.browser

# Elements of the article that reach past its column, or scroll sideways.
OVERFLOW = """() => { const a = document.querySelector('article.md-content__inner'); if (!a) return [];
  const box = a.getBoundingClientRect(); const bad = [];
  for (const el of a.querySelectorAll('*')) { const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const scrolls = el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0
      && getComputedStyle(el).overflowX !== 'visible';
    if (scrolls || r.right > box.right + 1 || r.left < box.left - 1)
      bad.push(el.tagName + ' ' + (el.textContent || '').trim().slice(0, 50)) }
  return bad }"""


@pytest.mark.parametrize("width", [375, 1280])
def test_nothing_in_the_article_is_wider_than_its_column(browser, real_site, width):
    site_dir, base_url, _ = real_site
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    found = {}
    for path in site_paths(site_dir)[:-1]:
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        layout.show_all(page)
        bad = page.evaluate(OVERFLOW)
        if bad:
            found[path] = (len(bad), bad[:3])
    context.close()
    assert not found, found


def test_overflow_check_sees_a_wide_element(page, real_site):
    """The gate can fail: a too-wide table cell is reported."""
    _, base_url, _ = real_site
    page.goto(base_url + "docker/cli/")
    page.evaluate("""() => { const code = document.querySelector('.cs-option code');
                             code.style.whiteSpace = 'pre'; code.textContent = 'x'.repeat(400) }""")
    assert page.evaluate(OVERFLOW)


@pytest.mark.parametrize("scheme,width", [("light", 1280), ("dark", 1280), ("light", 375)])
def test_option_link_lands_with_entry_name_and_clear_highlight(browser, real_site, scheme, width):
    _, base_url, _ = real_site
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "docker/cli/#docker-run--volume")
    page.wait_for_load_state("load")
    page.wait_for_timeout(400)
    state = page.evaluate("""() => {
      const option = document.getElementById('docker-run--volume'); const row = option.closest('tr');
      const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
      const th = row.closest('table').querySelector('th');
      const r = row.getBoundingClientRect(); const h = th.getBoundingClientRect();
      const heading = document.getElementById('docker-run').getBoundingClientRect();
      return {rowTop: r.top, rowBottom: r.bottom, header, thTop: h.top, thBottom: h.bottom, thText: th.textContent,
              headingTop: heading.top, height: innerHeight,
              bg: getComputedStyle(row).backgroundColor, plain: getComputedStyle(row.nextElementSibling).backgroundColor,
              button: !!row.querySelector('.cs-copy-link--option') }}""")
    context.close()
    # The row is below the sticky header and the table header, and on screen.
    assert state["rowTop"] >= state["thBottom"] - 1 and state["rowBottom"] <= state["height"], state
    # The table header (which names the entry) is in view, or the heading is.
    assert "docker run" in state["thText"]
    assert state["header"] - 1 <= state["thTop"] < state["height"] or 0 <= state["headingTop"] < state["height"]
    assert state["bg"] != state["plain"] and state["bg"] not in ("rgba(0, 0, 0, 0)", "transparent"), state
    assert state["button"]


LANDING = """() => {
  const row = document.getElementById(location.hash.slice(1)).closest('tr');
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const th = row.closest('table').querySelector('thead').getBoundingClientRect();
  const r = row.getBoundingClientRect();
  return {rowTop: r.top, rowBottom: r.bottom, header, thTop: th.top, thBottom: th.bottom, height: innerHeight,
          bg: getComputedStyle(row).backgroundColor, hash: location.hash} }"""


@pytest.mark.parametrize("width", [375, 1280])
def test_link_deep_into_a_long_page_lands_on_its_row(browser, real_site, width):
    """A link to the last option of the longest page lands on its row, under
    its table's header, highlighted."""
    _, base_url, _ = real_site
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base_url + "kubernetes/kubectl/")
    anchor = page.evaluate("() => [...document.querySelectorAll('a.cs-option[id]')].pop().id")
    page.goto("about:blank")
    page.goto(base_url + "kubernetes/kubectl/#" + anchor)
    page.wait_for_load_state("load")
    # On a busy machine the page may still be settling (fonts of code, copy
    # buttons added at idle time): give the landing a few seconds to hold.
    landed = f"""() => {{ const s = ({LANDING})(); return s.header - 1 <= s.thTop && s.thBottom - 1 <= s.rowTop
                                                && s.rowBottom <= s.height }}"""
    try:
        page.wait_for_function(landed, timeout=5000)
    except Exception:  # noqa: BLE001 - the assertions below say what is wrong
        pass
    state = page.evaluate(LANDING)
    context.close()
    assert state["header"] - 1 <= state["thTop"] and state["thBottom"] - 1 <= state["rowTop"], state
    assert state["rowBottom"] <= state["height"], state
    assert state["bg"] not in ("rgba(0, 0, 0, 0)", "transparent"), state
    # The address still names the option (Material's navigation.tracking would
    # rewrite it to the heading in view), so copying it shares the same row.
    assert state["hash"] == "#" + anchor, state


def test_option_copy_link_copies_the_option_url_from_the_keyboard(page, real_site):
    """The options share one button: Tab from an option's link reaches it,
    named for that option, shown, and Enter copies that option's URL."""
    _, base_url, _ = real_site
    page.goto(base_url + "docker/cli/")
    page.wait_for_load_state("load")
    assert page.locator(".cs-copy-link--option").count() <= 1
    page.locator("#docker-run--volume").focus()
    page.keyboard.press("Tab")
    button = page.locator(":focus")
    assert button.evaluate("el => el.matches('#docker-run--volume ~ .cs-copy-link--option')")
    assert "--volume" in button.get_attribute("aria-label") and "docker run" in button.get_attribute("aria-label")
    assert button.evaluate("el => getComputedStyle(el).opacity") == "1"
    page.keyboard.press("Enter")
    page.wait_for_function("el => el.textContent === 'Copied'", arg=button.element_handle())
    assert page.evaluate("navigator.clipboard.readText()") == base_url + "docker/cli/#docker-run--volume"
    # Pointing at another option's row moves the button there, renamed.
    page.evaluate("document.activeElement.blur()")
    page.locator("#docker-run--publish").hover()
    moved = page.locator(".cs-copy-link--option")
    assert moved.evaluate("el => el.matches('#docker-run--publish ~ .cs-copy-link--option')")
    assert "--publish" in moved.get_attribute("aria-label")


# The three largest pages, their height at 1280x900 at most half of what it was
# before the cheat-sheet layout (benchmarks/data/layout-baseline-e417e75.json).
DENSE_PAGES = layout.TARGET_PAGES


def test_the_largest_pages_take_at_most_half_their_former_height(browser, real_site):
    _, base_url, _ = real_site
    figures = layout.measure_with(browser, base_url, DENSE_PAGES)
    ratios = {path: row["ratio_1280"] for path, row in figures.items()}
    print(ratios)
    assert all(ratio <= layout.HEIGHT_RATIO_LIMIT for ratio in ratios.values()), ratios


def test_height_gate_sees_the_page_without_the_cheat_sheet_styles(browser, real_site):
    """The gate can fail: the same page without cheatsheet.css is taller than half."""
    _, base_url, _ = real_site
    figures = layout.measure_with(browser, base_url, DENSE_PAGES[:1], block=["**/cheatsheet.css"])
    assert figures["docker/cli/"]["ratio_1280"] > layout.HEIGHT_RATIO_LIMIT, figures


def pdf_pages(page, url: str) -> tuple[int, bytes]:
    page.goto(url)
    page.wait_for_load_state("load")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf)), pdf


TOOLS = ["docker", "mlflow", "kubernetes", "kubeflow", "istio"]


@pytest.mark.parametrize("tool", TOOLS)
def test_print_edition_prints_on_a_few_pages(page, real_site, tool):
    _, base_url, _ = real_site
    pages, pdf = pdf_pages(page, base_url + f"{tool}/print/")
    print(f"{tool}: {pages} A4 pages")
    assert pages <= (4 if tool == "docker" else 6), pages
    # No navigation or buttons in the printed page.
    hidden = page.evaluate("""() => [...document.querySelectorAll('.md-header, .md-sidebar, .md-footer, .cs-copy-link')]
                              .every(el => getComputedStyle(el).display === 'none')""")
    assert hidden


def test_print_edition_is_linked_from_the_tool_pages_and_not_in_the_nav(page, real_site):
    _, base_url, _ = real_site
    page.goto(base_url + "docker/cli/")
    link = page.locator(".cs-page-meta a.cs-print-link")
    assert link.evaluate("a => a.href").endswith("/docker/print/")
    assert page.locator(".md-nav a[href$='print/']").count() == 0
    link.click()
    page.wait_for_url(re.compile(r"docker/print/$"))
    assert page.locator("a[href$='cli/#docker-run']").count() >= 1


def test_print_stylesheet_hides_buttons_and_keeps_rows_whole(page, real_site):
    _, base_url, _ = real_site
    page.goto(base_url + "docker/cli/")
    page.wait_for_function("() => !!document.querySelector('.md-code__nav')")
    page.emulate_media(media="print")
    state = page.evaluate("""() => ({
      buttons: [...document.querySelectorAll('.cs-copy-link, .md-code__nav, .md-header, .md-sidebar')]
        .filter(el => getComputedStyle(el).display !== 'none').length,
      rows: getComputedStyle(document.querySelector('tr')).breakInside,
      pre: getComputedStyle(document.querySelector('pre')).breakInside,
      docs: getComputedStyle(document.querySelector('a.cs-docs-link'), '::after').content })""")
    assert state["buttons"] == 0, state
    assert state["rows"] == "avoid" and state["pre"] == "avoid"
    assert "https://docs.docker.com/" in state["docs"]
