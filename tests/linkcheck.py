"""Link checker over a built site: every internal link and #anchor resolves,
and no id appears twice on a page."""

from __future__ import annotations

import posixpath
from collections import Counter
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from html_pages import PageHtml, parse


def check_site(site_dir: Path, base_path: str = "/") -> list[str]:
    """Problems found, one line each; empty when every link lands.

    base_path is the path the site is served under (/mlops-cheatsheet/), so
    root-relative links such as those of the 404 page can be resolved too.
    """
    site_dir = site_dir.resolve()

    @cache
    def page(path: Path) -> PageHtml:
        return parse(path)

    problems: list[str] = []
    for html_file in sorted(site_dir.rglob("*.html")):
        relative = html_file.relative_to(site_dir).as_posix()
        current = page(html_file)
        for anchor, count in Counter(current.ids).items():
            if count > 1:
                problems.append(f"{relative}: id '{anchor}' appears {count} times")
        page_url = posixpath.join(base_path, relative)
        for href in current.links + current.sources:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
                continue
            if not parts.path:
                target_file = html_file
            else:
                if parts.path.startswith("/"):
                    absolute = parts.path
                else:
                    absolute = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), unquote(parts.path)))
                    if parts.path.endswith("/"):
                        absolute += "/"
                if not (absolute + "/").startswith(base_path):
                    problems.append(f"{relative}: link '{href}' leaves the site's path {base_path}")
                    continue
                inner = absolute[len(base_path):]
                target_file = site_dir / inner
                if inner == "" or inner.endswith("/") or target_file.is_dir():
                    target_file = target_file / "index.html"
                if not target_file.is_file():
                    problems.append(f"{relative}: link '{href}' points to a missing file")
                    continue
            fragment = unquote(parts.fragment)
            if fragment and target_file.suffix == ".html" and fragment not in page(target_file).ids:
                problems.append(f"{relative}: link '{href}' points to a missing anchor '#{fragment}'")
    return problems
