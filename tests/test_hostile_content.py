"""Valid but hostile content renders inertly in every field of the format.

One site holds a page per attack, each attack in every field; the built
HTML of every page of that site (the poisoned pages, a clean page and the
home page, which all carry the nav) is judged by a spec-compliant parser
(tests/inert.py), and so is every JSON file the build writes under search/.
Fields that refuse markup characters instead are tested for that refusal.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import copy_project, mkdocs_build
from inert import site_findings
from pages import entry, page

SCHEMA = Path(__file__).resolve().parent.parent / "plugins" / "cheatsheet" / "core" / "schema" / "page.schema.json"

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<xss-probe>alert(1)</xss-probe>",
    "</title><script>alert(1)</script>",
    "x \"><script>alert(1)</script>",
    "x' data-xss='1' onmouseover='alert(1)",
    "x\" data-xss=\"1\" onmouseover=\"alert(1)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "[click](javascript:alert(1))",
    "javascript:alert(1)",
    "<!-- hidden --> after",
    "a | pipe",
    "# heading marker",
    "{: onclick=\"alert(1)\" }",
    "{ #id .cls data-xss=1 onclick=alert(1) }",
    "```\nunclosed fence",
    "line one\nline two",
    "<a href='javascript:alert(1)'>x</a>",
    "![img](javascript:alert(1))",
    "[ref]: javascript:alert(1)",
    "<style>*{background:url(javascript:alert(1))}</style>",
]

# What a page title and description may not hold (the schema refuses it:
# see test_markup_in_a_page_field_is_refused).
TITLE_REFUSES = "<>&\"'"
DESCRIPTION_REFUSES = "<>\"'"


def accepted(attack: str, refused: str) -> str:
    """The attack as the schema accepts it in a field: the refused characters dropped."""
    kept = "".join(char for char in " ".join(attack.split()) if char not in refused).strip()
    return kept or "empty"


def hostile_page(attack: str, n: int) -> str:
    """A page with `attack` in every field of the format that takes free text;
    fields limited by a pattern get the most hostile value the pattern allows."""
    line = json.dumps(" ".join(attack.split()))
    block = json.dumps(attack)
    title = json.dumps(f"Attack {n} {accepted(attack, TITLE_REFUSES)}")
    description = json.dumps(f"Attack {n} & {accepted(attack, DESCRIPTION_REFUSES)}")
    return f"""\
title: {title}
description: {description}
release: {line}
reference: https://example.com/?q=%22%3E%3Cscript%3E
intro: {block}
sections:
  - id: hostile-{n}
    title: {line}
    intro: {block}
    entries:
      - id: hostile-{n}-one
        aliases: [hostile-{n}-old]
        name: {line}
        kind: cli
        syntax: {block}
        language: "text+x#y.z"
        summary: {line}
        tasks: [{line}, "Do {n} {{: onclick=alert(1) }}"]
        details: {block}
        options:
          - name: "--flag\\"onclick='alert(1)'{{#x}}&amp;"
            short: "-\\"'&{{"
            value: {line}
            default: {line}
            required: true
            description: {line}
            deprecated: {line}
          - name: --other
            id: other
            description: {line}
            deprecated: true
        examples:
          - title: {line}
            code: {block}
            language: bash
            output: {block}
            setup: {block}
            unproven: {line}
        see_also: [hostile-{n}-two]
        url: "https://example.com/one?x='onmouseover=alert(1)"
        deprecated: {{since: {line}, replacement: {line}, removed: {line}, use: hostile-{n}-two}}
        tags: [safe, "a+b.c_d-e"]
      - id: hostile-{n}-two
        name: second entry
        kind: api
        summary: {line}
        examples:
          - title: {line}
            code: {block}
        url: https://example.com/two
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("hostile")
    docs = {"index.md": "# Home\n", "clean/page.yml": page(entry("clean-run", extra="see_also: [hostile-0-one]\n"))}
    for n, attack in enumerate(ATTACKS):
        docs[f"tool/attack-{n}.yml"] = hostile_page(attack, n)
    project = copy_project(tmp_path, docs=docs)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path / "site"


def _fields(schema: dict, node: dict, prefix: str, seen: set[str]) -> set[str]:
    """Every field path of the format: title, sections.entries.options.name..."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return set()
        return _fields(schema, schema["$defs"][name], prefix, seen | {name})
    fields: set[str] = set()
    for key, child in node.get("properties", {}).items():
        path = f"{prefix}{key}"
        fields.add(path)
        fields |= _fields(schema, child, f"{path}.", seen)
    if "items" in node:
        fields |= _fields(schema, node["items"], prefix, seen)
    return fields


def _used(value, prefix: str = "") -> set[str]:
    fields: set[str] = set()
    if isinstance(value, dict):
        for key, child in value.items():
            fields.add(f"{prefix}{key}")
            fields |= _used(child, f"{prefix}{key}.")
    elif isinstance(value, list):
        for child in value:
            fields |= _used(child, prefix)
    return fields


def test_the_hostile_page_sets_every_field_of_the_format():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert _fields(schema, schema, "", set()) == _used(yaml.safe_load(hostile_page(ATTACKS[0], 0)))


def test_every_built_page_and_the_search_data_are_inert(hostile_site):
    assert site_findings(hostile_site) == []


@pytest.mark.parametrize("n", range(len(ATTACKS)))
def test_each_hostile_page_keeps_its_shape(hostile_site, n):
    html = (hostile_site / "tool" / f"attack-{n}" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    ids = set(re.findall(r'id="([^"]+)"', article))
    for anchor in (f"hostile-{n}-one", f"hostile-{n}-two", f"hostile-{n}-old", f"hostile-{n}-one--other",
                   f"hostile-{n}"):
        assert anchor in ids
    # The options table keeps its shape: a header and one row per option, each as wide as the header.
    table = article[article.index(f'id="hostile-{n}-one"'):]
    table = table[table.index("<table "):table.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    assert len(rows) == 3
    widths = {len(re.findall(r"<t[hd][ >]", row)) for row in rows}
    assert len(widths) == 1 and widths != {1}, widths
    # Entries stay h3 headings and the page has one h1: nothing in the text opened another heading.
    assert len(re.findall(r"<h3 ", article)) == 2
    assert len(re.findall(r"<h1[ >]", article)) == 1


def test_the_description_reaches_the_meta_tag_as_typed(hostile_site):
    import html5lib

    attack = "&lt;script&gt;alert(1)&lt;/script&gt;"
    n = ATTACKS.index(attack)
    document = html5lib.parse((hostile_site / "tool" / f"attack-{n}" / "index.html").read_bytes(),
                              treebuilder="etree", namespaceHTMLElements=False)
    [meta] = [m for m in document.iter("meta") if m.get("name") == "description"]
    assert meta.get("content") == f"Attack {n} & {attack}"


def _check(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "docs" / "tool").mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / "tool" / "page.yml").write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "cheatsheet", "check", "docs"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr
    return result.stderr.splitlines()[:-1]


@pytest.mark.parametrize("attack", [a for a in ATTACKS if set(a) & set(TITLE_REFUSES)][:8])
def test_markup_in_a_page_field_is_refused(tmp_path, attack):
    value = json.dumps(" ".join(attack.split()))
    text = page().replace("title: Tool", f"title: {value}")
    assert _check(tmp_path, text) == [
        "docs/tool/page.yml:2: title: must be one line of plain text (at most 300 characters) without < > & \" or ' "
        "(the theme writes page titles into every page's HTML unescaped; write 'and' for &, and \u2019 for an apostrophe)"
    ]
    text = page().replace("description: A page for tests.", f"description: {value}")
    expected = ("docs/tool/page.yml:3: description: must be one line of plain text (at most 300 characters) without "
                "< > \" or ' (the theme writes the description into every page's HTML unescaped; use \u201c \u201d "
                "for quotes and \u2019 for an apostrophe)")
    assert _check(tmp_path, text) == ([expected] if set(attack) & set(DESCRIPTION_REFUSES) else [])


@pytest.mark.parametrize("field, old, new", [
    ("sections[0].id", "id: basics", "id: '\"><script>'"),
    ("sections[0].entries[0].id", "id: tool-run", "id: 'x onclick=alert(1)'"),
    ("sections[0].entries[0].url", "url: https://example.com/tool-run", "url: 'javascript:alert(1)'"),
    ("reference", "reference: https://example.com/reference", "reference: 'https://x/\"><script>'"),
    ("sections[0].entries[0].options[0].name", "- name: --verbose", "- name: '--x<script>'"),
    ("sections[0].entries[0].options[0].short", "short: -v", "short: '-<'"),
])
def test_fields_limited_by_a_pattern_refuse_markup(tmp_path, field, old, new):
    text = page(entry("tool-run")).replace(old, new, 1)
    found = _check(tmp_path, text)
    assert len(found) == 1 and f": {field}: " in found[0], found
