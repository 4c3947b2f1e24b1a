"""The print edition of a tool: the quick references of all its pages on one
page, laid out to print on a few A4 sheets (see templates/edition.md.j2).

A tool is the first folder of a page's path: docker/cli.yml and
docker/compose.yml make the Docker edition at docker/print.md.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass

from .model import Entry, Page

EDITION_NAME = "print.md"


def common_form(entry: Entry) -> str | None:
    """What a reader types most: the first line of the syntax, else of the
    first example; None when the entry has neither."""
    for text in (entry.syntax, entry.examples[0].code if entry.examples else None):
        if text:
            line = next((line.strip() for line in text.splitlines() if line.strip()), "")
            if line:
                return line
    return None


@dataclass(frozen=True, slots=True)
class Edition:
    tool: str  # the folder: docker
    title: str  # what the nav calls it: Docker
    pages: tuple[Page, ...]

    @property
    def md_path(self) -> str:
        return f"{self.tool}/{EDITION_NAME}"


def tool_of(page: Page) -> str | None:
    """The folder that makes a page part of a tool, None for a top-level page."""
    folder = posixpath.dirname(page.md_path)
    return folder.split("/", 1)[0] if folder else None


def editions(pages: tuple[Page, ...] | list[Page], titles: Mapping[str, str] | None = None) -> list[Edition]:
    """One edition per tool, pages in the order given (the site's order).
    A tool whose folder already holds a page called print.md gets none."""
    taken = {page.md_path for page in pages}
    by_tool: dict[str, list[Page]] = {}
    for page in pages:
        tool = tool_of(page)
        if tool is not None:
            by_tool.setdefault(tool, []).append(page)
    titles = titles or {}
    return [Edition(tool, titles.get(tool) or tool.capitalize(), tuple(members))
            for tool, members in by_tool.items() if f"{tool}/{EDITION_NAME}" not in taken]


def has_edition(pages, page: Page) -> bool:
    """Whether the page's tool gets an edition (see `editions`)."""
    tool = tool_of(page)
    return tool is not None and all(other.md_path != f"{tool}/{EDITION_NAME}" for other in pages)


def edition_link(page: Page) -> str:
    """Relative link from a page to its tool's edition."""
    tool = tool_of(page)
    assert tool is not None
    return posixpath.relpath(f"{tool}/{EDITION_NAME}", posixpath.dirname(page.md_path))


def render_edition(edition: Edition, checked_against: Mapping[str, tuple[str, ...]] | None = None) -> str:
    """The Markdown of an edition page; checked_against: src path -> labels of
    the tools that check each page (core/checked.py)."""
    from .render import environment, relative_link  # render imports this module

    return environment().get_template("edition.md.j2").render(
        edition=edition,
        checked_against=checked_against or {},
        link=lambda page, anchor: relative_link(edition.md_path, page.md_path, anchor),
        page_link=lambda page: posixpath.relpath(page.md_path, posixpath.dirname(edition.md_path)),
    )
