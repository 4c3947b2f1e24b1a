"""Tables arrive wrapped as Material's JavaScript would wrap them, so it has
nothing to move at start-up (see cheatsheet/extensions/tables.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown

from cheatsheet.extensions.tables import WrapTables

TABLE = "| a | b |\n|---|---|\n| 1 | 2 |\n"


def test_a_markdown_table_is_wrapped_and_classed():
    html = Markdown(extensions=["tables", "cheatsheet.extensions.tables"]).convert("Text\n\n" + TABLE + "\nAfter")
    assert re.search(r'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
                     r'<table class="cs-table">', html), html
    assert html.index("Text") < html.index("<table") < html.index("After"), html


def test_a_table_that_has_a_class_is_left_alone():
    root = etree.fromstring('<div><table class="mine"><tr><td>1</td></tr></table></div>')
    WrapTables(Markdown()).run(root)
    assert root[0].tag == "table" and root[0].get("class") == "mine", etree.tostring(root)


def bare_tables(html: str) -> int:
    """Tables Material's JavaScript would wrap at start-up (no class)."""
    return len(re.findall(r"<table(?![^>]*class=)", html))


def test_the_bare_table_check_sees_a_stock_table():
    """The gate below can fail: without our extension, a table is bare."""
    assert bare_tables(Markdown(extensions=["tables"]).convert(TABLE)) == 1


def test_no_table_of_the_built_site_is_left_for_material_to_wrap(real_site):
    site_dir, _, _ = real_site
    bare = {}
    for page in site_dir.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        count = bare_tables(html[html.find("<article"):html.find("</article>")])
        if count:
            bare[str(page.relative_to(site_dir))] = count
    assert not bare, bare
