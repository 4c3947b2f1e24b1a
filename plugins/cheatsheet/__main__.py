"""`python -m cheatsheet check [PATH]`: validate the YAML sources without building.

PATH is the docs directory (by default the one mkdocs.yml names, found from
the current directory upwards, so it works from inside docs/ too) or one
YAML file: then only that file's problems are shown, its references still
checked against the rest of its docs tree.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

import yaml

from .core import CheatsheetError, Problem, SiteLoader, SourceFile, discover, render_page
from .core import SOURCE_SUFFIXES
from .core.checked import DEFAULT_PINS, checked_against, load_pins
from .core.nav import nav_paths, unlisted
from .core.source import located
from .core.style import check_page

CONFIG_NAME = "mkdocs.yml"


class _Refusal(Exception):
    """Something `check` cannot check; the message says what."""


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as plain data: its !ENV and !!python/name tags become None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _project_of(start: Path) -> Path | None:
    """The nearest directory at or above `start` that holds mkdocs.yml."""
    for directory in (start, *start.parents):
        if (directory / CONFIG_NAME).is_file():
            return directory
    return None


def _config(project: Path) -> dict:
    try:
        config = yaml.load((project / CONFIG_NAME).read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506
    except (OSError, yaml.YAMLError) as error:
        raise _Refusal(f"{project / CONFIG_NAME}: cannot read it: {error}") from None
    return config if isinstance(config, dict) else {}


def _settings(project: Path | None) -> tuple[Path | None, list[str] | None]:
    """(docs directory, nav page paths or None when there is no nav) of a project."""
    if project is None:
        return None, None
    config = _config(project)
    docs = project / str(config.get("docs_dir") or "docs")
    return docs, (nav_paths(config["nav"]) if config.get("nav") else None)


def _targets(path: Path | None) -> tuple[Path, Path | None, Path | None]:
    """(docs directory, the one file to report on or None, project) for a PATH argument."""
    if path is None:
        project = _project_of(Path.cwd())
        docs, _ = _settings(project)
        if docs is None:
            raise _Refusal(f"no {CONFIG_NAME} here or above: run this in the project, or name the docs directory")
        return docs, None, project
    if not path.exists():
        raise _Refusal(f"{path}: no such file or directory")
    path = path.resolve()
    project = _project_of(path if path.is_dir() else path.parent)
    if path.is_dir():
        return path, None, project
    if path.suffix not in SOURCE_SUFFIXES:
        raise _Refusal(f"{path}: not a YAML source (.yml or .yaml)")
    # The file's docs tree: the project's docs directory when the file is in
    # it, else the nearest folder called docs, else the file's own folder.
    docs, _ = _settings(project)
    if docs is None or not path.is_relative_to(docs.resolve()):
        docs = next((parent for parent in path.parents if parent.name == "docs"), path.parent)
    return docs, path, project


def _pins_file(project: Path) -> Path | None:
    """The pins file the project's cheatsheet plugin reads (core/checked.py),
    or None when the plugin is not configured or its `pins` option is ''."""
    for plugin in _config(project).get("plugins") or ():
        name, options = next(iter(plugin.items())) if isinstance(plugin, dict) else (plugin, None)
        if name == "cheatsheet":
            pins = (options or {}).get("pins", DEFAULT_PINS) if isinstance(options or {}, dict) else DEFAULT_PINS
            return project / str(pins) if pins else None
    return None


def _shown(path: Path, project: Path | None) -> str:
    """A path as messages show it: relative to the current directory when it
    is there or elsewhere in the same project (../one.yml), else absolute."""
    cwd = Path.cwd().resolve()
    path = path.resolve()
    if path.is_relative_to(cwd) or (project is not None and cwd.is_relative_to(project.resolve())):
        return Path(os.path.relpath(path, cwd)).as_posix()
    return path.as_posix()


def _style_problems(site, sources: list[SourceFile]) -> list[Problem]:
    by_path = {source.src_path: source for source in sources}
    problems: list[Problem] = []
    for page in site.pages:
        issues = check_page(page)
        if issues:
            problems.extend(located(by_path[page.src_path], None, issues))
    return problems


def check(path: Path | None) -> int:
    docs, only, project = _targets(path)
    if not docs.is_dir():
        raise _Refusal(f"{docs}: no such directory")
    sources = [replace(source, display_path=_shown(source.abs_path, project)) for source in discover(docs)]
    if not sources:
        raise _Refusal(f"{docs}: no YAML sources (*.yml) below it; nothing to check")
    project_docs, listed = _settings(project)
    # The nav and the pins list the pages of the project's own docs directory only.
    own_docs = project is not None and project_docs is not None and project_docs.resolve() == docs.resolve()
    problems = unlisted(sources, listed, CONFIG_NAME) if own_docs and listed is not None else []
    pins = _pins_file(project) if own_docs else None
    if pins is not None:
        try:
            checked_against(load_pins(pins, _shown(pins, project)), sources)
        except CheatsheetError as error:
            problems.extend(error.problems)
    site = None
    try:
        site = SiteLoader().load(sources)
    except CheatsheetError as error:
        problems.extend(error.problems)
    if site is not None:
        for page in site.pages:
            render_page(site, page)
        problems.extend(_style_problems(site, sources))
    if only is not None:
        [mine] = [source for source in sources if source.abs_path.resolve() == only]
        problems = [problem for problem in problems if problem.path == mine.display_path]
    if problems:
        print(CheatsheetError(problems).report(), file=sys.stderr)
        return 1
    if site is None:  # only other files have problems
        print(f"{mine.display_path}: no problems (other files have some: check the directory to see them)")
        return 0
    pages = [page for page in site.pages if only is None or page.src_path == mine.src_path]
    entries = sum(len(page.entries) for page in pages)
    print(f"{len(pages)} page{'s' if len(pages) != 1 else ''}, {entries} entr{'ies' if entries != 1 else 'y'}: "
          "no problems")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cheatsheet", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("check", help="validate the YAML sources and render them in memory")
    command.add_argument("path", nargs="?", type=Path, metavar="PATH",
                         help="the docs directory (default: the one mkdocs.yml names) or one YAML file")
    arguments = parser.parse_args(argv)
    try:
        return check(arguments.path)
    except _Refusal as refusal:
        print(f"cheatsheet check: {refusal}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
