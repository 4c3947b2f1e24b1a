"""Valid but hostile content renders inertly: no injected element or
attribute, no broken table, every entry still present."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from conftest import copy_project, mkdocs_build

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "<!-- hidden --> after",
    "a | pipe",
    "# heading marker",
    "{: onclick=\"alert(1)\" }",
    "```\nunclosed fence",
    "line one\nline two",
    "<a href='javascript:alert(1)'>x</a>",
    "![img](javascript:alert(1))",
    "[ref]: javascript:alert(1)",
]

FORBIDDEN_TAGS = {"script", "img", "iframe", "style", "object", "embed", "form", "input", "svg", "math", "link", "meta"}


def hostile_page(attack: str) -> str:
    one_line = " ".join(attack.split())
    line = json.dumps(one_line)
    block = json.dumps(attack)
    return f"""\
title: {line}
description: {line}
release: {line}
reference: https://example.com/
intro: {block}
sections:
  - id: hostile
    title: {line}
    intro: {block}
    entries:
      - id: hostile-one
        name: {line}
        kind: cli
        syntax: {block}
        summary: {line}
        details: {block}
        options:
          - name: --flag
            value: {line}
            default: {line}
            description: {line}
            deprecated: {line}
          - name: --other
            description: {line}
        examples:
          - title: {line}
            code: {block}
            output: {block}
        see_also: [hostile-two]
        url: https://example.com/one
        deprecated: {{since: {line}, replacement: {line}, removed: {line}, use: hostile-two}}
        tags: [safe]
      - id: hostile-two
        name: second entry
        kind: api
        summary: {line}
        examples:
          - title: {line}
            code: {block}
        url: https://example.com/two
"""


class ArticleScanner(HTMLParser):
    """Collects what the article of a page contains."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.tags: list[tuple[str, dict]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif self.depth:
            self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1

    def handle_comment(self, data):
        if self.depth:
            self.comments.append(data)


@pytest.mark.parametrize("attack", ATTACKS)
def test_hostile_text_renders_inertly(tmp_path, attack):
    project = copy_project(tmp_path, docs={"index.md": "# Home\n", "tool/page.yml": hostile_page(attack)})
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "tool" / "page" / "index.html").read_text(encoding="utf-8")
    scanner = ArticleScanner()
    scanner.feed(html)

    assert scanner.comments == []
    for tag, attributes in scanner.tags:
        assert tag not in FORBIDDEN_TAGS, (tag, attributes)
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, attributes)
            if name in ("href", "src"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), attributes

    ids = [attributes.get("id") for _, attributes in scanner.tags]
    for anchor in ("hostile-one", "hostile-two", "hostile-one--flag", "hostile-one--other", "hostile"):
        assert anchor in ids
    # The options table keeps its shape: a header and one row per option, four cells each.
    table = html[html.index('id="hostile-one"'):]
    table = table[table.index("<table>"):table.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    assert len(rows) == 3
    assert all(len(re.findall(r"<t[hd][ >]", row)) == 4 for row in rows)
    # Entries stay h3 headings: nothing in the text opened another heading.
    assert len(re.findall(r"<h3 ", html)) == 2
