"""A strict build of the real site, then checks on its HTML."""

from __future__ import annotations

from pathlib import Path

import yaml

from cheatsheet.core import SiteLoader, discover
from conftest import ROOT, SUB_PATH, copy_project, mkdocs_build
from html_pages import parse
from linkcheck import check_site


def real_pages():
    return SiteLoader().load(discover(ROOT / "docs")).pages


def test_strict_build_has_no_warnings(real_site):
    _, _, result = real_site
    assert "WARNING" not in result.stdout + result.stderr


def test_strict_anchor_validation_is_configured():
    # Unsafe loader only to read the config's !ENV and !!python tags as data.
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["strict"] == "true"
    assert config["validation"]["links"]["anchors"] == "warn"
    assert config["validation"]["links"]["not_found"] == "warn"


def test_every_tool_has_pages_with_content():
    pages = real_pages()
    tools = {page.src_path.split("/")[0] for page in pages}
    assert tools == {"docker", "mlflow", "kubernetes", "kubeflow", "istio"}
    for page in pages:
        assert page.entries, page.src_path


def test_every_entry_and_option_has_its_anchor(real_site):
    site_dir, _, _ = real_site
    for page in real_pages():
        html = parse(site_dir / page.md_path.removesuffix(".md") / "index.html")
        ids = set(html.ids)
        for entry in page.entries:
            assert entry.id in ids, (page.src_path, entry.id)
            for alias in entry.aliases:
                assert alias in ids, (page.src_path, alias)
            for option in entry.options:
                assert option.anchor in ids, (page.src_path, option.anchor)


def test_quick_reference_links_resolve(real_site):
    site_dir, _, _ = real_site
    for page in real_pages():
        html = parse(site_dir / page.md_path.removesuffix(".md") / "index.html")
        entry_links = [href for href in html.links if href.startswith("#") and href[1:] in {e.id for e in page.entries}]
        assert {href[1:] for href in entry_links} == {entry.id for entry in page.entries}
        ids = set(html.ids)
        assert all(href[1:] in ids for href in entry_links)


def test_meta_description_comes_from_the_yaml(real_site):
    site_dir, _, _ = real_site
    page = real_pages()[0]
    html = parse(site_dir / page.md_path.removesuffix(".md") / "index.html")
    descriptions = [attrs.get("content") for tag, attrs in html.elements
                    if tag == "meta" and attrs.get("name") == "description"]
    assert descriptions == [page.description]


def test_whole_site_link_check_passes(real_site):
    site_dir, _, _ = real_site
    assert check_site(site_dir, SUB_PATH) == []


def test_schema_is_published_with_the_site(real_site):
    site_dir, _, _ = real_site
    assert (site_dir / "schema" / "page.schema.json").read_text(encoding="utf-8").startswith("{")


def test_yaml_sources_are_not_published(real_site):
    site_dir, _, _ = real_site
    assert not list(site_dir.rglob("*.yml"))


FIXTURE_PAGE = (Path(__file__).parent / "fixtures" / "sites" / "page.yml").read_text(encoding="utf-8")


def fixture_project(tmp_path: Path, index_md: str) -> Path:
    return copy_project(tmp_path, docs={"index.md": index_md, "tool/page.yml": FIXTURE_PAGE})


def test_link_checker_fails_on_a_broken_anchor(tmp_path):
    project = fixture_project(tmp_path, "# Home\n\n<a href='tool/page/#no-such-entry'>broken</a>\n")
    site_dir = tmp_path / "site"
    # Raw HTML links escape MkDocs' own validation: the checker must catch them.
    result = mkdocs_build(project, site_dir, site_url="https://example.com/mlops-cheatsheet/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert check_site(site_dir, SUB_PATH) == [
        "index.html: link 'tool/page/#no-such-entry' points to a missing anchor '#no-such-entry'",
    ]


def test_strict_build_fails_on_a_broken_markdown_anchor(tmp_path):
    project = fixture_project(tmp_path, "# Home\n\n[broken](tool/page.md#no-such-entry)\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "does not contain an anchor '#no-such-entry'" in result.stdout + result.stderr


def _html_title(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index("<title>") + len("<title>"):text.index("</title>")]


def test_the_home_page_title_names_the_site_once(real_site):
    site_dir, _, _ = real_site
    assert _html_title(site_dir / "index.html") == "MLOps Cheat Sheet"
    assert _html_title(site_dir / "docker" / "cli" / "index.html") == "Docker CLI - MLOps Cheat Sheet"


def test_the_home_page_title_of_a_fixture_site(tmp_path):
    project = copy_project(tmp_path, docs={"index.md": "---\ntitle: MLOps Cheat Sheet\n---\n# Home\n",
                                           "tool/page.yml": (ROOT / "tests" / "fixtures" / "sites" / "page.yml")
                                           .read_text(encoding="utf-8")})
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert _html_title(tmp_path / "site" / "index.html") == "MLOps Cheat Sheet"


def test_every_page_of_the_real_site_and_its_search_data_are_inert(real_site):
    from inert import site_findings

    site_dir, _, _ = real_site
    assert site_findings(site_dir) == []
