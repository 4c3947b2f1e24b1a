"""Load every YAML source into one Site and check what spans files.

Ids are site-wide, so duplicate ids, aliases and cross-references are checked
here, after each file has passed its own schema check.
"""

from __future__ import annotations

import difflib
import gc
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import source as source_module
from .model import Page, build_page
from .problems import CheatsheetError, FieldPath, Problem
from .source import SourceFile
from .validate import validate

# Anchors every generated page already uses.
RESERVED_ANCHORS = frozenset({"quick-reference"})


@dataclass(frozen=True, slots=True)
class Target:
    """Where an entry id lands: the generated page, the anchor, the entry's name."""

    page_md: str
    anchor: str
    name: str


@dataclass(frozen=True, slots=True)
class Site:
    pages: tuple[Page, ...]
    targets: dict[str, Target]  # entry ids and their aliases


@dataclass
class _Claim:
    """Who uses an anchor id first, to name both sides of a clash."""

    source: SourceFile
    path: FieldPath


@dataclass
class SiteLoader:
    """Loads sources into a Site; unchanged files are not parsed again.

    `mkdocs serve` rebuilds after every edit: keeping one loader for the
    process means a rebuild parses only the files that changed.
    """

    max_bytes: int = source_module.DEFAULT_MAX_BYTES
    _pages: dict[Path, tuple[tuple[int, int], Page]] = field(default_factory=dict)
    parsed: int = 0  # files parsed by the last load, for tests and benchmarks
    # Ids that files which failed their own checks seem to define: a
    # reference into such a file is not reported as unknown, so one mistake
    # in one file gives one message, not one per see_also into it.
    _failed_ids: set[str] = field(default_factory=set)

    def _page(self, source: SourceFile, problems: list[Problem]) -> Page | None:
        try:
            stat = source.abs_path.stat()
            signature = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            signature = (-1, -1)
        cached = self._pages.get(source.abs_path)
        if cached and cached[0] == signature:
            return cached[1]
        self.parsed += 1
        document, file_problems = source_module.read(source, self.max_bytes)
        if file_problems:
            problems.extend(file_problems)
            self._failed_ids |= _ids_in_text(source)
            return None
        issues = validate(document)
        if issues:
            problems.extend(source_module.located(source, None, issues))
            self._failed_ids |= _ids_in_document(document)
            return None
        page = build_page(source.src_path, document)
        self._pages[source.abs_path] = (signature, page)
        return page

    def load(self, sources: list[SourceFile]) -> Site:
        """Every page of the site, or CheatsheetError with every problem found."""
        # Parsing makes millions of small objects, none of them cyclic, and
        # each full pass of the cycle collector walks all of them: pausing it
        # here halves the time a big site takes to load.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._load(sources)
        finally:
            if enabled:
                gc.enable()

    def _load(self, sources: list[SourceFile]) -> Site:
        self.parsed = 0
        self._failed_ids = set()
        problems: list[Problem] = []
        loaded: list[tuple[SourceFile, Page]] = []
        for source in sorted(sources, key=lambda s: s.src_path):
            page = self._page(source, problems)
            if page is not None:
                loaded.append((source, page))
        known = {source.abs_path for source in sources}
        for stale in set(self._pages) - known:
            del self._pages[stale]
        targets, cross_problems = _cross_check(loaded, self._failed_ids)
        problems.extend(cross_problems)
        if problems:
            raise CheatsheetError(problems)
        return Site(tuple(page for _, page in loaded), targets)


def _ids_in_document(document: dict) -> set[str]:
    """Entry ids and aliases of a parsed document that failed the schema."""
    ids: set[str] = set()
    sections = document.get("sections")
    for section in sections if isinstance(sections, list) else ():
        for entry in (section.get("entries") or ()) if isinstance(section, dict) else ():
            if not isinstance(entry, dict):
                continue
            aliases = entry.get("aliases")
            for value in [entry.get("id"), *(aliases if isinstance(aliases, list) else ())]:
                if isinstance(value, str):
                    ids.add(value)
    return ids


# `id: docker-run` or `- id: docker-run` and `aliases: [a, b]`, as written in docs/.
_ID_LINE = re.compile(r"^[\s-]*id:\s*['\"]?([a-z0-9-]+)", re.MULTILINE)
_ALIASES_LINE = re.compile(r"^\s*aliases:\s*\[([^\]]*)\]", re.MULTILINE)


def _ids_in_text(source: SourceFile) -> set[str]:
    """Best guess at the ids of a file that is not valid YAML at all."""
    try:
        text = source.abs_path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    ids = set(_ID_LINE.findall(text))
    for listed in _ALIASES_LINE.findall(text):
        ids.update(alias.strip(" '\"") for alias in listed.split(","))
    return ids


def _first_use(claim: _Claim) -> str:
    """`docs/x.yml:42`: where an id was claimed first (read only on the error path)."""
    [problem] = source_module.located(claim.source, None, [(claim.path, "", False)])
    return f"{problem.path}:{problem.line}" if problem.line else problem.path


def _unknown_id(ref: str, canonical: set[str]) -> str:
    hint = difflib.get_close_matches(ref, sorted(canonical), n=1, cutoff=0.7)
    return f"unknown id '{ref}'; did you mean '{hint[0]}'?" if hint else f"unknown id '{ref}'"


def _cross_check(loaded: list[tuple[SourceFile, Page]],
                 failed_ids: set[str] = frozenset()) -> tuple[dict[str, Target], list[Problem]]:
    """Build the id index and report clashes and dangling references.

    References to `failed_ids` (ids of files that failed their own checks)
    are not reported: the file's own problem is the one to fix.
    """
    targets: dict[str, Target] = {}
    claims: dict[str, _Claim] = {}
    issues: dict[SourceFile, list[tuple[FieldPath, str, bool]]] = {}

    def report(source: SourceFile, path: FieldPath, message: str) -> None:
        issues.setdefault(source, []).append((path, message, False))

    def claim(source: SourceFile, path: FieldPath, anchor: str, what: str) -> bool:
        if anchor in RESERVED_ANCHORS:
            report(source, path, f"'{anchor}' is reserved for the generated page")
            return False
        first = claims.get(anchor)
        if first is not None:
            report(source, path, f"duplicate id '{anchor}' ({what}); first used at {_first_use(first)}")
            return False
        claims[anchor] = _Claim(source, path)
        return True

    canonical: set[str] = set()
    for source, page in loaded:
        page_anchors: set[str] = set()
        # Names are what the table of contents and search show: on one page
        # two entries of one name could not be told apart.
        names: dict[str, str] = {}
        for s, section in enumerate(page.sections):
            section_path: FieldPath = ("sections", s, "id")
            if section.id in RESERVED_ANCHORS:
                report(source, section_path, f"'{section.id}' is reserved for the generated page")
            elif section.id in page_anchors:
                report(source, section_path, f"duplicate section id '{section.id}' on this page")
            page_anchors.add(section.id)
            for e, entry in enumerate(section.entries):
                entry_path: FieldPath = ("sections", s, "entries", e)
                if entry.name in names:
                    report(source, (*entry_path, "name"),
                           f"'{entry.name}' is also the name of '{names[entry.name]}' on this page; make it distinct")
                names.setdefault(entry.name, entry.id)
                target = Target(page.md_path, entry.id, entry.name)
                if claim(source, (*entry_path, "id"), entry.id, "entry id"):
                    targets[entry.id] = target
                    canonical.add(entry.id)
                for a, alias in enumerate(entry.aliases):
                    if claim(source, (*entry_path, "aliases", a), alias, "alias"):
                        targets[alias] = Target(page.md_path, alias, entry.name)
                option_anchors: set[str] = set()
                for o, option in enumerate(entry.options):
                    if option.anchor in option_anchors:
                        report(source, (*entry_path, "options", o, "name"),
                               f"two options share the anchor '{option.anchor}'; give one an id")
                    option_anchors.add(option.anchor)
        for s, section in enumerate(page.sections):
            if section.id in claims and claims[section.id].source is source:
                report(source, ("sections", s, "id"), f"section id '{section.id}' is also an entry id on this page")

    for source, page in loaded:
        for s, section in enumerate(page.sections):
            for e, entry in enumerate(section.entries):
                entry_path = ("sections", s, "entries", e)
                references = [(("see_also", i), ref) for i, ref in enumerate(entry.see_also)]
                if entry.deprecated and entry.deprecated.use:
                    references.append((("deprecated", "use"), entry.deprecated.use))
                for where, ref in references:
                    if ref not in targets:
                        if ref not in failed_ids:
                            report(source, (*entry_path, *where), _unknown_id(ref, canonical | failed_ids))
                    elif ref not in canonical:
                        report(source, (*entry_path, *where),
                               f"'{ref}' is an old id (alias) of '{targets[ref].name}'; link to its current id")
                    elif ref == entry.id:
                        report(source, (*entry_path, *where), "an entry cannot point to itself")

    problems: list[Problem] = []
    for source, found in issues.items():
        problems.extend(source_module.located(source, None, found))
    return targets, problems
