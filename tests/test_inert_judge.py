"""The judge of built pages (tests/inert.py) finds each kind of injection
the issue names, in markup a browser would run, and passes the theme's own."""

from __future__ import annotations

from inert import html_findings, search_findings

PAGE = ('<!doctype html><html><head><meta charset="utf-8"><meta name="description" content="{description}">'
        '<title>{title} - Site</title></head><body><nav><a href="../x/">{title}</a></nav>'
        '<a href="javascript:void(0)" data-md-component="search-share">share</a>'
        '<article><h1 id="t">Title</h1><p>{body}</p></article></body></html>')


def judge(title="Docker CLI", description="Commands", body="text"):
    return html_findings(PAGE.format(title=title, description=description, body=body), "page")


def test_a_clean_page_and_the_themes_share_button_pass():
    assert judge() == []
    assert judge(title="Docker CLI &lt;script&gt;", body="&lt;img src=x onerror=alert(1)&gt;") == []


def test_a_script_in_the_nav_is_found():
    found = judge(title="Docker CLI <script>alert(1)</script><img src=x onerror=alert(2)>")
    assert any("injected script" in f for f in found)
    assert any("injected element <img>" in f for f in found)
    assert any("event-handler attribute onerror" in f for f in found)


def test_a_broken_out_meta_attribute_is_found():
    assert any("injected script" in f for f in judge(description='x "><script>alert(7)</script>'))
    assert any("event-handler attribute onmouseover" in f
               for f in judge(description='x" onmouseover="alert(1)'))
    assert any("broken-out attribute" in f for f in judge(description='x" data-xss="1'))


def test_a_title_that_closes_the_title_element_is_found():
    found = judge(title="</title><script>alert(1)</script>")
    assert any("injected script" in f for f in found)


def test_a_javascript_link_is_found():
    assert any("script URL" in f for f in judge(body='<a href=" jav&#x09;ascript:alert(1)">x</a>'))


def test_an_unknown_element_and_a_comment_are_found():
    assert any("injected element <xss-probe>" in f for f in judge(body="<xss-probe>x</xss-probe>"))
    assert any("comment from the content" in f for f in judge(body="<!-- hidden -->"))


def test_search_data_with_markup_is_found():
    assert search_findings({"docs": [{"title": "a", "text": "<p>ok <code>x</code></p>"}]}) == []
    assert search_findings({"docs": [{"title": "<img src=x onerror=alert(1)>"}]}) != []
    assert search_findings({"docs": [{"text": '<p class="x">a</p>'}]}) != []
    assert search_findings({"docs": [{"location": "javascript:alert(1)"}]}) != []
    assert search_findings({"docs": [{"title": "javascript:alert(1) is text here"}]}) == []
