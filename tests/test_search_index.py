"""The page gets Material's search index without the entries; the whole index
is kept for the worker's hand-over to Material's (core/search_index.py).
The browser side of the hand-over is test_browser.py's fallback test."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import copy_project, mkdocs_build

PAGE = (Path(__file__).parent / "fixtures" / "sites" / "page.yml").read_text(encoding="utf-8")
WORKER = "overrides/assets/javascripts/workers/cheatsheet-search.js"


def _index(site_dir: Path, name: str) -> list[str]:
    return [doc["location"] for doc in json.loads((site_dir / "search" / name).read_text(encoding="utf-8"))["docs"]]


def _entry_locations(site_dir: Path) -> set[str]:
    data = json.loads((site_dir / "search" / "cheatsheet.json").read_text(encoding="utf-8"))
    return {f"{data['pages'][row[0]][0]}#{anchor}" for row in data["entries"] for anchor in (row[1], *row[10])}


def test_the_page_index_is_the_whole_one_without_the_entries(real_site):
    site_dir, _, _ = real_site
    page, whole = _index(site_dir, "search_index.json"), _index(site_dir, "material_index.json")
    entries = _entry_locations(site_dir)
    assert len(entries) > 500
    assert entries <= set(whole)
    # Everything else stays, in the same order: the home page, every page
    # (the worker takes the nav order from it), the sections.
    assert page == [location for location in whole if location not in entries]
    assert "" in page and "docker/cli/" in page and "docker/cli/#docker-cli-lifecycle" in page
    page_bytes = (site_dir / "search" / "search_index.json").stat().st_size
    assert page_bytes * 5 < (site_dir / "search" / "material_index.json").stat().st_size


def test_without_our_worker_the_page_keeps_the_whole_index(tmp_path):
    """The gate above can fail: Material's worker alone needs every entry."""
    project = copy_project(tmp_path, docs={"index.md": "# Home\n", "tool/page.yml": PAGE})
    (project / WORKER).unlink()
    site_dir = tmp_path / "site"
    result = mkdocs_build(project, site_dir, site_url="http://127.0.0.1/fixture/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (site_dir / "search" / "material_index.json").exists()
    page = _index(site_dir, "search_index.json")
    assert {"tool/page/#tool-run", "tool/page/#tool-stop"} <= set(page), page
