"""Each top-level block of a page carries height estimates for while it is
not yet rendered (see cheatsheet/extensions/sizes.py); tests in
test_startup_rendering.py hold them against the real heights in Chromium."""

from __future__ import annotations

import re

from markdown import Markdown

from cheatsheet.extensions.sizes import annotate

ESTIMATE = re.compile(r'style="--cs-h:([\d.]+)rem;--cs-h-wide:([\d.]+)rem"')


def estimates(html: str) -> list[tuple[float, float]]:
    return [(float(narrow), float(wide)) for narrow, wide in ESTIMATE.findall(annotate(html))]


def table(rows: int, text: str = "Run the container in the background") -> str:
    body = "".join(f"<tr><td><code>--flag-{row}</code></td><td>{text}</td></tr>" for row in range(rows))
    return ('<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="cs-table">'
            f"<thead><tr><th>Option</th><th>Description</th></tr></thead><tbody>{body}</tbody></table></div></div>")


def code(lines: list[str]) -> str:
    return '<div class="highlight"><pre><span></span><code>' + "\n".join(lines) + "\n</code></pre></div>"


def test_blocks_get_estimates_and_headings_do_not():
    html = '<h2 id="a">A</h2>\n<p class="cs-entry-foot">See also</p>\n' + table(2) + "\n" + code(["x"])
    out = annotate(html)
    assert '<h2 id="a">A</h2>' in out
    assert re.search(r'<p style="--cs-h:[\d.]+rem;--cs-h-wide:[\d.]+rem" class="cs-entry-foot">See also</p>', out), out
    assert len(ESTIMATE.findall(out)) == 3, out


def test_a_block_with_a_style_of_its_own_is_left_alone():
    html = '<p style="color: red">Text</p>'
    assert annotate(html) == html


def test_estimates_grow_with_the_content():
    (few,), (many,) = estimates(table(2)), estimates(table(20))
    assert many[0] > few[0] * 5 and many[1] > few[1] * 5
    (short,), (long,) = estimates(code(["a", "b"])), estimates(code(["a"] * 20))
    assert long[0] > short[0] * 5


def test_a_narrow_column_needs_more_height_than_the_wide_layout():
    (narrow, wide), = estimates(table(5, "A description long enough to wrap on a phone's column, twice " * 2))
    assert narrow > wide


def test_indented_code_wraps_as_the_browser_wraps_it():
    """A line that fits only without its indentation wraps: its spaces count."""
    line = "x" * 36
    (flush,), (indented,) = estimates(code([line])), estimates(code(["    " + line]))
    assert indented[0] > flush[0]


def test_markup_in_the_text_stays_text():
    html = '<p>&lt;p style="--cs-h:0"&gt; &amp; "quotes"</p>'
    out = annotate(html)
    assert out.endswith('>&lt;p style="--cs-h:0"&gt; &amp; "quotes"</p>') and out.count("<p") == 1, out


def test_the_extension_annotates_markdown_output():
    html = Markdown(extensions=["fenced_code", "cheatsheet.extensions.sizes"]).convert(
        "Text\n\n```\ncode\n```\n")
    assert len(ESTIMATE.findall(html)) == 2, html


def entry(anchor: str, blocks: str) -> str:
    return (f'<h3 class="cs-entry" id="{anchor}">{anchor}</h3>\n<p class="cs-summary">Do it</p>\n'
            f'<p class="cs-tasks">Task</p>\n{blocks}<p class="cs-entry-foot">See also</p>\n')


def test_an_entry_body_is_one_block_with_the_sum_of_its_estimates():
    """The browser checks each unrendered block against the viewport in
    every frame: an entry's code, tables and foot come as one."""
    body = code(["docker run &lt;image&gt;"]) + "\n" + table(3) + "\n"
    html = '<h2 id="s">Section</h2>\n<p>Intro</p>\n' + entry("a", body) + entry("b", body)
    out = annotate(html)
    bodies = re.findall(r'<div class="cs-entry-body" style="--cs-h:([\d.]+)rem;--cs-h-wide:([\d.]+)rem">'
                        r'(.*?)</div>\n?(?=<h3|$)', out, re.S)
    assert len(bodies) == 2, out
    inner = bodies[0][2]
    assert inner.startswith('<div class="highlight">') and inner.endswith('<p class="cs-entry-foot">See also</p>'), inner
    assert "cs-entry" not in inner.replace("cs-entry-foot", ""), inner  # the next entry is outside
    (c,), (t,), (f,) = estimates(code(["docker run &lt;image&gt;"])), estimates(table(3)), estimates('<p class="cs-entry-foot">See also</p>')
    assert float(bodies[0][0]) >= c[0] + t[0] + f[0] and float(bodies[0][1]) >= c[1] + t[1] + f[1]
    # Headings, summaries, tasks and the intro outside entries stay as they were.
    assert re.search(r'<p style="[^"]+">Intro</p>', out) and out.count("cs-entry-body") == 2


def test_without_an_entry_heading_nothing_is_wrapped():
    """The gate above can fail: blocks after a plain heading are no body."""
    html = '<h2 id="s">Section</h2>\n' + code(["x"]) + "\n" + table(2)
    assert "cs-entry-body" not in annotate(html)
