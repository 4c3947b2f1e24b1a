"""Material's search index, split in two.

Material's page code fetches search/search_index.json on every page load,
parses it and posts it to the search worker, all on the main thread. Our
worker ranks entries from search/cheatsheet.json and takes from Material's
index only what is not an entry: the pages, their sections, the home page.
So the index the page fetches keeps just those documents (about a
twentieth of it on this site), and the whole index moves to
search/material_index.json, which the worker fetches itself, off the main
thread, only when it hands the search to Material's own worker (when the
search data cannot be loaded).

The split is made only for a site whose search runs through our worker: with
Material's worker alone, the page's index must stay whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from .model import Page
from .site import Site

SEARCH_INDEX_PATH = "search/search_index.json"  # written by Material's search plugin
FULL_INDEX_PATH = "search/material_index.json"
WORKER_PATH = "assets/javascripts/workers/cheatsheet-search.js"  # from overrides/


def entry_locations(site: Site, url_of: Callable[[Page], str]) -> frozenset[str]:
    """Where Material's index can place each entry: its page's URL and the
    entry's id (or an alias, as the worker's anchors have them)."""
    return frozenset(f"{url_of(page)}#{anchor}"
                     for page in site.pages for entry in page.entries
                     for anchor in (entry.id, *entry.aliases))


def page_index(index_json: str, entries: Iterable[str]) -> str:
    """Material's index without the documents of entries, as compact JSON."""
    index = json.loads(index_json)
    skipped = frozenset(entries)
    index["docs"] = [doc for doc in index.get("docs", []) if doc.get("location") not in skipped]
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
