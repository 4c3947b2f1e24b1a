"""Make YAML text safe to drop into generated Markdown.

YAML text fields allow inline Markdown (code spans, emphasis, http links) and
nothing that could inject markup or break the page: raw HTML, attribute
lists, links with other schemes, headings and unclosed fences are neutralised
so they render as the literal text the writer typed.
"""

from __future__ import annotations

import html
import re

# A code span as Python-Markdown reads it: a run of backticks, text, the same run.
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)")
# The target of an inline link or image: ](target
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_SAFE_TARGET = re.compile(r"^(?:https?://|#|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)
# Reference-style link definition at the start of a line: [label]: target
_LINK_DEFINITION = re.compile(r"^(\s{0,3})\[([^\]]*)\]:")
# Markers that start a block when they open a line.
_BLOCK_START = re.compile(r"^(\s*)([#>+*=\-!?|:~`]|\d+[.)])")
_HEADING = re.compile(r"^(\s{0,3})(#{1,6})(?=\s|$)")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
# Characters Python-Markdown (with the tables extension) lets a backslash escape.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")

def _entity(char: str) -> str:
    return f"&#{ord(char)};"


def _escape_prose(text: str) -> str:
    """Escape what is unsafe in text outside code spans."""
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    # attr_list reads {: ...} and { #id .class key=value } after text.
    text = text.replace("{", "\\{").replace("}", "\\}")
    if "](" not in text:
        return text  # no link target to check (the common case, skipped for speed)

    def neutralise(match: re.Match[str]) -> str:
        target = match.group(1)
        return match.group(0) if _SAFE_TARGET.match(target) else match.group(0).replace("](", "]\\(", 1)

    return _LINK_TARGET.sub(neutralise, text)


def _map_prose(text: str, escape) -> str:
    """Apply `escape` to the parts of one line that are not code spans."""
    if "`" not in text:
        return escape(text)  # no code span (the common case, skipped for speed)
    parts = []
    position = 0
    for match in _CODE_SPAN.finditer(text):
        parts.append(escape(text[position:match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


def _guard_line_start(line: str) -> str:
    """Stop a line from opening a block (heading, list, quote, admonition...)."""
    match = _BLOCK_START.match(line)
    if not match:
        return line
    marker = match.group(2)
    if marker == "`":
        return line  # a code span; inline code is fine at line start
    # The first character of the marker becomes an entity: shown, never parsed.
    return match.group(1) + _entity(marker[0]) + line[match.end(1) + 1:]


def inline(text: str) -> str:
    """One line of inline Markdown (summaries, descriptions, replacement notes)."""
    line = " ".join(text.split())
    line = _map_prose(line, _escape_prose)
    definition = _LINK_DEFINITION.match(line)
    if definition:
        line = definition.group(1) + "\\[" + line[definition.end(1) + 1:]
    return _guard_line_start(line)


def cell(text: str) -> str:
    """Inline Markdown inside a table cell: a pipe would end the cell."""
    return _map_prose(inline(text), lambda prose: prose.replace("|", "\\|"))


def plain(text: str) -> str:
    """Literal text (names, titles): no Markdown at all, shown as typed."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def attribute_text(text: str) -> str:
    """Text for a value the theme writes into an HTML attribute unescaped (the
    page description, in `<meta name="description" content="...">`). The
    schema refuses the characters that could end the attribute or open a tag
    even after a template unescapes it; `&` is allowed and becomes `&amp;`,
    which the browser shows as typed (and so does anything else, should the
    schema let it through)."""
    return html.escape(" ".join(text.split()), quote=True)


def code_span(text: str) -> str:
    """Inline code that shows `text` exactly, whatever backticks it holds."""
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0) if "`" in text else 0
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def fence(code: str, language: str, classes: str = "") -> str:
    """A fenced code block that no content can close early."""
    longest = max((len(run) for run in re.findall(r"`{3,}", code)), default=2) if "```" in code else 2
    marks = "`" * max(3, longest + 1)
    names = " ".join(f".{name}" for name in [language, *classes.split()])
    attributes = f"{{ {names} }}"
    return f"{marks} {attributes}\n{code}\n{marks}"


def block(text: str) -> str:
    """Multi-line Markdown (details, intros) with headings, HTML and attribute
    lists neutralised and any unclosed fence closed at the end."""
    out: list[str] = []
    open_fence: str | None = None
    previous_blank = True
    for line in text.splitlines():
        if open_fence is not None:
            out.append(line)
            stripped = line.strip()
            if stripped.startswith(open_fence[0]) and stripped == open_fence[0] * len(stripped) and len(stripped) >= len(open_fence):
                open_fence = None
                out.append("")
                previous_blank = True
            continue
        fence_match = _FENCE.match(line)
        if fence_match:
            open_fence = fence_match.group(2)
            info = line[fence_match.end():]
            # Keep the language word; drop attribute lists and titles.
            language = re.match(r"\s*\{?\s*\.?([A-Za-z0-9_+#.-]*)", info).group(1)
            if not previous_blank:
                out.append("")  # a fence inside a paragraph would not be one
            out.append(f"{fence_match.group(1)}{open_fence}{' ' + language if language else ''}")
            continue
        line = _map_prose(line, _escape_prose)
        definition = _LINK_DEFINITION.match(line)
        if definition:
            line = definition.group(1) + "\\[" + line[definition.end(1) + 1:]
        heading = _HEADING.match(line)
        if heading:
            line = heading.group(1) + _entity("#") + line[heading.end(1) + 1:]
        elif not previous_blank and _SETEXT_UNDERLINE.match(line):
            stripped = line.lstrip()
            line = line[: len(line) - len(stripped)] + _entity(stripped[0]) + stripped[1:]
        elif line.lstrip().startswith(("!!!", "???", "--8<--", "[TOC]")):
            stripped = line.lstrip()
            line = line[: len(line) - len(stripped)] + _entity(stripped[0]) + stripped[1:]
        out.append(line)
        previous_blank = not line.strip()
    if open_fence is not None:
        out.append(open_fence)
    return "\n".join(out).rstrip("\n")
