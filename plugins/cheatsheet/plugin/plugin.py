"""MkDocs hooks. All the work is in `cheatsheet.core`; this only adapts it."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from ..core import CheatsheetError, Renderer, SiteLoader, SourceFile, schema_text
from ..core import SOURCE_SUFFIXES
from ..core.search_data import SEARCH_DATA_PATH, search_json
from ..core.search_index import FULL_INDEX_PATH, SEARCH_INDEX_PATH, WORKER_PATH, entry_locations, page_index
from ..core.nav import nav_paths, unlisted
from ..core.checked import checked_against, load_pins
from ..core.edition import editions, render_edition
from .config import CheatsheetConfig

log = logging.getLogger("mkdocs.plugins.cheatsheet")

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "core" / "templates"


class CheatsheetPlugin(BasePlugin[CheatsheetConfig]):
    """Replaces every docs/**/*.yml with a Markdown page generated in memory."""

    def __init__(self) -> None:
        # One loader and renderer per process: `mkdocs serve` keeps them across
        # rebuilds, so a rebuild parses and renders only what changed.
        self.loader: SiteLoader | None = None
        self.renderer: Renderer | None = None
        self.serving = False
        # Where Material's index places the entries, for on_post_build.
        self.entry_locations: frozenset[str] = frozenset()

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup makes MkDocs keep this instance across
        # `mkdocs serve` rebuilds, and with it the loader's parsed pages.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if self.loader is None or self.loader.max_bytes != self.config.max_file_size:
            self.loader = SiteLoader(max_bytes=self.config.max_file_size)
        if self.renderer is None:
            self.renderer = Renderer()
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        project_root = Path(config.config_file_path or config.docs_dir).resolve().parent
        yaml_files = [file for file in files if file.src_uri.endswith(SOURCE_SUFFIXES)]
        sources = [
            SourceFile(file.src_uri, Path(file.abs_src_path), _display(Path(file.abs_src_path), project_root))
            for file in yaml_files
            if file.abs_src_path
        ]
        if config.nav:
            # MkDocs would name the generated docker/x.md, which is on no disk.
            config_name = _display(Path(config.config_file_path), project_root) if config.config_file_path else "mkdocs.yml"
            for problem in unlisted(sources, nav_paths(config.nav), config_name):
                log.warning(str(problem))
        assert self.loader is not None and self.renderer is not None
        problems = []
        try:
            site = self.loader.load(sources)
        except CheatsheetError as error:
            problems += error.problems
        try:
            checked = self._checked_against(sources, project_root, config)
        except CheatsheetError as error:
            problems += error.problems
        if problems:
            # PluginError is reported by MkDocs as a message, without traceback.
            raise PluginError(CheatsheetError(problems).report()) from None
        for file in yaml_files:
            files.remove(file)
        page_urls: dict[str, str] = {}
        for page, markdown in self.renderer.render(site, checked):
            generated = File.generated(config, page.md_path, content=markdown)
            page_urls[page.md_path] = generated.url
            files.append(generated)
        # What the search worker ranks entries from (see core/search_data.py).
        files.append(File.generated(config, SEARCH_DATA_PATH,
                                    content=search_json(site, lambda page: page_urls[page.md_path])))
        self.entry_locations = entry_locations(site, lambda page: page_urls[page.md_path])
        # Each tool's print edition: a page of its own, reached from the tool's pages.
        for edition in editions(site.pages, _tool_titles(config.nav)):
            files.append(File.generated(config, edition.md_path, content=render_edition(edition, checked),
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        if self.config.schema_path:
            files.append(
                File.generated(config, self.config.schema_path, content=schema_text(),
                               inclusion=InclusionLevel.NOT_IN_NAV)
            )
        log.debug("cheatsheet: %d pages, %d parsed, %d rendered", len(site.pages), self.loader.parsed,
                  self.renderer.rendered)
        if not self.serving:
            # A one-off build has no next build to cache for: let the models
            # go before MkDocs renders the HTML (it lowers the peak memory).
            self.loader = self.renderer = None
        return _in_nav_order(files, config)

    def _checked_against(self, sources: list[SourceFile], project_root: Path,
                         config: MkDocsConfig) -> dict[str, tuple[str, ...]]:
        """Each page's "Checked against" labels from the pins file (none when
        the `pins` option is '')."""
        if not self.config.pins:
            return {}
        path = Path(config.config_file_path or config.docs_dir).resolve().parent / self.config.pins
        return checked_against(load_pins(path, _display(path, project_root)), sources)

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # The page gets Material's index without the entries; the worker
        # fetches the whole one only to hand the search to Material's
        # (see core/search_index.py). Only where the search runs through it.
        site_dir = Path(config.site_dir)
        index = site_dir / SEARCH_INDEX_PATH
        if not (self.config.enabled and self.entry_locations and index.is_file()
                and (site_dir / WORKER_PATH).is_file()):
            return
        whole = index.read_text(encoding="utf-8")
        index.replace(site_dir / FULL_INDEX_PATH)  # a rename: the whole index is not written twice
        index.write_text(page_index(whole, self.entry_locations), encoding="utf-8")

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        # docs/ is watched already; watch the templates too while developing.
        server.watch(str(TEMPLATES_DIR))
        if self.config.pins:
            # Editing the pins changes the pages' "Checked against" lines.
            pins = Path(config.config_file_path or config.docs_dir).resolve().parent / self.config.pins
            if pins.is_file():
                server.watch(str(pins))
        return server


def _nav_paths(items) -> list[str]:
    """Source paths named in the nav setting, in order."""
    paths: list[str] = []
    for item in items or ():
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            paths.extend(_nav_paths(value))
        elif isinstance(value, str):
            paths.append(value)
    return paths


def _tool_titles(items) -> dict[str, str]:
    """Tool folder -> the nav title of the section that lists its pages
    ({"docker": "Docker"}), for the print editions' titles."""
    titles: dict[str, str] = {}
    for item in items or ():
        if isinstance(item, dict):
            title, value = next(iter(item.items()))
            if isinstance(value, list):
                for path in _nav_paths(value):
                    if "/" in path:
                        titles.setdefault(path.split("/", 1)[0], title)
    return titles


def _in_nav_order(files: Files, config: MkDocsConfig) -> Files:
    """Pages in reading order, so the search index (built page by page) lists
    them as the nav does; generated pages would otherwise all come last."""
    rank = {path: index for index, path in enumerate(_nav_paths(config.nav))}
    ordered = sorted(files, key=lambda file: rank.get(file.src_uri, len(rank)))
    return Files(ordered)


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
