"""Height estimates for the article's blocks, for the ones that start unrendered.

cheatsheet.css leaves a cheat-sheet page's blocks past the first screen
unrendered (``content-visibility: auto``) until they near the viewport, so
start-up styles and lays out one screen, not 8,000 elements. An unrendered
block is as tall as its ``contain-intrinsic-size``. Below its content's real
height, anything that measures the content before it is shown (axe in
Lighthouse, a script) finds it overlapping the next block; far off, the
scrollbar jumps when it is shown. So each top-level block gets an estimate
that is an upper bound at a phone's narrowest column (``--cs-h``) and in the
wide three-column layout (``--cs-h-wide``), from its text: characters per
line at the column's width, lines per cell, row and code padding. The
figures are in rem, as the theme's sizes are; tests/test_startup_rendering.py checks
every block of every page against its real height in Chromium.

An entry's body (the blocks after its heading, summary and tasks, down to its
foot line) arrives wrapped in one ``div.cs-entry-body`` with the sum of its
blocks' estimates: the browser checks every unrendered block against the
viewport in every frame, and kubectl's 637 blocks are 68 bodies. Once shown,
the wrapper has no box of its own to show (no margin, padding or border).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

# Columns (rem) the estimates must cover: a 320 px phone (Material's root is
# 20 px, the article has 0.8 rem margins) and the narrowest three-column
# layout (76.25em = 1220 px, 9.5 rem sidebars, 1.2 rem margins).
NARROW_REM = 14.4
WIDE_REM = 38.0
# Widths of one character, in em of its font: Roboto's average is about
# 0.5, Roboto Mono's 0.6.
CHAR_EM = 0.54
CODE_CHAR_EM = 0.6


@dataclass(frozen=True)
class Text:
    """How one kind of text is set (cheatsheet.css): font size and line
    height in rem, the share of the wide column it takes (example titles sit
    beside their code, in 36 % of it; the code in the other 64 %), how full
    a wrapped line is (lines break at spaces, and names and code have long
    words), and the padding (rem) around it."""
    font: float
    line: float
    share: float = 1.0
    fill: float = 0.82
    padding: float = 0.0


TEXT = Text(0.8, 1.28)
TEXT_BY_CLASS = {
    "cs-example-title": Text(0.68, 0.92, share=0.36),
    "cs-entry-foot": Text(0.65, 0.88, fill=0.6),
    "admonition": Text(0.64, 1.03, fill=0.7, padding=1.6),
}
TABLE = Text(0.64, 1.03, fill=0.75)
CODE = Text(0.6, 0.72, share=0.64, fill=0.55, padding=0.5)
SAFETY = 1.06  # on top of the estimate
# An entry body's estimate adds, per block, more than the margins between
# blocks (0.35em of the sheet's 0.7rem text at most, and code's 0.15em).
BODY_GAP = 0.3
BODY_CLASS = "cs-entry-body"
# Blocks that are no part of an entry's body: its heading, summary and
# tasks, and the anchors of other names for the next entry.
LEAD_CLASSES = {"cs-summary", "cs-tasks", "cs-alias"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCKS = {"p", "li", "dt", "dd", "h4", "h5", "h6", "div", "blockquote", "summary"}


def lines(text: str, width_rem: float, kind: Text, char_em: float = CHAR_EM) -> int:
    per_line = max(1, int(width_rem / (kind.font * char_em)))
    # Code keeps its indentation; other text is set without it.
    length = len(text.rstrip() if kind is CODE else text.strip())
    return 1 if length <= per_line else math.ceil(length / (per_line * kind.fill))


@dataclass
class Block:
    """What the estimate needs of one top-level block."""
    tag: str
    start: int  # offset of the character after the tag name in the output
    end: int = 0  # offset after its end tag
    styled: bool = False  # has a style of its own, left alone
    css_class: str = ""  # its first class
    kind: str = "text"  # text (paragraphs, lists, admonitions), table or code
    runs: list[str] = field(default_factory=list)  # paragraphs, items, code lines
    rows: list[list[str]] = field(default_factory=list)

    def height(self, width: float, wide: bool) -> float:
        if self.kind == "table":
            return self._table(width, wide)
        if self.kind == "code":
            width = width * CODE.share if wide else width
            return CODE.padding + sum(lines(run, width - 1.0, CODE, CODE_CHAR_EM) for run in self.runs) * CODE.line
        text = TEXT_BY_CLASS.get(self.css_class, TEXT)
        width = (width * text.share if wide else width) - text.padding
        runs = [run for run in self.runs if run.strip()]
        gaps = 0.3 * max(0, len(runs) - 1)  # margins between paragraphs or items
        return text.padding + sum(lines(run, width - 1.0, text) for run in runs) * text.line + gaps

    def _table(self, width: float, wide: bool) -> float:
        total = 0.5
        for row in self.rows:
            if wide:  # cells side by side, each in its share of the width
                share = (width - 1.6 * len(row)) / max(1, len(row))
                total += max(lines(cell, share, TABLE) for cell in row) * TABLE.line + 1.2
            else:  # cells stacked (narrow screens)
                total += sum(lines(cell, width - 1.0, TABLE) for cell in row) * TABLE.line + 0.45
        return total


class BlockReader(HTMLParser):
    """Reads the top-level blocks of a page's HTML, with the text of each."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
        self.blocks: list[Block] = []
        self.depth = 0
        self.block: Block | None = None
        self.row: list[str] | None = None
        self.text: list[str] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def flush(self) -> None:
        text = "".join(self.text)
        self.text = []
        if self.block is None or not text.strip():
            return
        if self.row is not None:
            self.row.append(text)
        elif self.block.kind == "code":
            self.block.runs.extend(text.split("\n"))
        else:
            self.block.runs.append(text)

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            attributes = dict(attrs)
            self.block = Block(tag, self.position() + 1 + len(tag), styled="style" in attributes)
            classes = (attributes.get("class") or "").split()
            self.block.css_class = classes[0] if classes else ""
            if tag == "pre" or "highlight" in classes:
                self.block.kind = "code"
        elif self.block is not None:
            if tag == "table":
                self.block.kind = "table"
            if tag == "tr":
                self.flush()
                self.row = []
            elif tag in ("td", "th", "br") or (tag in BLOCKS and self.block.kind != "code"):
                self.flush()
        if tag not in VOID:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self.depth = max(0, self.depth - 1)
        if self.block is None:
            return
        if tag in ("td", "th") or tag in BLOCKS:
            self.flush()
        if tag == "tr" and self.row is not None:
            self.flush()
            if self.row:
                self.block.rows.append(self.row)
            self.row = None
        if self.depth == 0:
            self.flush()
            self.block.end = self.html.index(">", self.position()) + 1
            self.blocks.append(self.block)
            self.block = None

    def handle_data(self, data):
        if self.block is not None:
            self.text.append(data)


def units(blocks: list[Block]) -> list[tuple[list[Block], bool]]:
    """The page's blocks as they will be rendered: each entry body's blocks
    together (True), every other block alone (False)."""
    found: list[tuple[list[Block], bool]] = []
    body: list[Block] | None = None  # the open entry's body
    in_lead = False  # after an entry heading, before its body
    for block in blocks:
        if block.tag in ("h1", "h2", "h3", "h4", "h5", "h6") or block.css_class in LEAD_CLASSES:
            body = None
            entry_heading = block.tag == "h3" and block.css_class == "cs-entry"
            in_lead = entry_heading or (in_lead and block.css_class != "cs-alias")
            found.append(([block], False))
        elif in_lead or body is not None:
            if in_lead:
                body, in_lead = [], False
                found.append((body, True))
            body.append(block)
            if block.css_class == "cs-entry-foot":
                body = None
        else:
            found.append(([block], False))
    return found


def estimate(blocks: list[Block]) -> str:
    """Upper bounds for the blocks' height together, narrow and wide."""
    gaps = BODY_GAP * len(blocks) if len(blocks) > 1 else 0.0
    narrow = sum(block.height(NARROW_REM, wide=False) for block in blocks) * SAFETY + gaps
    wide = sum(block.height(WIDE_REM, wide=True) for block in blocks) * SAFETY + gaps
    return f"--cs-h:{narrow:.1f}rem;--cs-h-wide:{wide:.1f}rem"


def annotate(html: str) -> str:
    """The HTML with each top-level block's estimates as custom properties,
    and each entry body wrapped with its own."""
    reader = BlockReader(html)
    reader.feed(html)
    reader.close()
    out, last = [], 0
    for blocks, is_body in units(reader.blocks):
        first = blocks[0]
        if is_body:
            opening = first.start - len(first.tag) - 1  # its "<"
            out.append(html[last:opening])
            out.append(f'<div class="{BODY_CLASS}" style="{estimate(blocks)}">')
            out.append(html[opening:blocks[-1].end])
            out.append("</div>")
            last = blocks[-1].end
        # cheatsheet.css never leaves h1-h3 or an entry's lead unrendered.
        elif first.tag not in ("h1", "h2", "h3") and first.css_class not in LEAD_CLASSES and not first.styled:
            out.append(html[last:first.start])
            out.append(f' style="{estimate(blocks)}"')
            last = first.start
    out.append(html[last:])
    return "".join(out)


class Estimate(Postprocessor):
    def run(self, text: str) -> str:
        return annotate(text)


class SizesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Last of the postprocessors: the raw HTML (code blocks) is back in place.
        md.postprocessors.register(Estimate(md), "cheatsheet_sizes", 1)


def makeExtension(**kwargs) -> SizesExtension:  # noqa: N802 - Python-Markdown's name
    return SizesExtension(**kwargs)
