"""Rendering: model in, Markdown out."""

from __future__ import annotations

from pathlib import Path

from cheatsheet.core import SiteLoader, discover, render_page
from cheatsheet.core.markup import block, cell, code_span, fence, inline, plain
from cheatsheet.core.model import build_page
from cheatsheet.core.render import relative_link
from cheatsheet.core.site import Site, Target

DOCUMENT = {
    "title": "Docker CLI",
    "description": "Commands.",
    "release": "Docker Engine 28",
    "reference": "https://docs.docker.com/reference/cli/docker/",
    "sections": [{
        "id": "containers",
        "title": "Containers",
        "entries": [
            {
                "id": "docker-run",
                "name": "docker run",
                "kind": "cli",
                "syntax": "docker run [OPTIONS] IMAGE [COMMAND] [ARG...]",
                "summary": "Create and run a new container from an image",
                "options": [
                    {"name": "--volume", "short": "-v", "value": "<list>", "description": "Bind mount a volume"},
                    {"name": "--rm", "default": False, "description": "Remove the container when it exits"},
                ],
                "examples": [{"title": "Start a shell", "code": "docker run --rm -it ubuntu:24.04 bash",
                              "output": "root@abc:/#"}],
                "see_also": ["docker-create"],
                "tags": ["bind mount", "container run"],
                "url": "https://docs.docker.com/reference/cli/docker/container/run/",
            },
            {
                "id": "docker-create",
                "aliases": ["docker-container-create"],
                "name": "docker create",
                "kind": "cli",
                "summary": "Create a new container",
                "examples": [{"title": "Create", "code": "docker create nginx"}],
                "deprecated": {"since": "28", "replacement": "nothing, really", "use": "docker-run"},
                "url": "https://docs.docker.com/reference/cli/docker/container/create/",
            },
        ],
    }],
}


def render(document=DOCUMENT, src_path="docker/cli.yml") -> str:
    page = build_page(src_path, document)
    targets = {entry.id: Target(page.md_path, entry.id, entry.name) for entry in page.entries}
    return render_page(Site((page,), targets), page)


def test_front_matter_carries_title_and_meta_description():
    assert render().startswith('---\ntitle: "Docker CLI"\ndescription: "Commands."\n---\n\n# Docker CLI\n')


def test_quick_reference_table_links_every_entry():
    markdown = render()
    assert "## Quick reference { #quick-reference data-search-exclude }" in markdown
    # Each line: the entry's most common form, linked to the entry, then its summary.
    assert "- [`docker run [OPTIONS] IMAGE [COMMAND] [ARG...]`](#docker-run) Create and run a new container from an image\n" in markdown
    assert "- [`docker create nginx`](#docker-create) Create a new container *(deprecated)*\n" in markdown


def test_entry_heading_uses_the_id_as_anchor():
    assert '### docker run { #docker-run .cs-entry data-cs-kind="cli" }' in render()


def test_syntax_block_and_summary():
    markdown = render()
    assert "Create and run a new container from an image\n{ .cs-summary }" in markdown
    assert "``` { .bash .cs-syntax }\ndocker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n```" in markdown


def test_every_option_has_its_own_anchor():
    markdown = render()
    assert ("| [`--volume`](#docker-run--volume){ #docker-run--volume .cs-option .cs-flag }, `-v` "
            "`<list>`{ .cs-value } | Bind mount a volume |") in markdown
    assert ("| [`--rm`](#docker-run--rm){ #docker-run--rm .cs-option .cs-flag } | Remove the container when it exits "
            "Default: `false`{ .cs-default } |") in markdown


def test_examples_and_output_blocks():
    markdown = render()
    assert "Start a shell\n{ .cs-example-title }\n\n``` { .bash }\ndocker run --rm -it ubuntu:24.04 bash\n```" in markdown
    assert "``` { .text .no-copy .cs-output }\nroot@abc:/#\n```" in markdown


def test_deprecation_notice_names_the_replacement():
    markdown = render()
    assert '!!! warning "Deprecated since 28"\n\n    Use instead: nothing, really (see [`docker run`](#docker-run))' in markdown


def test_alias_keeps_an_anchor_before_the_heading():
    assert '<span id="docker-container-create" class="cs-alias"></span>\n### docker create' in render()


def test_see_also_and_official_link():
    markdown = render()
    assert '<span class="cs-see-also">See also: [`docker create`](#docker-create)</span>' in markdown
    assert "[Official documentation](https://docs.docker.com/reference/cli/docker/container/run/){ .cs-docs-link }" in markdown


def test_tags_are_shown_as_keywords():
    assert '<span class="cs-tags">Keywords: bind mount · container run</span>' in render()


def test_links_across_pages_are_relative():
    assert relative_link("docker/cli.md", "docker/cli.md", "x") == "#x"
    assert relative_link("docker/cli.md", "mlflow/tracking.md", "x") == "../mlflow/tracking.md#x"
    assert relative_link("docker/cli.md", "docker/compose.md", "x") == "compose.md#x"


def test_rendering_is_stable_across_runs_and_reordering():
    first = render()
    assert render() == first
    reordered = {**DOCUMENT, "sections": [{**DOCUMENT["sections"][0],
                                           "entries": list(reversed(DOCUMENT["sections"][0]["entries"]))}]}
    markdown = render(reordered)
    for anchor in ("{ #docker-run ", "{ #docker-create ", "#docker-run--volume", 'id="docker-container-create"'):
        assert anchor in markdown


# Field-level escaping


def test_inline_neutralises_html_attr_lists_and_script_links():
    assert inline("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert inline("x {: onclick=alert(1) }") == "x \\{: onclick=alert(1) \\}"
    assert inline("[a](javascript:alert(1))") == "[a]\\(javascript:alert(1))"
    assert inline("[a](https://example.com) and [b](other.md#x)") == "[a](https://example.com) and [b](other.md#x)"
    assert inline("# not a heading") == "&#35; not a heading"
    assert inline("<!-- comment -->") == "&lt;!-- comment --&gt;"


def test_inline_keeps_code_spans_verbatim():
    assert inline("use `<name>` and `{x}`") == "use `<name>` and `{x}`"


def test_cells_escape_pipes_and_newlines():
    assert cell("a | b\nc") == "a \\| b c"


def test_plain_text_is_literal():
    assert plain("__init__ <b>") == "\\_\\_init\\_\\_ &lt;b&gt;"


def test_code_spans_and_fences_cannot_be_closed_early():
    assert code_span("a`b") == "``a`b``"
    assert fence("```\nrm -rf /\n```", "bash").startswith("```` { .bash }\n")


def test_block_closes_unclosed_fences_and_neutralises_headings():
    assert block("# Title\ntext\n```python\nx = 1") == "&#35; Title\ntext\n\n``` python\nx = 1\n```"
    assert block("text\n---") == "text\n&#45;--"
    assert block("<div onclick='x'>hi</div>") == "&lt;div onclick='x'&gt;hi&lt;/div&gt;"


def test_real_docs_render_without_errors():
    docs = Path(__file__).resolve().parent.parent / "docs"
    site = SiteLoader().load(discover(docs))
    for page in site.pages:
        assert render_page(site, page).startswith("---\n")
