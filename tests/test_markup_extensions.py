"""Entry headings arrive with their copy-link buttons, and highlighted code
without Pygments' unstyled spans (cheatsheet/extensions/entry_links.py and
compact_code.py): start-up neither adds dozens of buttons nor styles 1,600 empty
elements."""

from __future__ import annotations

import html
import re

import pytest
from markdown import Markdown

ENTRY = '### a &lt;b&gt; \\*c { #my-entry .cs-entry }\n\nSummary\n\n### Plain { #plain }\n'
ENTRY_EXTENSIONS = ["attr_list", {"toc": {"permalink": True}}]


def convert(source: str, extensions: list) -> tuple[str, Markdown]:
    names = [e if isinstance(e, str) else next(iter(e)) for e in extensions]
    configs = {next(iter(e)): e[next(iter(e))] for e in extensions if not isinstance(e, str)}
    md = Markdown(extensions=names, extension_configs=configs)
    return md.convert(source), md


def entry_buttons(page: str) -> list[str]:
    return re.findall(r'<h3 class="cs-entry"[^>]*>.*?</h3>', page)


def test_an_entry_heading_gets_its_button_after_the_permalink():
    page, md = convert(ENTRY, ENTRY_EXTENSIONS + ["cheatsheet.extensions.entry_links"])
    heading, = entry_buttons(page)
    assert re.search(r'&para;</a><button [^>]*class="cs-copy-link"[^>]*>Copy link</button></h3>$', heading), heading
    button = re.search(r"<button ([^>]*)>", heading).group(1)
    attrs = {key: html.unescape(value) for key, value in re.findall(r'([\w-]+)="([^"]*)"', button)}
    assert attrs["aria-label"] == "Copy link to a <b> *c"
    assert attrs["data-anchor"] == attrs["data-entry"] == "my-entry"
    assert attrs["type"] == "button" and "data-search-exclude" in attrs
    # The table of contents names the entry without the button's text.
    assert [token["name"] for token in md.toc_tokens] == ["a &lt;b&gt; *c", "Plain"]
    # A heading that is no entry gets none.
    assert page.count("cs-copy-link") == 1


def test_without_the_extension_no_heading_has_a_button():
    """The gate above can fail: the buttons come from the extension."""
    page, _ = convert(ENTRY, ENTRY_EXTENSIONS)
    assert "cs-copy-link" not in page


def test_every_entry_of_the_built_site_has_its_button_and_search_skips_them(real_site):
    site_dir, _, _ = real_site
    missing, pages = {}, 0
    for page in site_dir.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        headings = re.findall(r'<h3 class="cs-entry"[^>]*id="([^"]+)"[^>]*>.*?</h3>', text)
        lacking = [anchor for anchor, heading in zip(headings, re.findall(r'<h3 class="cs-entry".*?</h3>', text))
                   if f'data-anchor="{anchor}"' not in heading]
        pages += bool(headings)
        if lacking:
            missing[str(page.relative_to(site_dir))] = lacking[:3]
    assert pages >= 10 and not missing, missing
    for index in ("search_index.json", "material_index.json"):
        assert "Copy link" not in (site_dir / "search" / index).read_text(encoding="utf-8")


CODE = '```bash\ndocker run --rm -it <image>   # a comment\n```\n'
CODE_EXTENSIONS = ["pymdownx.highlight", "pymdownx.superfences"]


def code_text(page: str) -> str:
    code = re.search(r"<code>(.*?)</code>", page, re.S).group(1)
    return html.unescape(re.sub(r"<[^>]+>", "", code))


def test_highlighted_code_loses_only_its_unstyled_spans():
    stock, _ = convert(CODE, CODE_EXTENSIONS)
    compact, _ = convert(CODE, CODE_EXTENSIONS + ["cheatsheet.extensions.compact_code"])
    assert '<span class="w">' in stock and "<span></span>" in stock  # the gate can fail
    assert '<span class="w">' not in compact and "<span></span>" not in compact
    assert code_text(compact) == code_text(stock) == "docker run --rm -it <image>   # a comment\n"
    # Every other token keeps its span (and its colour).
    assert re.findall(r'<span class="(?!w")[^"]+">', compact) == re.findall(r'<span class="(?!w")[^"]+">', stock)


def test_no_page_of_the_built_site_has_unstyled_code_spans(real_site):
    site_dir, _, _ = real_site
    found = {str(page.relative_to(site_dir)): page.read_text(encoding="utf-8").count('<span class="w">')
             for page in site_dir.rglob("index.html")}
    assert not {page: count for page, count in found.items() if count}


@pytest.mark.browser
def test_entry_buttons_show_only_where_the_page_script_runs(browser, real_site):
    """A button that could not copy is not shown: without scripts the html
    element keeps Material's no-js class."""
    _, base_url, _ = real_site
    shown = {}
    for scripts in (True, False):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=scripts)
        page = context.new_page()
        page.goto(base_url + "docker/cli/")
        shown[scripts] = page.locator("#docker-run .cs-copy-link").is_visible()
        context.close()
    assert shown == {True: True, False: False}
