"""Typed model of a cheat sheet page, built from a validated YAML document."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Highlighting used for syntax and examples when an entry names none.
DEFAULT_LANGUAGE = {
    "cli": "bash",
    "api": "python",
    "file-key": "yaml",
    "resource": "yaml",
    "env-var": "bash",
    "rest": "http",
}

# Column heading of the options table, by entry kind.
OPTIONS_HEADING = {
    "cli": "Option",
    "api": "Parameter",
    "file-key": "Key",
    "resource": "Field",
    "env-var": "Value",
    "rest": "Field",
}


def option_slug(name: str) -> str:
    """Anchor suffix for an option name: --volume -> volume, spec.hosts -> spec-hosts."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "option"


@dataclass(frozen=True, slots=True)
class Option:
    name: str
    anchor: str  # full anchor: <entry-id>--<option-id>
    description: str
    short: str | None = None
    value: str | None = None
    default: str | None = None
    required: bool = False
    deprecated: str | bool | None = None


@dataclass(frozen=True, slots=True)
class Example:
    title: str
    code: str
    language: str
    output: str | None = None
    setup: str | None = None  # run first by the example proofs, not shown
    unproven: str | None = None  # why the proofs cannot run it here


@dataclass(frozen=True, slots=True)
class Deprecation:
    since: str
    replacement: str
    removed: str | None = None
    use: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    name: str
    kind: str
    summary: str
    url: str
    language: str
    examples: tuple[Example, ...]
    options: tuple[Option, ...] = ()
    syntax: str | None = None
    details: str | None = None
    see_also: tuple[str, ...] = ()
    deprecated: Deprecation | None = None
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()  # what readers want to do, in their words

    @property
    def options_heading(self) -> str:
        return OPTIONS_HEADING[self.kind]


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    entries: tuple[Entry, ...]
    intro: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    src_path: str  # docker/cli.yml
    title: str
    description: str
    release: str
    reference: str
    sections: tuple[Section, ...]
    intro: str | None = None

    @property
    def md_path(self) -> str:
        """Path of the generated Markdown page: docker/cli.md."""
        stem = self.src_path.rsplit(".", 1)[0]
        return f"{stem}.md"

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(entry for section in self.sections for entry in section.entries)


def _text(value: Any) -> str:
    """Defaults may be numbers or booleans in YAML; show them as the tool spells them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def build_page(src_path: str, document: dict[str, Any]) -> Page:
    """Build a Page from a document that passed schema validation."""
    sections = []
    for section in document["sections"]:
        entries = []
        for entry in section["entries"]:
            kind = entry["kind"]
            language = entry.get("language", DEFAULT_LANGUAGE[kind])
            options = tuple(
                Option(
                    name=option["name"],
                    anchor=f"{entry['id']}--{option.get('id') or option_slug(option['name'])}",
                    description=option["description"],
                    short=option.get("short"),
                    value=option.get("value"),
                    default=_text(option["default"]) if "default" in option else None,
                    required=option.get("required", False),
                    deprecated=option.get("deprecated"),
                )
                for option in entry.get("options", ())
            )
            examples = tuple(
                Example(
                    title=example["title"],
                    code=example["code"].rstrip("\n"),
                    language=example.get("language", language),
                    output=example["output"].rstrip("\n") if "output" in example else None,
                    setup=example.get("setup"),
                    unproven=example.get("unproven"),
                )
                for example in entry["examples"]
            )
            deprecation = entry.get("deprecated")
            entries.append(
                Entry(
                    id=entry["id"],
                    name=entry["name"],
                    kind=kind,
                    summary=entry["summary"],
                    url=entry["url"],
                    language=language,
                    examples=examples,
                    options=options,
                    syntax=entry["syntax"].rstrip("\n") if "syntax" in entry else None,
                    details=entry.get("details"),
                    see_also=tuple(entry.get("see_also", ())),
                    deprecated=Deprecation(**deprecation) if deprecation else None,
                    tags=tuple(entry.get("tags", ())),
                    aliases=tuple(entry.get("aliases", ())),
                    tasks=tuple(entry.get("tasks", ())),
                )
            )
        sections.append(Section(section["id"], section["title"], tuple(entries), section.get("intro")))
    return Page(
        src_path=src_path,
        title=document["title"],
        description=document["description"],
        release=document["release"],
        reference=document["reference"],
        sections=tuple(sections),
        intro=document.get("intro"),
    )
