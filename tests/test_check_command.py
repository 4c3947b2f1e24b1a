"""`python -m cheatsheet check` refuses what it cannot check, checks one file
when given one, works from inside docs/, and names the YAML file of a page
the nav does not list (and so does the build)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import copy_project, mkdocs_build
from pages import entry, page

MKDOCS_YML = """\
site_name: Test
site_url: !ENV [SITE_URL, "https://example.com/"]
docs_dir: docs
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
nav:
  - Home: index.md
  - Tool:
      - tool/one.md
      - tool/two.md
      - https://example.com/elsewhere
"""


def run_check(cwd: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cheatsheet", "check", *arguments], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    for name, text in {"index.md": "# Home\n", **files}.items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_a_missing_directory_is_refused(tmp_path):
    result = run_check(tmp_path, "nowhere")
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["cheatsheet check: nowhere: no such file or directory"]


def test_a_directory_without_sources_is_refused(tmp_path):
    (tmp_path / "docs").mkdir()
    result = run_check(tmp_path, "docs")
    assert result.returncode == 2
    assert "no YAML sources" in result.stderr and "Traceback" not in result.stderr


def test_no_project_and_no_argument_is_refused(tmp_path):
    result = run_check(tmp_path)
    assert result.returncode == 2
    assert "no mkdocs.yml here or above" in result.stderr


def test_a_file_that_is_not_yaml_is_refused(tmp_path):
    root = project(tmp_path, {"tool/one.yml": page()})
    result = run_check(root, "docs/index.md")
    assert result.returncode == 2
    assert "not a YAML source" in result.stderr


def test_a_single_file_is_checked_alone_against_its_docs_tree(tmp_path):
    root = project(tmp_path, {
        "tool/one.yml": page(entry("tool-run", extra="see_also: [other-go]\n")),
        "tool/two.yml": page(entry("other-go"), entry("other-stop", extra="colour: red\n")),
    })
    # one.yml is fine: its link into two.yml resolves, and two.yml's own problem is not its.
    result = run_check(root, "docs/tool/one.yml")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ("docs/tool/one.yml: no problems "
                                     "(other files have some: check the directory to see them)")
    result = run_check(root, "docs/tool/two.yml")
    assert result.returncode == 1
    assert [line.split(": ")[0] for line in result.stderr.splitlines()[:-1]] == ["docs/tool/two.yml:36"]


def test_a_single_valid_file_reports_its_own_counts(tmp_path):
    root = project(tmp_path, {"tool/one.yml": page(entry("tool-run"), entry("tool-stop"))})
    result = run_check(root, "docs/tool/one.yml")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1 page, 2 entries: no problems"


def test_works_from_inside_docs(tmp_path):
    root = project(tmp_path, {"tool/one.yml": page().replace("kind: cli", "kind: shell")})
    result = run_check(root / "docs")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("tool/one.yml:12: sections[0].entries[0].kind: must be one of")
    result = run_check(root / "docs" / "tool", "one.yml")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("one.yml:12: sections[0].entries[0].kind")


def test_a_page_the_nav_does_not_list_is_named_by_its_yaml_file(tmp_path):
    root = project(tmp_path, {"tool/one.yml": page(entry("tool-run")), "tool/buildx.yml": page(entry("tool-go"))})
    result = run_check(root)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "docs/tool/buildx.yml: (file): the nav of mkdocs.yml does not list this page: "
        "add 'tool/buildx.md' under its tool in the nav of mkdocs.yml",
        "1 problem in the cheat sheet sources",
    ]


def test_the_build_names_the_yaml_file_of_an_unlisted_page(tmp_path):
    project_dir = copy_project(tmp_path)
    (project_dir / "docs" / "docker" / "buildx.yml").write_text(page(entry("buildx-zz-test")), encoding="utf-8")
    result = mkdocs_build(project_dir, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert ("docs/docker/buildx.yml: (file): the nav of mkdocs.yml does not list this page: "
            "add 'docker/buildx.md' under its tool in the nav of mkdocs.yml") in output
    assert "Traceback" not in output
