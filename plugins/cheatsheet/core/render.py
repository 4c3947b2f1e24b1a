"""Render a Page of a Site to Markdown with the Jinja2 templates beside this module."""

from __future__ import annotations

import posixpath
from functools import cache

import jinja2

from . import markup
from .model import Deprecation, Page
from .site import Site


def _deprecation_title(deprecation: Deprecation) -> str:
    title = f"Removed in {deprecation.removed}" if deprecation.removed else f"Deprecated since {deprecation.since}"
    # Admonition titles sit in double quotes; keep them plain and unbroken.
    return markup.plain(title).replace('"', "&quot;")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=False,  # Markdown, not HTML: escaping is done per field by `markup`.
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        plain=markup.plain,
        inline=markup.inline,
        cell=markup.cell,
        block=markup.block,
        code_span=markup.code_span,
        cell_code=lambda span: span.replace("|", "\\|"),
        fence=markup.fence,
        deprecation_title=_deprecation_title,
    )
    return env


def relative_link(from_md: str, to_md: str, anchor: str) -> str:
    """Link from one generated page to an anchor on another (or the same) page."""
    if from_md == to_md:
        return f"#{anchor}"
    path = posixpath.relpath(to_md, posixpath.dirname(from_md) or ".")
    return f"{path}#{anchor}"


def render_page(site: Site, page: Page) -> str:
    """The Markdown source of one generated page."""
    template = environment().get_template("page.md.j2")

    def link(entry_id: str) -> str:
        target = site.targets[entry_id]
        return relative_link(page.md_path, target.page_md, target.anchor)

    return template.render(page=page, targets=site.targets, link=link)
