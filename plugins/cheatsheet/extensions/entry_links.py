"""Every entry heading arrives with its "Copy link" button.

Added by the page script, a large page's 68 buttons (kubectl) were six batches
of DOM changes after start-up, each a restyle and relayout of the page that
Material's scroll and table-of-contents watchers then measured again. In the
HTML they cost their parse only. The page script does the copying (one click
listener); cheatsheet.css hides the buttons when scripts do not run, and
Material's search leaves them out of the index (``data-search-exclude``).
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

ENTRY_CLASS = "cs-entry"
BUTTON_CLASS = "cs-copy-link"


def _names(tokens: list[dict]) -> dict[str, str]:
    """Heading id -> its text, from the toc extension's tokens (plain text,
    HTML-escaped; the heading itself may still hold stash placeholders)."""
    names: dict[str, str] = {}
    for token in tokens:
        names[token["id"]] = html.unescape(token["name"])
        names.update(_names(token.get("children", [])))
    return names


class EntryLinkButtons(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        names = _names(getattr(self.md, "toc_tokens", []))
        for heading in root.iter("h3"):
            anchor = heading.get("id")
            if not anchor or ENTRY_CLASS not in heading.get("class", "").split():
                continue
            name = names.get(anchor, anchor)
            etree.SubElement(heading, "button", {
                "type": "button",
                "class": BUTTON_CLASS,
                "aria-label": f"Copy link to {name}",
                "title": "Copy link to this entry",
                "data-anchor": anchor,
                "data-entry": anchor,
                "data-search-exclude": "",
            }).text = "Copy link"


class EntryLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After toc (5): its names and permalinks are made without the
        # button, which comes after the permalink.
        md.treeprocessors.register(EntryLinkButtons(md), "cheatsheet_entry_links", 4)


def makeExtension(**kwargs) -> EntryLinksExtension:  # noqa: N802 - Python-Markdown's name
    return EntryLinksExtension(**kwargs)
