"""The YAML-to-Markdown core. Plain Python: nothing here imports MkDocs."""

from __future__ import annotations

from pathlib import Path

from .model import Entry, Example, Option, Page, Section
from .problems import CheatsheetError, Problem
from .render import Renderer, render_page
from .site import Site, SiteLoader, Target
from .source import SourceFile
from .validate import schema_text

SOURCE_SUFFIXES = (".yml", ".yaml")


def discover(docs_dir: Path, display_root: Path | None = None) -> list[SourceFile]:
    """Every YAML source below docs_dir, named relative to display_root in messages."""
    docs_dir = Path(docs_dir).resolve()
    root = Path(display_root).resolve() if display_root else docs_dir.parent
    sources = []
    for path in sorted(docs_dir.rglob("*")):
        if path.suffix in SOURCE_SUFFIXES and path.is_file():
            try:
                display = path.relative_to(root).as_posix()
            except ValueError:
                display = path.as_posix()
            sources.append(SourceFile(path.relative_to(docs_dir).as_posix(), path, display))
    return sources


__all__ = [
    "SOURCE_SUFFIXES", "CheatsheetError", "Entry", "Example", "Option", "Page", "Problem", "Renderer", "Section", "Site",
    "SiteLoader", "SourceFile", "Target", "discover", "render_page", "schema_text",
]
