"""Page weight: the gzip bytes a browser fetches on a first visit to a page.

What a first visit fetches, read from the built HTML (checked against
Chromium's request log): the HTML; stylesheets, scripts, icons and images it
links; fonts and images the stylesheets reference; the search workers (the
one in Material's __config and any named in inline scripts, as ours is); and
sitemap.xml when navigation.instant is on, which fetches it at start. The
search index is left out (it is reported per entry instead). Each file is gzipped on its own
at level 6, as a web server would send it.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

SEARCH_INDEX = "search/search_index.json"


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.inline_scripts: list[str] = []
        self.config: dict = {}
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        rel = (attributes.get("rel") or "").lower().split()
        if tag == "link" and attributes.get("href") and ({"stylesheet", "icon", "preload", "modulepreload",
                                                           "manifest"} & set(rel)):
            self.urls.append(attributes["href"])
        elif tag in ("img", "source", "video", "audio") and attributes.get("src"):
            self.urls.append(attributes["src"])
        elif tag == "script":
            if attributes.get("src"):
                self.urls.append(attributes["src"])
            else:
                self._script = {"id": attributes.get("id"), "text": ""}

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if self._script["id"] == "__config":
                self.config = json.loads(self._script["text"])
            else:
                self.inline_scripts.append(self._script["text"])
            self._script = None


def _resolve(site_dir: Path, from_file: str, url: str) -> str | None:
    """Site-relative path of a local URL, or None for other origins and data: URLs."""
    url = urldefrag(url)[0]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    if parts.path.startswith("/"):
        path = parts.path.lstrip("/")
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(from_file), parts.path))
    if (site_dir / path).is_dir():
        path = posixpath.join(path, "index.html")
    return path if (site_dir / path).is_file() else None


def first_visit(site_dir: Path, page: str) -> dict:
    """Files and gzip bytes of a first visit to `page` (site-relative .html path)."""
    html = (site_dir / page).read_text(encoding="utf-8")
    parser = _References()
    parser.feed(html)
    wanted = [_resolve(site_dir, page, url) for url in parser.urls]
    base = parser.config.get("base", ".")
    if parser.config.get("search"):
        wanted.append(_resolve(site_dir, page, posixpath.join(base, parser.config["search"])))
    for script in parser.inline_scripts:
        for url in re.findall(r"""["']([^"'\s]+\.js)["']""", script):
            wanted.append(_resolve(site_dir, page, url))
    if "navigation.instant" in parser.config.get("features", []):
        wanted.append(_resolve(site_dir, page, posixpath.join(base, "sitemap.xml")))
    files = {page: gzip_size(html.encode("utf-8"))}
    queue = [path for path in wanted if path]
    while queue:
        path = queue.pop(0)
        if path in files or path == SEARCH_INDEX:
            continue
        data = (site_dir / path).read_bytes()
        files[path] = gzip_size(data)
        if path.endswith(".css"):
            text = data.decode("utf-8", "replace")
            for url in re.findall(r"""url\(\s*["']?([^"')]+)["']?\s*\)""", text):
                found = _resolve(site_dir, path, url)
                if found:
                    queue.append(found)
    by_kind: dict[str, int] = {}
    for path, size in files.items():
        kind = path.rsplit(".", 1)[-1] if path != page else "html"
        kind = {"woff": "font", "woff2": "font", "ttf": "font", "png": "image", "svg": "image", "ico": "image",
                "jpg": "image", "webp": "image"}.get(kind, kind)
        by_kind[kind] = by_kind.get(kind, 0) + size
    return {"page": page, "gzip_bytes": sum(files.values()), "by_kind": by_kind, "files": files}


def own_assets(site_dir: Path, custom_dir: Path) -> dict:
    """gzip bytes of our own CSS and JS: the theme overrides' assets, as built."""
    files = {}
    for path in sorted(custom_dir.rglob("*")):
        if path.suffix in (".css", ".js") and path.is_file():
            relative = path.relative_to(custom_dir).as_posix()
            built = site_dir / relative
            files[relative] = gzip_size(built.read_bytes() if built.is_file() else path.read_bytes())
    return {"gzip_bytes": sum(files.values()), "files": files}


def search_index(site_dir: Path, entries: int) -> dict:
    data = (site_dir / SEARCH_INDEX).read_bytes()
    documents = len(json.loads(data).get("docs", []))
    gz = gzip_size(data)
    return {"bytes": len(data), "gzip_bytes": gz, "entries": entries, "documents": documents,
            "bytes_per_entry": round(len(data) / max(entries, 1)), "gzip_bytes_per_entry": round(gz / max(entries, 1))}
