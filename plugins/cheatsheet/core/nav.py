"""Find YAML pages that the site's navigation does not list.

MkDocs refuses (in strict mode) a page missing from an explicit `nav`, and
names the generated Markdown file, which does not exist on disk. This names
the YAML file the writer added instead. The caller reads the nav from its
config (MkDocs' own, or mkdocs.yml read as plain YAML): nothing here
imports MkDocs.
"""

from __future__ import annotations

from typing import Any, Iterable

from .problems import Problem
from .source import SourceFile


def nav_paths(items: Any) -> list[str]:
    """Page paths named in a `nav` setting, in order (links to other sites skipped)."""
    paths: list[str] = []
    for item in items or ():
        value = next(iter(item.values()), None) if isinstance(item, dict) else item
        if isinstance(value, list):
            paths.extend(nav_paths(value))
        elif isinstance(value, str) and "://" not in value:
            paths.append(value.lstrip("/"))
    return paths


def md_path(source: SourceFile) -> str:
    """The generated page of a source: docker/cli.yml -> docker/cli.md."""
    return source.src_path.rsplit(".", 1)[0] + ".md"


def unlisted(sources: Iterable[SourceFile], listed: Iterable[str], config_name: str) -> list[Problem]:
    """A problem for each source whose page the nav does not list."""
    known = set(listed)
    return [
        Problem(source.display_path, None, "(file)",
                f"the nav of {config_name} does not list this page: add '{md_path(source)}' "
                f"under its tool in the nav of {config_name}")
        for source in sources
        if md_path(source) not in known
    ]
