"""Anchors are stable: across rebuilds, across reordering, and through
renames (an old id kept as an alias still lands)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build

PAGE = (Path(__file__).parent / "fixtures" / "sites" / "page.yml").read_text(encoding="utf-8")


def build(tmp_path: Path, page_text: str, site_dir: Path) -> str:
    project = copy_project(tmp_path, docs={"index.md": "# Home\n", "tool/page.yml": page_text})
    result = mkdocs_build(project, site_dir, site_url="http://127.0.0.1/fixture/")
    assert result.returncode == 0, result.stdout + result.stderr
    return (site_dir / "tool" / "page" / "index.html").read_text(encoding="utf-8")


def heading_anchors(html: str) -> dict[str, str]:
    """Entry heading text -> its id."""
    return {text: anchor for anchor, text in re.findall(r'<h3 [^>]*id="([^"]+)"[^>]*>([^<]+)<', html)}


def swap_entries(text: str) -> str:
    header, entries = text.split("    entries:\n")
    first, second = entries.split("      - id: tool-stop\n")
    return header + "    entries:\n" + "      - id: tool-stop\n" + second + first


def test_ids_survive_rebuilds_and_reordering(tmp_path):
    first = build(tmp_path / "a", PAGE, tmp_path / "site-a")
    again = build(tmp_path / "b", PAGE, tmp_path / "site-b")
    reordered = build(tmp_path / "c", swap_entries(PAGE), tmp_path / "site-c")
    assert heading_anchors(first) == {"tool run": "tool-run", "tool stop": "tool-stop"}
    assert heading_anchors(again) == heading_anchors(first)
    assert heading_anchors(reordered) == heading_anchors(first)
    option_ids = lambda html: sorted(re.findall(r'id="(tool-[a-z]+--[a-z-]+)"', html))
    assert option_ids(reordered) == option_ids(first) == ["tool-run--verbose", "tool-stop--verbose"]


@pytest.mark.browser
def test_an_old_id_kept_as_alias_still_lands(tmp_path, served_root, browser):
    root, server = served_root
    build(tmp_path, PAGE, root / "fixture")
    page = browser.new_page(viewport={"width": 1280, "height": 700})
    try:
        page.goto(f"{server.origin}/fixture/tool/page/#tool-go")
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        top = page.evaluate("document.getElementById('tool-run').getBoundingClientRect().top")
        assert 0 <= top < 700 / 2
        assert page.evaluate("window.scrollY") > 0  # it scrolled to the entry, not the page top
    finally:
        page.close()
