"""The search data of a site: one JSON file the search worker ranks entries from.

Material's index holds each entry as one run of rendered text, where a name,
a task and an option flag weigh alike and an option has no anchor. The worker
(overrides/assets/javascripts/workers/cheatsheet-search.js) needs them apart,
so the build writes them once, as fields:

    {"version": 1,
     "synonyms": {...},                      # search_synonyms.yml, as loaded
     "pages": [[url, title, tool, description], ...],
     "entries": [[page, id, name, summary, [task, ...],
                  [[option, short, anchor, description], ...],
                  [tag, ...], text, kind, deprecated, [alias, ...]], ...]}

Every string is text, HTML-escaped (& < > " '), with the inline Markdown of
summaries and descriptions reduced to its words: nothing from YAML becomes
markup where the worker shows it. `text` is the details and example titles,
searched with a low weight.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import yaml

from .model import Entry, Page
from .site import Site

SYNONYMS_PATH = Path(__file__).resolve().parent / "search_synonyms.yml"
SEARCH_DATA_PATH = "search/cheatsheet.json"  # in the built site
FORMAT_VERSION = 1

# Tool names by the first folder of a page's source (docker/cli.yml).
TOOLS = {"docker": "Docker", "mlflow": "MLflow", "kubernetes": "Kubernetes", "kubeflow": "Kubeflow",
         "istio": "Istio"}

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`+)")


def _text(markdown: str) -> str:
    """The words of inline Markdown, HTML-escaped: links keep their text,
    code and emphasis marks go."""
    words = _EMPHASIS.sub("", _LINK.sub(r"\1", markdown))
    return html.escape(" ".join(words.split()), quote=True)


def _literal(text: str) -> str:
    """A name or flag as typed, HTML-escaped."""
    return html.escape(" ".join(text.split()), quote=True)


@cache
def synonyms() -> dict:
    """The reviewed synonym data (search_synonyms.yml), checked for shape."""
    data = yaml.safe_load(SYNONYMS_PATH.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{SYNONYMS_PATH}: expected a mapping")
    for key in ("groups", "phrases", "korean", "particles", "stop_words"):
        if key not in data:
            raise ValueError(f"{SYNONYMS_PATH}: missing '{key}'")
    for group in data["groups"]:
        if not (isinstance(group, list) and len(group) >= 2 and all(isinstance(word, str) for word in group)):
            raise ValueError(f"{SYNONYMS_PATH}: each group is a list of two or more words, got {group!r}")
    return data


def _escaped(value):
    """Synonym data as text, escaped like everything else in the file."""
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    if isinstance(value, dict):
        return {html.escape(str(key), quote=True): _escaped(item) for key, item in value.items()}
    return value


def _entry(page_index: int, entry: Entry) -> list:
    text = " ".join(part for part in [entry.details or "", *(example.title for example in entry.examples)] if part)
    return [
        page_index,
        entry.id,
        _literal(entry.name),
        _text(entry.summary),
        [_text(task) for task in entry.tasks],
        [[_literal(option.name), _literal(option.short or ""), option.anchor, _text(option.description)]
         for option in entry.options],
        [_literal(tag) for tag in entry.tags],
        _text(text),
        entry.kind,
        1 if entry.deprecated else 0,
        list(entry.aliases),
    ]


def search_data(site: Site, url_of: Callable[[Page], str]) -> dict:
    """The search data of `site`; `url_of` gives a page's URL relative to the site root."""
    pages = []
    entries = []
    for index, page in enumerate(site.pages):
        tool = TOOLS.get(page.src_path.split("/", 1)[0], page.src_path.split("/", 1)[0].capitalize())
        pages.append([url_of(page), _literal(page.title), _literal(tool), _text(page.description)])
        entries.extend(_entry(index, entry) for entry in page.entries)
    return {"version": FORMAT_VERSION, "synonyms": _escaped(synonyms()), "pages": pages, "entries": entries}


def search_json(site: Site, url_of: Callable[[Page], str]) -> str:
    """search_data as compact JSON, non-ASCII kept (Korean synonym keys)."""
    return json.dumps(search_data(site, url_of), ensure_ascii=False, separators=(",", ":"))
