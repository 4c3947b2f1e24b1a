"""Read one YAML source safely, and find the line of a field when needed.

The fast path parses with libyaml and keeps no positions; `locate` re-reads a
file's node tree only when a problem must name a line.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import FieldPath, Problem, format_field

# libyaml where present: about four times faster than the pure-Python parser.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DEFAULT_MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64


class _Refused(yaml.MarkedYAMLError):
    """A document that is valid YAML but that we do not accept."""


class StrictLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe loader that refuses duplicate keys, aliases and deep nesting."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A node seen twice is an alias (*name): refusing them rules out
        # "billion laughs" documents before anything expands them.
        if node in self.constructed_objects:
            raise _Refused(problem="YAML anchors and aliases (&name, *name) are not allowed", problem_mark=node.start_mark)
        return super().construct_object(node, deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
            if key in seen:
                raise _Refused(problem=f"duplicate key '{key}'", problem_mark=key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A YAML file: where it is on disk and how to name it in messages."""

    src_path: str  # relative to the docs directory, POSIX: docker/cli.yml
    abs_path: Path
    display_path: str  # as shown in messages: docs/docker/cli.yml


def _too_deep(text: str) -> int | None:
    """Line of the first place nested deeper than MAX_DEPTH, if any.

    libyaml recurses per nesting level; a cheap scan keeps a hostile
    document from reaching it.
    """
    depth = 0
    for index, char in enumerate(text):
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, index) + 1
        elif char in "]}":
            depth = max(depth - 1, 0)
    return None


# A value that opens a quote: `key: "...`, `- "...`, `- key: '...`.
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)*(?:[^\s"'#][^:#]*:\s+)?(["'])(.*)$""")
# A value that opens a block scalar (`code: |`, `- >-`): its lines are text, never quotes.
_BLOCK_SCALAR = re.compile(r"""^(\s*)(?:-\s+)*(?:[^\s"'#][^:#]*:\s+|-\s*)?[|>][-+0-9]*\s*(?:#.*)?$""")


def _unclosed_quote(text: str, error_line: int) -> tuple[int, int, str] | None:
    """(line, column, quote) of the quoted value that is still open at the
    error (0-based line), if one is.

    A quoted string may span lines in YAML, so an unclosed quote is read on
    until the next quote character, often many lines further, where the
    parser finally fails: the line to show is the one that opened it. The
    file is read from the top as YAML reads strings, so a string that spans
    lines on purpose and closes before the error is not blamed, and the
    lines of block scalars (`code: |`) are skipped.
    """
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    number = 0
    last = min(error_line, len(lines) - 1)
    while number <= last:
        line = lines[number]
        block = _BLOCK_SCALAR.match(line)
        if block:
            indent = len(block.group(1))
            number += 1
            while number <= last and (not lines[number].strip()
                                      or len(lines[number]) - len(lines[number].lstrip()) > indent):
                number += 1
            continue
        match = _QUOTED_VALUE.match(line)
        if match:
            quote = match.group(1)
            closing = _closing_quote(text, starts[number] + match.end(1), quote)
            if closing is None:
                return number + 1, match.start(1) + 1, quote
            closing_line = bisect.bisect_right(starts, closing) - 1
            if closing_line > number:  # the string spans lines
                if closing_line >= error_line:
                    return number + 1, match.start(1) + 1, quote
                number = closing_line
        number += 1
    return None


def _closing_quote(text: str, start: int, quote: str) -> int | None:
    """Offset of the quote that ends a quoted scalar whose text starts at `start`:
    in '...' a doubled '' is a quote character, in "..." a backslash escapes one."""
    position = start
    while (found := text.find(quote, position)) != -1:
        if quote == "'" and text.startswith("''", found):
            position = found + 2
            continue
        if quote == '"':
            backslashes = found - start - len(text[start:found].rstrip("\\"))
            if backslashes % 2:
                position = found + 1
                continue
        return found
    return None


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str]:
    """The line and message of a YAML syntax error.

    A quote or bracket that is never closed makes the parser read on, often
    to the end of the file: the place to show is where it was opened.
    """
    mark = error.problem_mark or error.context_mark
    if not isinstance(error, _Refused) and mark is not None and (quoted := _unclosed_quote(text, mark.line)):
        line, column, quote = quoted
        return line, f"unclosed quote: the {quote} in column {column} is never closed on its line"
    message = error.problem or "invalid YAML"
    if mark is not None and "found character that cannot start any token" in message:
        # libyaml leaves out which character it found: name it.
        lines = text.splitlines()
        if mark.line < len(lines) and mark.column < len(lines[mark.line]):
            found = lines[mark.line][mark.column]
            message = message.replace("found character", f"found character {found!r}")
            if found in "@`":
                message += f" (a value that starts with {found} must be in quotes)"
    if error.context and error.problem:
        message = f"{error.context}, {message}"
    opened = error.context_mark
    if (opened is not None and mark is not None and opened.line < mark.line
            and (error.context or "").startswith(("while parsing a flow", "while scanning a quoted"))):
        bracket = text[opened.index] if opened.index < len(text) else "bracket"
        return opened.line + 1, f"{message} (the {bracket} in column {opened.column + 1} is never closed)"
    return (mark.line + 1 if mark else None), message


def parse(source: SourceFile, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Any, list[Problem]]:
    """Decode and parse one file; return (document, problems)."""

    def problem(line: int | None, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(source.display_path, line, "(file)", message)]

    if len(data) > max_bytes:
        return problem(1, f"file is {len(data):,} bytes; the limit is {max_bytes:,}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return problem(line, f"not valid UTF-8 (byte 0x{data[error.start]:02x})")
    if text.startswith("\ufeff"):
        text = text[1:]
    # Flow-style nesting is the only way to nest deeply in 1 MiB cheaply;
    # check it only when brackets are frequent enough to matter.
    if text.count("[") + text.count("{") > MAX_DEPTH and (line := _too_deep(text)):
        return problem(line, f"nested deeper than {MAX_DEPTH} levels")
    try:
        document = yaml.load(text, Loader=StrictLoader)  # noqa: S506 - safe loader subclass
    except yaml.MarkedYAMLError as error:
        line, message = _syntax_problem(error, text)
        lines = text.splitlines()
        if line and line <= len(lines) and "\t" in lines[line - 1]:
            message += " (indent with spaces, not tabs)"
        return problem(line, message)
    except yaml.reader.ReaderError as error:  # a control character, say
        line = text.count("\n", 0, error.position) + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        return problem(line, f"control character U+{code:04X} is not allowed in YAML")
    except yaml.YAMLError as error:
        return problem(None, str(error).splitlines()[0])
    except RecursionError:
        return problem(None, "nested too deeply")
    if document is None:
        return problem(1, "file is empty; expected a page (title, description, release, reference, sections)")
    if not isinstance(document, dict):
        kind = "a list" if isinstance(document, list) else f"a {type(document).__name__}"
        return problem(1, f"expected a mapping at the top level, found {kind}")
    return document, []


def read(source: SourceFile, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Any, list[Problem]]:
    """Read a file from disk and parse it."""
    try:
        size = source.abs_path.stat().st_size
        if size > max_bytes:
            return None, [Problem(source.display_path, 1, "(file)", f"file is {size:,} bytes; the limit is {max_bytes:,}")]
        data = source.abs_path.read_bytes()
    except OSError as error:
        return None, [Problem(source.display_path, None, "(file)", f"cannot read: {error.strerror}")]
    return parse(source, data, max_bytes)


class LineFinder:
    """Maps field paths of one parsed file to line numbers (error path only)."""

    def __init__(self, text: str):
        try:
            self._root = yaml.compose(text, Loader=_BaseLoader)
        except yaml.YAMLError:
            self._root = None

    def line(self, path: FieldPath, *, key: bool = False) -> int | None:
        """Line of the node at `path`; with key=True, of the last key itself.

        A path that runs past the tree (a missing field) gives the line of the
        deepest node that exists, which is where the field belongs.
        """
        node = self._root
        if node is None:
            return None
        found = node.start_mark.line + 1
        for part in path:
            next_node = None
            key_line = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                for key_node, value_node in node.value:
                    if getattr(key_node, "value", None) == part:
                        next_node, key_line = value_node, key_node.start_mark.line + 1
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                next_node = node.value[part]
            if next_node is None:
                return found
            node = next_node
            found = key_line if key and key_line and part == path[-1] else node.start_mark.line + 1
        return found


def located(source: SourceFile, text: str | None, issues: list[tuple[FieldPath, str, bool]]) -> list[Problem]:
    """Turn (field path, message, point-at-key) triples into Problems with lines."""
    if text is None:
        try:
            text = source.abs_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
    finder = LineFinder(text)
    return [Problem(source.display_path, finder.line(path, key=key), format_field(path), message) for path, message, key in issues]
