"""Synthetic cheat sheet sources: schema-valid YAML pages of realistic shape.

The mix follows the real site (docs/*.yml): mostly commands and API calls,
about four options and one or two examples per entry, details on two thirds
of the entries, two or three see_also links, a few deprecations and aliases.
Everything is derived from a seed, so a corpus is the same on every run.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import yaml

ENTRIES_PER_PAGE = 50
SECTIONS_PER_PAGE = 5
PAGES_PER_TOOL = 10

_SYLLABLES = ["ka", "lo", "mi", "ven", "dra", "tor", "shi", "rel", "qua", "bex", "nor", "zi", "pal", "gru", "fen",
              "tas", "wim", "co", "dul", "rho", "sep", "yan", "ob", "liv"]
_VERBS = ["run", "build", "push", "pull", "list", "get", "describe", "delete", "apply", "create", "update", "patch",
          "inspect", "logs", "exec", "scale", "rollout", "watch", "export", "import", "sync", "tag", "prune", "serve"]
_NOUNS = ["container", "image", "volume", "network", "pod", "deployment", "service", "model", "run", "experiment",
          "artifact", "pipeline", "trial", "secret", "config", "node", "job", "endpoint", "gateway", "policy",
          "metric", "param", "registry", "version"]
_WORDS = ("the a to of and for with from each every when only new old default remote local current given "
          "container image model run value file path name port host user cluster namespace label selector "
          "output format timeout retry cache layer stage artifact metric version tag digest manifest").split()
_KINDS = ["cli"] * 39 + ["api"] * 28 + ["file-key"] * 20 + ["resource"] * 9 + ["env-var"] * 2 + ["rest"] * 2
_LANGUAGE = {"cli": "bash", "api": "python", "file-key": "yaml", "resource": "yaml", "env-var": "bash", "rest": "http"}


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):  # type: ignore[misc]
    """Multi-line strings as literal blocks, as people write them."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


@dataclass(frozen=True)
class Corpus:
    """Where a corpus was written and what it holds."""

    docs_dir: Path
    pages: int
    entries: int
    yaml_bytes: int
    sample_name: str  # an entry name to search for
    sample_page: str  # src_path of a page in the middle, to edit for rebuilds


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize()


def _tool_name(index: int) -> str:
    rng = random.Random(index * 7919)
    return "".join(rng.choice(_SYLLABLES) for _ in range(3)) + f"{index}"


class _Page:
    def __init__(self, tool: int, number: int, first_entry: int):
        self.tool = tool
        self.number = number
        self.slug = f"{_tool_name(tool)}/page{number:03d}"
        rng = random.Random(first_entry)
        # Distinct verb-noun pairs: entry names must differ on a page.
        pairs = rng.sample([(verb, noun) for verb in _VERBS for noun in _NOUNS], ENTRIES_PER_PAGE)
        self.ids = [f"{_tool_name(tool)}-{verb}-{noun}-{first_entry + i}" for i, (verb, noun) in enumerate(pairs)]


def _options(rng: random.Random, kind: str, count: int) -> list[dict]:
    names = rng.sample(_WORDS[14:], count)
    options = []
    for i, word in enumerate(names):
        if kind == "cli":
            option: dict = {"name": f"--{word}-{rng.choice(_NOUNS)}"}
            if rng.random() < 0.4:
                option["short"] = f"-{'abcdefghijklmnopqrstuvwxyz'[(i * 5 + len(word)) % 26]}"
        elif kind == "api":
            option = {"name": f"{word}_{rng.choice(_NOUNS)}"}
        elif kind in ("file-key", "resource"):
            option = {"name": f"spec.{word}.{rng.choice(_NOUNS)}"}
        else:
            option = {"name": f"{word.upper()}_{i}"}
        roll = rng.random()
        if roll < 0.5:
            option["value"] = rng.choice(["string", "int", "bool", "<list>", "duration", "<name>"])
        if roll < 0.2:
            option["default"] = rng.choice(["auto", 30, True, False, "0.0.0.0", 1.5])
        if rng.random() < 0.1:
            option["required"] = True
        if rng.random() < 0.03:
            option["deprecated"] = True if rng.random() < 0.5 else f"use `--{rng.choice(_WORDS)}` instead"
        option["description"] = _sentence(rng, 5, 14)
        options.append(option)
    return options


def _code(rng: random.Random, kind: str, tool: str, name: str) -> str:
    lines = []
    for _ in range(rng.randint(1, 5)):
        if kind == "cli":
            lines.append(f"{name} --{rng.choice(_WORDS[14:])} {rng.choice(_NOUNS)}-{rng.randint(1, 99)} "
                         f"{rng.choice(_WORDS[14:])}")
        elif kind == "api":
            lines.append(f"{name}({rng.choice(_NOUNS)}_id=\"{rng.randint(1000, 9999)}\", "
                         f"{rng.choice(_WORDS[14:])}={rng.randint(1, 9)})")
        elif kind in ("file-key", "resource"):
            depth = "  " * len(lines)
            lines.append(f"{depth}{rng.choice(_WORDS[14:])}: {rng.choice(_NOUNS)}-{rng.randint(1, 99)}")
        elif kind == "env-var":
            lines.append(f"export {name}={rng.choice(_NOUNS)}")
        else:
            lines.append(f"GET /api/v2/{tool}/{rng.choice(_NOUNS)}s/{rng.randint(1, 99)} HTTP/1.1")
    return "\n".join(lines) + "\n"


def _entry(rng: random.Random, page: _Page, index: int, all_ids: list[str]) -> dict:
    entry_id = page.ids[index]
    tool, verb, noun, _ = entry_id.rsplit("-", 3)[0], *entry_id.rsplit("-", 3)[1:]
    kind = rng.choice(_KINDS)
    if kind == "cli":
        name = f"{tool} {verb} {noun}"
    elif kind == "api":
        name = f"{tool}.{verb}_{noun}"
    elif kind in ("file-key", "resource"):
        name = f"{noun.capitalize()}{verb.capitalize()}" if kind == "resource" else f"{noun}.{verb}"
    elif kind == "env-var":
        name = f"{tool.upper()}_{noun.upper()}_{verb.upper()}"
    else:
        name = f"GET /{noun}s/{{{verb}}}"
    entry: dict = {"id": entry_id}
    if rng.random() < 0.03:
        entry["aliases"] = [f"{entry_id}-old"]
    entry.update(name=name, kind=kind)
    if rng.random() < 0.93:
        entry["syntax"] = f"{name} [OPTIONS] {noun.upper()}" if kind == "cli" else f"{name}({noun}, **kwargs)"
    entry["summary"] = _sentence(rng, 4, 10)
    if rng.random() < 0.68:
        paragraphs = [_sentence(rng, 10, 25) + f" See `{name}` and `--{rng.choice(_WORDS[14:])}`."]
        if rng.random() < 0.4:
            paragraphs.append(_sentence(rng, 8, 18) + f" [More](https://example.com/{tool}/{verb}).")
        entry["details"] = "\n\n".join(paragraphs) + "\n"
    if kind != "env-var" and rng.random() < 0.8:
        entry["options"] = _options(rng, kind, rng.randint(1, 8))
    examples = []
    for _ in range(1 if rng.random() < 0.6 else rng.randint(2, 3)):
        example = {"title": _sentence(rng, 3, 8), "code": _code(rng, kind, tool, name)}
        if rng.random() < 0.05:
            example["output"] = "\n".join(_sentence(rng, 3, 8) for _ in range(rng.randint(1, 3))) + "\n"
        examples.append(example)
    entry["examples"] = examples
    links = rng.randint(0, 5)
    if links:
        choices = {rng.choice(all_ids) for _ in range(links)} - {entry_id}
        if choices:
            entry["see_also"] = sorted(choices)
    entry["url"] = f"https://docs.example.com/{tool}/{verb}/{noun}"
    if rng.random() < 0.03:
        replacement = rng.choice(all_ids)
        entry["deprecated"] = {"since": f"{tool} {rng.randint(1, 9)}.{rng.randint(0, 20)}",
                               "replacement": f"`{replacement}`"}
        if replacement != entry_id:
            entry["deprecated"]["use"] = replacement
    if rng.random() < 0.1:
        entry["tags"] = sorted({rng.choice(_NOUNS) for _ in range(2)})
    return entry


def _document(page: _Page, all_ids: list[str]) -> dict:
    rng = random.Random(page.tool * 1000 + page.number)
    tool = _tool_name(page.tool)
    document: dict = {
        "title": f"{tool.capitalize()} page {page.number}",
        "description": f"Synthetic reference page {page.number} of the {tool} tool, for benchmarks.",
        "release": f"{tool.capitalize()} {page.number % 7 + 1}.{page.number % 11}",
        "reference": f"https://docs.example.com/{tool}/",
    }
    if page.number % 3 == 0:
        document["intro"] = _sentence(rng, 15, 30) + f" Try `{tool} run` first.\n"
    per_section = ENTRIES_PER_PAGE // SECTIONS_PER_PAGE
    sections = []
    for s in range(SECTIONS_PER_PAGE):
        section: dict = {"id": f"{tool}-page{page.number}-section{s}", "title": _sentence(rng, 2, 4)}
        if s == 0:
            section["intro"] = _sentence(rng, 8, 16) + "\n"
        section["entries"] = [_entry(rng, page, i, all_ids) for i in range(s * per_section, (s + 1) * per_section)]
        sections.append(section)
    # Names must be distinct on a page, as in real content: number repeats.
    seen: set[str] = set()
    for section in sections:
        for entry in section["entries"]:
            if entry["name"] in seen:
                entry["name"] += f" {entry['id'].rsplit('-', 1)[1]}"
            seen.add(entry["name"])
    document["sections"] = sections
    return document


def write_corpus(docs_dir: Path, entries: int) -> Corpus:
    """Write `entries` entries (a multiple of ENTRIES_PER_PAGE) as YAML pages below docs_dir."""
    pages_count = max(1, entries // ENTRIES_PER_PAGE)
    pages = [_Page(p // PAGES_PER_TOOL, p % PAGES_PER_TOOL, p * ENTRIES_PER_PAGE) for p in range(pages_count)]
    all_ids = [entry_id for page in pages for entry_id in page.ids]
    total_bytes = 0
    sample_name = ""
    for number, page in enumerate(pages):
        document = _document(page, all_ids)
        text = "# Synthetic benchmark page\n" + yaml.dump(document, Dumper=_Dumper, sort_keys=False,
                                                             allow_unicode=True, width=4096)
        path = docs_dir / f"{page.slug}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        total_bytes += len(text.encode("utf-8"))
        if number == len(pages) // 2:
            names = [entry["name"] for entry in document["sections"][2]["entries"] if entry["kind"] == "cli"]
            sample_name = names[0] if names else document["sections"][2]["entries"][0]["name"]
    (docs_dir / "index.md").write_text(
        "# Benchmark corpus\n\n"
        f"A synthetic cheat sheet of {len(all_ids):,} entries on {len(pages)} pages.\n",
        encoding="utf-8")
    middle = pages[len(pages) // 2].slug + ".yml"
    return Corpus(docs_dir, len(pages), len(all_ids), total_bytes, sample_name, middle)
