"""The corpus of bad sources in fixtures/bad-sources: each gives its exact
error, a non-zero exit, no traceback, and leaves docs/ untouched."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build

CORPUS = Path(__file__).resolve().parent / "fixtures" / "bad-sources"

EXPECTED = {
    "billion-laughs.yml": "1: (file): YAML anchors and aliases (&name, *name) are not allowed",
    "control-char.yml": "2: (file): control character U+0007 is not allowed in YAML",
    "deep-nesting.yml": "2: (file): nested deeper than 64 levels",
    "duplicate-key.yml": "3: (file): duplicate key 'title'",
    "empty.yml": "1: (file): file is empty; expected a page (title, description, release, reference, sections)",
    "not-utf8.yml": "2: (file): not valid UTF-8 (byte 0xe9)",
    "python-tag.yml": "2: (file): could not determine a constructor for the tag "
                      "'tag:yaml.org,2002:python/object/apply:os.system'",
    "syntax-error.yml": "2: (file): while parsing a flow sequence, did not find expected ',' or ']' "
                        "(the [ in column 14 is never closed)",
    "tab-indent.yml": "3: (file): while scanning for the next token, found character '\\t' that cannot start any token "
                      "(indent with spaces, not tabs)",
    "title-markup.yml": "1: title: must be one line of plain text (at most 300 characters) without < > & \" or ' "
                        "(the theme writes page titles into every page's HTML unescaped; write 'and' for &, "
                        "and \u2019 for an apostrophe)",
    "top-level-list.yml": "1: (file): expected a mapping at the top level, found a list",
    "unclosed-quote.yml": "2: (file): unclosed quote: the \" in column 14 is never closed on its line",
    "wrong-types.yml": None,  # several problems: see test_wrong_types_are_all_reported
}


def check(docs_parent: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cheatsheet", "check", "docs"], cwd=docs_parent,
                          capture_output=True, text=True, timeout=60)


def test_every_corpus_file_has_an_expectation():
    assert sorted(path.name for path in CORPUS.glob("*.yml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", [name for name, expected in EXPECTED.items() if expected])
def test_bad_source_gives_its_exact_error(tmp_path, name):
    (tmp_path / "docs" / "bad").mkdir(parents=True)
    shutil.copy(CORPUS / name, tmp_path / "docs" / "bad" / name)
    result = check(tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [f"docs/bad/{name}:{EXPECTED[name]}", "1 problem in the cheat sheet sources"]


def test_wrong_types_are_all_reported(tmp_path):
    (tmp_path / "docs" / "bad").mkdir(parents=True)
    shutil.copy(CORPUS / "wrong-types.yml", tmp_path / "docs" / "bad" / "wrong-types.yml")
    result = check(tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "docs/bad/wrong-types.yml:1: title: expected a string, found a list",
        "docs/bad/wrong-types.yml:2: description: expected a string, found the number 42",
        "docs/bad/wrong-types.yml:3: release: expected a string, found true/false",
        "docs/bad/wrong-types.yml:4: reference: expected a string, found a date (2024-01-01; quote it to make it a string)",
        "docs/bad/wrong-types.yml:5: sections: expected a list, found a mapping",
        "5 problems in the cheat sheet sources",
    ]


def test_huge_string_is_refused_fast(tmp_path):
    (tmp_path / "docs" / "bad").mkdir(parents=True)
    (tmp_path / "docs" / "bad" / "huge.yml").write_text("title: " + "x" * 5_000_000 + "\n", encoding="utf-8")
    started = time.perf_counter()
    result = check(tmp_path)
    elapsed = time.perf_counter() - started
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "docs/bad/huge.yml:1: (file): file is 5,000,008 bytes; the limit is 1,048,576"
    assert elapsed < 30  # generous: a hang or a parse of 5 MB is what this catches


def test_big_alias_bomb_is_refused_without_expanding(tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 30):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    (tmp_path / "docs" / "bad").mkdir(parents=True)
    (tmp_path / "docs" / "bad" / "bomb.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check(tmp_path)
    assert result.returncode == 1
    assert "YAML anchors and aliases" in result.stderr


def test_build_fails_cleanly_and_writes_nothing_into_docs(tmp_path):
    project = copy_project(tmp_path, docs={
        "index.md": "# Home\n",
        "bad/duplicate-key.yml": (CORPUS / "duplicate-key.yml").read_text(encoding="utf-8"),
    })
    before = sorted(p.relative_to(project) for p in (project / "docs").rglob("*"))
    result = mkdocs_build(project, tmp_path / "site")
    after = sorted(p.relative_to(project) for p in (project / "docs").rglob("*"))
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "docs/bad/duplicate-key.yml:3: (file): duplicate key 'title'" in output
    assert "Traceback" not in output
    assert before == after
