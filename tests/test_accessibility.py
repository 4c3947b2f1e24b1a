"""Reader-grade accessibility gates on the real site in headless Chromium.

- axe-core finds no violation, of any impact, on any page of the built site
  (every index.html and the 404 page), in the light and in the dark palette,
  nor in the open search dialog and the open mobile navigation drawer;
- the keyboard reaches and works every control, with a visible focus;
- at a phone's width (375 px) the drawer opens, search works and wide tables
  scroll inside their wrapper instead of widening the page.

Each gate is shown able to fail: axe must report a page with known faults.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import axe_playwright_python
import pytest

from conftest import ROOT, SUB_PATH, first_result_for

sys.path.insert(0, str(ROOT))
from benchmarks import layout  # noqa: E402

pytestmark = pytest.mark.browser

# axe-core as bundled by axe-playwright-python: no download at test time.
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
# Every rule axe enables by default (WCAG 2.x A/AA and best practices); only
# violations are returned, passes would just slow the run down.
AXE_OPTIONS = {"resultTypes": ["violations"]}
# The palettes differ in colour only, so the dark one is checked with the
# rules that read colours; the light one with all of them.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
AXE_OPTIONS_BY_SCHEME = {
    "light": AXE_OPTIONS,
    "dark": {**AXE_OPTIONS, "runOnly": {"type": "rule", "values": COLOUR_RULES}},
}
SCHEMES = ["light", "dark"]
PALETTE = {"light": "default", "dark": "slate"}  # Material's scheme names
PAGES_AT_ONCE = 3  # pages axe checks side by side (separate renderers)
MISSING = "no/such/page/"  # any missing path is answered with the 404 page


# --- axe harness --------------------------------------------------------------

def settle(page) -> None:
    """Lay the article out in full and wait until no CSS transition runs, so
    axe reads final positions and colours of every block (the page as it
    starts is checked in test_startup_rendering.py)."""
    layout.show_all(page)
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def axe_start(page, options: dict = AXE_OPTIONS, within: str | None = None) -> None:
    """Inject axe-core and start it on the page, or only on the elements that
    match `within`; the result is collected by axe_finish."""
    settle(page)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    page.evaluate(
        "([options, within]) => {"
        " window.__axeRun = axe.run(within ? { include: [[within]] } : document, options) }",
        [options, within])


def axe_finish(page) -> list[dict]:
    return page.evaluate("() => window.__axeRun.then(result => result.violations)")


def axe_violations(page, options: dict = AXE_OPTIONS, within: str | None = None) -> list[dict]:
    axe_start(page, options, within)
    return axe_finish(page)


def describe(violations: list[dict], where: str = "") -> list[str]:
    """One line per rule: where, rule, impact, how many, first targets, why."""
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        targets = ", ".join(str(node["target"]) for node in nodes[:3])
        summary = re.sub(r"\s+", " ", nodes[0].get("failureSummary") or "")[:240]
        lines.append(f"{where} {violation['id']} ({violation['impact']}, {len(nodes)}x): {targets} -- {summary}")
    return lines


def site_paths(site_dir: Path) -> list[str]:
    """Every page of the built site, as a path below the base URL, and 404."""
    paths = sorted(
        "" if page.parent == site_dir else page.parent.relative_to(site_dir).as_posix() + "/"
        for page in site_dir.rglob("index.html")
    )
    return paths + [MISSING]


def axe_all(context, urls: list[str], options: dict) -> dict[str, list[dict]]:
    """axe on every URL, PAGES_AT_ONCE pages at a time; URL -> violations."""
    tabs = [context.new_page() for _ in range(min(PAGES_AT_ONCE, len(urls)))]
    results: dict[str, list[dict]] = {}
    queue = list(urls)
    while queue:
        running = []
        for tab in tabs:
            if not queue:
                break
            url = queue.pop(0)
            tab.goto(url)
            axe_start(tab, options)
            running.append((tab, url))
        for tab, url in running:
            results[url] = axe_finish(tab)
    for tab in tabs:
        tab.close()
    return results


@pytest.fixture
def new_context(browser, real_site):
    """Make browser contexts (closed after the test), clipboard allowed."""
    _, base_url, _ = real_site
    origin = base_url.rsplit(SUB_PATH, 1)[0]
    contexts = []

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def test_axe_harness_reports_known_violations(browser):
    """The gate can fail: a page with an image without alt text, grey text
    on white and a nameless dialog is reported, rule by rule."""
    page = browser.new_page()
    try:
        page.set_content(
            '<!doctype html><html lang="en"><head><title>Faulty</title></head><body><main>'
            '<h1>Faulty</h1>'
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
            '<p style="color:#bbb;background:#fff">Too faint to read</p>'
            '<div role="dialog">A dialog</div>'
            "</main></body></html>"
        )
        found = {violation["id"] for violation in axe_violations(page)}
    finally:
        page.close()
    assert {"image-alt", "color-contrast", "aria-dialog-name"} <= found, found


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_passes_axe(new_context, real_site, scheme):
    site_dir, base_url, _ = real_site
    paths = site_paths(site_dir)
    assert len(paths) > 10, paths
    # The palette follows the system preference until the reader picks one.
    context = new_context(color_scheme=scheme)
    probe = context.new_page()
    probe.goto(base_url)
    assert probe.evaluate("() => document.body.dataset.mdColorScheme") == PALETTE[scheme]
    probe.close()
    results = axe_all(context, [base_url + path for path in paths], AXE_OPTIONS_BY_SCHEME[scheme])
    problems = [line for url, violations in results.items()
                for line in describe(violations, url.removeprefix(base_url) or "home")]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_open_search_and_mobile_drawer_pass_axe(new_context, real_site, scheme):
    """States a page load does not show: results of a search (one of them
    selected with the keyboard) and, on a phone, the navigation drawer. The
    rest of the page is checked above, so axe looks at these parts only."""
    _, base_url, _ = real_site
    problems = []

    page = new_context(color_scheme=scheme).new_page()
    page.goto(base_url + "docker/cli/")
    open_search(page, "docker run")
    problems += describe(axe_violations(page, within=".md-search"), "search results:")
    page.keyboard.press("ArrowDown")
    page.wait_for_function("() => document.activeElement.matches('a.md-search-result__link')")
    problems += describe(axe_violations(page, within=".md-search"), "search result selected:")

    phone = new_context(color_scheme=scheme, viewport={"width": 375, "height": 740}).new_page()
    phone.goto(base_url + "docker/cli/")
    open_drawer(phone)
    problems += describe(axe_violations(phone, within=".md-sidebar--primary"), "drawer:")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_option_landing_passes_axe(new_context, real_site, scheme):
    """A link that lands on an option, on a phone and a desktop: the row
    highlighted, the options' copy-link button shown in it, a keyboard
    reader's focus on it. axe looks at that option table."""
    _, base_url, _ = real_site
    problems = []
    table = ".md-typeset__scrollwrap:has(#docker-run--volume)"
    for width in (375, 1280):
        page = new_context(color_scheme=scheme, viewport={"width": width, "height": 900}).new_page()
        page.goto(base_url + "docker/cli/#docker-run--volume")
        page.wait_for_function("() => !!document.querySelector('#docker-run--volume ~ .cs-copy-link--option')")
        settle(page)
        problems += describe(axe_violations(page, AXE_OPTIONS_BY_SCHEME[scheme], within=table), f"landed at {width}:")
        page.locator("#docker-run--volume ~ .cs-copy-link--option").focus()
        settle(page)
        problems += describe(axe_violations(page, AXE_OPTIONS_BY_SCHEME[scheme], within=table), f"button focused at {width}:")
    assert not problems, "\n".join(problems)


# --- keyboard -----------------------------------------------------------------

def open_search(page, query: str, key: str = "/"):
    """Open search with a keyboard shortcut and type (Material reads the
    query on keyup, so typing, not fill(), is what a reader does)."""
    page.wait_for_load_state("load")
    page.keyboard.press(key)
    page.wait_for_function(
        "() => document.getElementById('__search').checked"
        " && document.activeElement.matches('input.md-search__input')")
    page.keyboard.type(query)
    return first_result_for(page, query)


def open_drawer(page) -> None:
    page.locator(".md-header label[for=__drawer]").click()
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    primary = page.locator(".md-sidebar--primary")
    page.wait_for_function(
        "el => { const r = el.getBoundingClientRect(); return r.left >= 0 && r.right > 0 }",
        arg=primary.element_handle())
    settle(page)


# The look of the focused element, or of the label a visually hidden input
# (the palette toggle) draws its focus on.
FOCUS_LOOK = """el => {
  const shown = el.matches('input.md-option') ? el.nextElementSibling : el
  const s = getComputedStyle(shown)
  const r = shown.getBoundingClientRect()
  const outline = s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0
    ? 'none' : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
  return {
    outline, boxShadow: s.boxShadow, color: s.color, opacity: s.opacity,
    visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight
      && s.visibility !== 'hidden' && !!hit && (shown === hit || shown.contains(hit)),
  }
}"""


def focused(page):
    return page.evaluate_handle("() => document.activeElement")


def look(page, element) -> dict:
    settle(page)  # Material fades focus colours in
    return page.evaluate(FOCUS_LOOK, element)


def assert_focus_is_visible(page, element, name: str) -> None:
    """Focused, the element is on screen with an outline or ring that it does
    not have once focus moves on."""
    with_focus = look(page, element)
    assert with_focus["visible"], f"{name}: focused but not visible: {with_focus}"
    assert with_focus["outline"] != "none" or with_focus["boxShadow"] != "none", f"{name}: {with_focus}"
    page.keyboard.press("Tab")
    without_focus = look(page, element)
    page.keyboard.press("Shift+Tab")
    assert (with_focus["outline"], with_focus["boxShadow"]) != (without_focus["outline"], without_focus["boxShadow"]), \
        f"{name}: focus changes nothing: {with_focus}"


def tab_to(page, selector: str, limit: int = 400) -> str:
    """Press Tab until the focused element matches selector; return what the
    keyboard passed on the way (for the failure message)."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return passed
        passed.append(page.evaluate("() => document.activeElement.className || document.activeElement.tagName"))
    raise AssertionError(f"{selector} not reached with {limit} Tabs; passed {passed[-20:]}")


@pytest.mark.parametrize("key", ["/", "s"])
def test_search_opens_with_its_shortcut(page, real_site, key):
    _, base_url, _ = real_site
    page.goto(base_url + "docker/cli/")
    first = open_search(page, "docker run", key)
    assert page.locator("input.md-search__input").input_value() == "docker run"
    assert "docker/cli/" in first.get_attribute("href")


def test_search_result_chosen_with_arrow_down_and_enter(page, real_site):
    _, base_url, _ = real_site
    page.goto(base_url)
    open_search(page, "kubectl rollout undo")
    page.keyboard.press("ArrowDown")
    chosen = page.evaluate("() => document.activeElement.matches('a.md-search-result__link')"
                           " && document.activeElement.href")
    assert chosen and chosen.endswith("kubernetes/kubectl/?h=kubectl+rollout+undo#kubectl-rollout-undo"), chosen
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(SUB_PATH + "kubernetes/kubectl/") + r".*#kubectl-rollout-undo$"))
    page.wait_for_function("() => { const el = document.getElementById('kubectl-rollout-undo');"
                           " if (!el) return false; const r = el.getBoundingClientRect();"
                           " return r.top >= 0 && r.top < innerHeight }")


def test_header_controls_are_reached_by_tab_and_show_focus(page, real_site):
    """From the top of a page: the skip link, logo, palette toggle, search and
    every navigation tab come first, each with a visible focus."""
    _, base_url, _ = real_site
    page.goto(base_url + "docker/cli/")
    page.wait_for_load_state("load")
    tabs = page.locator(".md-tabs__link").count()
    assert tabs >= 6
    reached = []
    for _ in range(tabs + 8):
        page.keyboard.press("Tab")
        element = focused(page)
        kind = page.evaluate(
            """el => el.matches('input.md-option') ? 'palette'
                 : el.matches('.md-tabs__link') ? 'tab:' + el.textContent.trim()
                 : el.matches('.md-search__input') ? 'search'
                 : el.matches('.md-skip') ? 'skip' : el.className""", element)
        reached.append(kind)
        if kind == "palette" or kind.startswith("tab:") or kind == "skip":
            assert_focus_is_visible(page, element, kind)
    assert reached[0] == "skip", reached
    assert {"palette", "search"} <= set(reached), reached
    assert len([kind for kind in reached if kind.startswith("tab:")]) == tabs, reached


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_palette_toggle_works_from_the_keyboard(page, real_site, key):
    _, base_url, _ = real_site
    page.goto(base_url)
    tab_to(page, "input.md-option", limit=10)
    scheme = "() => [document.body.dataset.mdColorMedia, document.body.dataset.mdColorScheme]"
    seen = [page.evaluate(scheme)]
    for _ in range(3):
        page.keyboard.press(key)
        seen.append(page.evaluate(scheme))
        assert page.evaluate("() => document.activeElement.matches('input.md-option')"), "focus lost"
    # system preference -> light -> dark -> system preference
    assert [media for media, _ in seen] == [
        "(prefers-color-scheme)", "(prefers-color-scheme: light)",
        "(prefers-color-scheme: dark)", "(prefers-color-scheme)"], seen
    assert seen[2][1] == "slate", seen


def test_palette_choice_survives_a_reload_and_colours_the_browser(new_context, real_site):
    """The choice is stored as Material stores it, and the browser's
    theme-color follows the header in the chosen palette."""
    _, base_url, _ = real_site
    page = new_context(color_scheme="light").new_page()
    page.goto(base_url + "docker/cli/")
    page.click("label[for='__palette_1']:not([hidden])")  # system -> light
    page.click("label[for='__palette_2']:not([hidden])")  # light -> dark
    page.reload()
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.querySelector('meta[name=theme-color]')?.content")
    state = page.evaluate("""() => ({
        scheme: document.body.dataset.mdColorScheme,
        media: document.body.dataset.mdColorMedia,
        meta: document.querySelector('meta[name=theme-color]').content,
        colorScheme: document.querySelector('meta[name=color-scheme]').content,
        header: getComputedStyle(document.querySelector('.md-header')).backgroundColor})""")
    assert state["scheme"] == "slate" and state["media"] == "(prefers-color-scheme: dark)", state
    red, green, blue = (int(state["meta"][i:i + 2], 16) for i in (1, 3, 5))
    assert state["header"].startswith(f"rgb({red}, {green}, {blue}"), state
    assert state["colorScheme"] == "dark", state


def test_navigation_tab_followed_with_enter(page, real_site):
    _, base_url, _ = real_site
    page.goto(base_url)
    tab_to(page, ".md-tabs__link[href*='kubernetes/']", limit=20)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(SUB_PATH + "kubernetes/kubectl/") + "$"))


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_copy_link_reached_and_pressed_from_the_keyboard(page, real_site, key):
    _, base_url, _ = real_site
    page.goto(base_url + "docker/cli/")
    page.wait_for_load_state("load")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.matches('a.md-skip')")
    page.keyboard.press("Enter")  # skip the header and navigation
    tab_to(page, ".cs-copy-link")
    button = focused(page)
    entry = page.evaluate("el => el.dataset.entry", button)
    assert_focus_is_visible(page, button, "Copy link")
    page.keyboard.press(key)
    page.wait_for_function("el => el.textContent === 'Copied'", arg=button)
    assert page.evaluate("navigator.clipboard.readText()") == base_url + "docker/cli/#" + entry


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_code_copy_button_reached_shown_and_pressed_from_the_keyboard(page, real_site, key):
    """Material shows the copy button faintly until the block is hovered; a
    keyboard reader must see it once it has focus."""
    _, base_url, _ = real_site
    page.goto(base_url + "docker/cli/")
    page.wait_for_load_state("load")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # skip link
    copy = 'button.md-code__button[data-md-type="copy"]'
    tab_to(page, copy)
    button = focused(page)
    expected = page.evaluate("el => el.closest('pre').querySelector('code').innerText", button).rstrip("\n")
    assert_focus_is_visible(page, button, "code copy button")
    with_focus = look(page, button)
    page.keyboard.press("Tab")
    without_focus = look(page, button)
    page.keyboard.press("Shift+Tab")
    assert with_focus["color"] != without_focus["color"], "the icon does not stand out when focused"
    page.evaluate("navigator.clipboard.writeText('')")
    page.keyboard.press(key)
    page.wait_for_function("() => navigator.clipboard.readText().then(text => text !== '')")
    assert page.evaluate("navigator.clipboard.readText()") == expected


# --- phone width --------------------------------------------------------------

@pytest.fixture
def phone(new_context):
    return new_context(viewport={"width": 375, "height": 740}, has_touch=True).new_page()


def test_phone_drawer_opens_and_leads_to_a_page(phone, real_site):
    _, base_url, _ = real_site
    phone.goto(base_url)
    open_drawer(phone)
    link = phone.locator(".md-sidebar--primary a.md-nav__link[href$='docker/compose/']")
    # Sections open as nested panels: the drawer shows Docker, then its pages.
    phone.locator(".md-sidebar--primary label.md-nav__link", has_text="Docker").first.click()
    link.wait_for(state="visible")
    link.click()
    phone.wait_for_url(re.compile(re.escape(SUB_PATH + "docker/compose/") + "$"))


def test_phone_search_finds_and_lands(phone, real_site):
    _, base_url, _ = real_site
    phone.goto(base_url)
    phone.locator(".md-header label[for=__search]").first.click()
    phone.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
    phone.keyboard.type("docker run")
    first_result_for(phone, "docker run").click()
    phone.wait_for_url(re.compile(r"#docker-run$"))


def test_phone_tables_scroll_inside_their_wrapper(phone, real_site):
    _, base_url, _ = real_site
    phone.goto(base_url + "docker/cli/")
    phone.wait_for_load_state("load")
    widths = phone.evaluate("""() => ({
        page: document.scrollingElement.scrollWidth,
        tables: [...document.querySelectorAll('.md-typeset__scrollwrap')]
          .map(wrap => [wrap.scrollWidth, wrap.clientWidth, getComputedStyle(wrap).overflowX])})""")
    assert widths["page"] <= 375, widths["page"]
    assert widths["tables"], "no table on the page"
    # Tables are laid out for the phone (rows stack): none needs to scroll sideways.
    # Their wrappers do not scroll (overflow stays visible so the sticky option
    # header works), so a table that did not fit would widen the page, caught above.
    assert all(scroll <= client for scroll, client, _ in widths["tables"]), widths["tables"]
