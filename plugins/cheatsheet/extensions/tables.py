"""Tables rendered already wrapped, as Material's JavaScript would wrap them.

Material wraps every ``table:not([class])`` of the article in a scrolling
container at start-up. Moving 50 tables of a large page restyles the whole
article before the page is usable, so the tables arrive wrapped and carry a
class (``cs-table``) that Material leaves alone; cheatsheet.css gives that
class Material's table look.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

TABLE_CLASS = "cs-table"


class WrapTables(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "table" or "class" in child.attrib:
                    continue
                child.set("class", TABLE_CLASS)
                wrap = etree.Element("div", {"class": "md-typeset__scrollwrap"})
                etree.SubElement(wrap, "div", {"class": "md-typeset__table"}).append(child)
                wrap.tail, child.tail = child.tail, None
                parent.remove(child)
                parent.insert(index, wrap)


class TablesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the block parser made the tables; order among the other
        # tree processors does not matter.
        md.treeprocessors.register(WrapTables(md), "cheatsheet_tables", 5)


def makeExtension(**kwargs) -> TablesExtension:  # noqa: N802 - Python-Markdown's name
    return TablesExtension(**kwargs)
