"""Each page's "Checked against" line, from the pins file (tools/pins.toml).

The pins file names the exact tool releases the test suite checks the pages
against ([tool.<id>]: label, version) and which of them check which page
([pages]: "docker/cli.yml" = ["docker-cli", "buildx"]). The line is made
from it at build time, so it can never disagree with what was checked.
Problems are reported like any other (`path: field: message`), naming the
YAML file of a page the pins file does not cover.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .problems import CheatsheetError, Problem
from .source import SourceFile

DEFAULT_PINS = "tools/pins.toml"


@dataclass(frozen=True, slots=True)
class Pins:
    """What the pins file says: each tool's label and which tools check each page."""

    display_path: str  # as messages name the file: tools/pins.toml
    labels: dict[str, str]  # tool id -> "kubectl 1.37.1"
    pages: dict[str, tuple[str, ...]]  # docs src path -> tool ids
    text: str  # the file itself, to find the line of a problem

    def line_of(self, key: str) -> int | None:
        """Line of a [pages] key ("docker/cli.yml" = ...), for messages."""
        pattern = re.compile(r'^\s*["\']?' + re.escape(key) + r'["\']?\s*=', re.MULTILINE)
        match = pattern.search(self.text)
        return self.text.count("\n", 0, match.start()) + 1 if match else None


def and_list(labels: Sequence[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def load_pins(path: Path, display_path: str) -> Pins:
    """Read a pins file; CheatsheetError naming the file when it is missing or wrong."""
    def fail(message: str, field: str = "(file)") -> CheatsheetError:
        return CheatsheetError([Problem(display_path, None, field, message)])

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise fail("no such file: it names the tool releases that check each page (the cheatsheet "
                   "plugin's `pins` option; set it to '' for a site not checked against tools)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise fail(f"cannot read it: {error}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise fail(f"not valid TOML: {error}") from None
    problems: list[Problem] = []
    labels: dict[str, str] = {}
    tools = data.get("tool")
    if not isinstance(tools, dict) or not tools:
        problems.append(Problem(display_path, None, "tool", "no [tool.<id>] tables: each needs a label and a version"))
        tools = {}
    for tool_id, tool in tools.items():
        label, version = (tool.get("label"), tool.get("version")) if isinstance(tool, dict) else (None, None)
        if not isinstance(label, str) or not isinstance(version, str) or not label.strip():
            problems.append(Problem(display_path, None, f"tool.{tool_id}",
                                    "needs a label (\"kubectl {version}\") and a version, both strings"))
            continue
        labels[tool_id] = label.replace("{version}", version)
    table = data.get("pages")
    if not isinstance(table, dict):
        problems.append(Problem(display_path, None, "pages",
                                "no [pages] table: it lists the tools that check each page"))
        table = {}
    pins = Pins(display_path, labels, {}, text)
    for page, ids in table.items():
        field = f'pages."{page}"'
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            problems.append(Problem(display_path, pins.line_of(page), field,
                                    "must be a non-empty list of tool ids"))
            continue
        unknown = [tool_id for tool_id in ids if tool_id not in tools]
        if unknown:
            problems.append(Problem(display_path, pins.line_of(page), field,
                                    f"no [tool.{unknown[0]}] in this file (known: {', '.join(sorted(tools))})"))
            continue
        pins.pages[page] = tuple(ids)
    if problems:
        raise CheatsheetError(problems)
    return pins


def checked_against(pins: Pins, sources: Iterable[SourceFile]) -> dict[str, tuple[str, ...]]:
    """Docs src path -> the labels of the tools that check it, for every
    source; CheatsheetError naming each page the pins file does not cover and
    each [pages] key that names no page."""
    sources = list(sources)
    problems = [
        Problem(source.display_path, None, "(file)",
                f"{pins.display_path} does not say which tool releases check this page: add "
                f'"{source.src_path}" = ["<tool id>", ...] under [pages] in {pins.display_path}')
        for source in sources if source.src_path not in pins.pages
    ]
    known = {source.src_path for source in sources}
    problems += [Problem(pins.display_path, pins.line_of(page), f'pages."{page}"',
                         "no such page in the docs directory (renamed or removed?)")
                 for page in pins.pages if page not in known]
    if problems:
        raise CheatsheetError(problems)
    return {source.src_path: tuple(pins.labels[tool_id] for tool_id in pins.pages[source.src_path])
            for source in sources}
