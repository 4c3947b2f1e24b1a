"""Highlighted code without the elements that change nothing on screen.

Pygments wraps every run of whitespace in ``<span class="w">`` and opens
every block with an empty ``<span></span>``. The theme styles neither, so
they are pure DOM: on kubectl's page 1,640 of the article's 7,600 elements,
each parsed and (once shown) styled and laid out. The text, and so what a
copy button copies, is unchanged.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

# Pygments escapes the code's text, so inside a highlighted block "<" only
# ever opens one of its own tags.
WHITESPACE_SPAN = re.compile(r'<span class="w">([^<]*)</span>')
EMPTY_LEAD_SPAN = re.compile(r"(<pre\b[^>]*>)<span></span>")


class CompactCode(Postprocessor):
    def run(self, text: str) -> str:
        if '<div class="highlight"' not in text:
            return text
        text = WHITESPACE_SPAN.sub(r"\1", text)
        return EMPTY_LEAD_SPAN.sub(r"\1", text)


class CompactCodeExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the raw HTML postprocessor (30) has put the highlighted
        # blocks back into the page.
        md.postprocessors.register(CompactCode(md), "cheatsheet_compact_code", 2)


def makeExtension(**kwargs) -> CompactCodeExtension:  # noqa: N802 - Python-Markdown's name
    return CompactCodeExtension(**kwargs)
