"""Reading a built site's HTML with the standard library's parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class PageHtml:
    ids: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # href values of <a>
    sources: list[str] = field(default_factory=list)  # src/href of scripts, styles, images
    elements: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self, page: PageHtml):
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.page.elements.append((tag, attributes))
        if attributes.get("id"):
            self.page.ids.append(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.page.ids.append(attributes["name"])
        if tag == "a" and attributes.get("href") is not None:
            self.page.links.append(attributes["href"])
        if tag in ("script", "img") and attributes.get("src"):
            self.page.sources.append(attributes["src"])
        if tag == "link" and attributes.get("href"):
            self.page.sources.append(attributes["href"])


def parse(path: Path) -> PageHtml:
    page = PageHtml()
    _Collector(page).feed(path.read_text(encoding="utf-8"))
    return page
