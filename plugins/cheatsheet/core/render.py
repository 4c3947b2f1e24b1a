"""Render a Page of a Site to Markdown with the Jinja2 templates beside this module."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

import jinja2

from . import checked, edition, markup
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
        attribute_text=markup.attribute_text,
        inline=markup.inline,
        cell=markup.cell,
        block=markup.block,
        code_span=markup.code_span,
        common_form=edition.common_form,
        fence=markup.fence,
        deprecation_title=_deprecation_title,
        and_list=checked.and_list,
    )
    return env


def relative_link(from_md: str, to_md: str, anchor: str) -> str:
    """Link from one generated page to an anchor on another (or the same) page."""
    if from_md == to_md:
        return f"#{anchor}"
    return f"{_relative_path(to_md, posixpath.dirname(from_md) or '.')}#{anchor}"


@lru_cache(maxsize=65536)
def _relative_path(to_md: str, start: str) -> str:
    # The same page pairs come back thousands of times in a big site, and
    # relpath looks up the working directory on every call (its answer for
    # two paths of one kind does not depend on it).
    return posixpath.relpath(to_md, start)


def render_page(site: Site, page: Page, checked_against: tuple[str, ...] = ()) -> str:
    """The Markdown source of one generated page; checked_against: the labels
    of the pinned tools that check it (core/checked.py), for its meta line."""
    template = environment().get_template("page.md.j2")

    def link(entry_id: str) -> str:
        target = site.targets[entry_id]
        return relative_link(page.md_path, target.page_md, target.anchor)

    return template.render(page=page, targets=site.targets, link=link, checked_against=checked_against,
                           edition_link=edition.edition_link(page) if edition.has_edition(site.pages, page) else None)


def _references(page: Page) -> tuple[str, ...]:
    """Every id the page links to: all that its Markdown takes from other pages."""
    ids = []
    for section in page.sections:
        for entry in section.entries:
            ids.extend(entry.see_also)
            if entry.deprecated and entry.deprecated.use:
                ids.append(entry.deprecated.use)
    return tuple(ids)


@dataclass(frozen=True, slots=True)
class _Rendered:
    """A page's Markdown and all it was made from."""

    page: Page
    checked_against: tuple[str, ...]  # labels of the tools that check it
    references: tuple[str, ...]  # ids the page links to
    targets: tuple  # where those ids landed
    templates: tuple  # the template objects used
    markdown: str


class Renderer:
    """Renders the pages of a site, reusing the Markdown of unchanged pages.

    A page's Markdown depends only on the page, on the targets of the ids it
    links to and on the templates. `mkdocs serve` keeps one Renderer (and one
    SiteLoader, which hands back the same Page object for an unchanged file),
    so a rebuild renders only the pages an edit affected.
    """

    def __init__(self) -> None:
        self._cache: dict[str, _Rendered] = {}  # by src_path
        self.rendered = 0  # pages rendered by the last call, for tests and benchmarks

    def render(self, site: Site, checked_against: Mapping[str, tuple[str, ...]] | None = None,
               ) -> list[tuple[Page, str]]:
        """(page, Markdown) for every page of the site, in site order;
        checked_against: src path -> labels of the tools that check the page."""
        env = environment()
        # get_template hands back a new object when a template file changed.
        templates = tuple(env.get_template(name) for name in env.list_templates(extensions=["j2"]))
        # Just checked: no need to stat the templates again for every entry's
        # include while this site renders (a change is seen by the next build).
        auto_reload, env.auto_reload = env.auto_reload, False
        try:
            return self._render(site, templates, checked_against or {})
        finally:
            env.auto_reload = auto_reload

    def _render(self, site: Site, templates: tuple, checked_against: Mapping[str, tuple[str, ...]],
                ) -> list[tuple[Page, str]]:
        self.rendered = 0
        cache: dict[str, _Rendered] = {}
        for page in site.pages:
            cached = self._cache.get(page.src_path)
            if cached is None or cached.page is not page:
                cached = None
            labels = checked_against.get(page.src_path, ())
            references = cached.references if cached else _references(page)
            targets = tuple(site.targets.get(ref) for ref in references)
            # Templates compare by identity: a changed file is a new object.
            if (cached is None or cached.targets != targets or cached.templates != templates
                    or cached.checked_against != labels):
                cached = _Rendered(page, labels, references, targets, templates, render_page(site, page, labels))
                self.rendered += 1
            cache[page.src_path] = cached
        self._cache = cache
        return [(rendered.page, rendered.markdown) for rendered in cache.values()]
