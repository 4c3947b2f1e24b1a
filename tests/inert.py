"""Judge a built site as a browser reads it: html5lib parses each page as
the HTML standard says, so an injected element or a broken-out attribute
shows up here exactly as it would in Chromium.

The hostile corpus calls `alert(` in every payload and names its probe
elements and attributes `xss`: the judge looks for those anywhere outside
text, and for what no page of ours ever contains (event handlers,
javascript: URLs, attribute names no template writes).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

import html5lib

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

# Every element the theme, the templates and Markdown write on a page.
ALLOWED_ELEMENTS = frozenset("""
    html head body meta link title script header main article footer nav aside div span a p br hr
    h1 h2 h3 h4 h5 h6 ul ol li dl dt dd code pre kbd samp var strong em b i s u small sub sup mark del ins
    blockquote table caption colgroup col thead tbody tfoot tr th td details summary figure figcaption
    label input form button abbr
""".split()) | {f"{SVG}svg", f"{SVG}path"}

# Formatting the search index may hold: plain text with these tags, no attributes.
SEARCH_ELEMENTS = frozenset({"p", "code", "pre", "ul", "ol", "li", "em", "strong", "kbd", "br", "table", "thead",
                             "tbody", "tr", "th", "td", "span"})

# Keys of search data that hold links (Material's index: "location").
URL_KEYS = frozenset({"location", "url", "href", "link"})

URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "poster", "background", "cite",
                            "srcset", "ping", XLINK_HREF, "xlink:href"})

ATTRIBUTE_NAME = re.compile(r"^[a-zA-Z_:][-a-zA-Z0-9_:.]*$|^\{http://www\.w3\.org/[^}]+\}[a-z]+$")
MARKER = "alert("


def _bad_url(value: str) -> bool:
    # Browsers drop ASCII whitespace and control characters inside a scheme.
    squeezed = re.sub(r"[\x00-\x20]+", "", value).lower()
    return squeezed.startswith(("javascript:", "vbscript:", "data:text/html", "data:image/svg"))


def _theme_share_button(element, value: str) -> bool:
    """Material's own "share search" button, the one javascript: URL no content writes."""
    return value == "javascript:void(0)" and element.get("data-md-component") == "search-share"


def html_findings(text: str, where: str = "") -> list[str]:
    """What an injection left in one HTML document (empty when inert)."""
    document = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)
    found: list[str] = []
    titles = 0
    for element in document.iter():
        tag = element.tag
        if not isinstance(tag, str):  # a comment
            if MARKER in (element.text or "") or "hidden" in (element.text or ""):
                found.append(f"{where}: comment from the content: {element.text!r}")
            continue
        if tag == "title":
            titles += 1
        if tag not in ALLOWED_ELEMENTS or "xss" in tag:
            found.append(f"{where}: injected element <{tag}> {dict(element.attrib)}")
        if tag == "script" and (MARKER in (element.text or "") or MARKER in element.get("src", "")):
            found.append(f"{where}: injected script {element.text or element.get('src')!r}")
        if tag == "meta" and element.get("http-equiv", "").lower() == "refresh":
            found.append(f"{where}: injected refresh {dict(element.attrib)}")
        for name, value in element.attrib.items():
            if not ATTRIBUTE_NAME.match(name) or "xss" in name.lower():
                found.append(f"{where}: broken-out attribute {name!r} on <{tag}>")
            elif name.lower().startswith("on"):
                found.append(f"{where}: event-handler attribute {name}={value!r} on <{tag}>")
            if name in URL_ATTRIBUTES and _bad_url(value) and not _theme_share_button(element, value):
                found.append(f"{where}: script URL {name}={value!r} on <{tag}>")
            if name == "style" and MARKER in value:
                found.append(f"{where}: injected style {value!r} on <{tag}>")
    if titles != 1:
        found.append(f"{where}: {titles} <title> elements (the head was broken)")
    return found


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def search_findings(data: Any, where: str = "") -> list[str]:
    """Markup in a search data file other than plain formatting without attributes."""
    found: list[str] = []
    for path, text in _strings(data):
        # Names and summaries may read "javascript:alert(1)" as text; only a link is a URL.
        if path.rsplit(".", 1)[-1].split("[")[0] in URL_KEYS and _bad_url(text):
            found.append(f"{where}{path}: script URL {text[:80]!r}")
        if "<" not in text:
            continue
        fragment = html5lib.parseFragment(text, treebuilder="etree", namespaceHTMLElements=False)
        for element in fragment.iter():
            tag = element.tag
            if not isinstance(tag, str):
                found.append(f"{where}{path}: comment or other node in search data: {text[:80]!r}")
                continue
            if tag == "DOCUMENT_FRAGMENT":
                continue
            if tag not in SEARCH_ELEMENTS:
                found.append(f"{where}{path}: element <{tag}> in search data: {text[:80]!r}")
            if element.attrib:
                found.append(f"{where}{path}: attributes {dict(element.attrib)} in search data")
    return found


def site_findings(site_dir: Path) -> list[str]:
    """Judge every page of a built site, and every JSON file the build wrote under search/."""
    found: list[str] = []
    pages = sorted(site_dir.rglob("*.html"))
    assert pages, f"no pages under {site_dir}"
    for page in pages:
        found.extend(html_findings(page.read_text(encoding="utf-8"), page.relative_to(site_dir).as_posix()))
    data_files = sorted((site_dir / "search").rglob("*.json"))
    assert data_files, "the build wrote no search data"
    for data_file in data_files:
        found.extend(search_findings(json.loads(data_file.read_text(encoding="utf-8")),
                                     data_file.relative_to(site_dir).as_posix()))
    return found
