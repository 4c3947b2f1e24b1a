"""Editors running the YAML language server (VS Code's YAML extension, for
one) apply the page schema to every file under docs/ through the committed
.vscode/settings.json, with no per-file comment line."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import ROOT

SCHEMA = "plugins/cheatsheet/core/schema/page.schema.json"


def _glob_match(path: str, pattern: str) -> bool:
    """The YAML language server's globs, matched against a path from the
    workspace root: `**/` is any number of folders (none too), `*` and `?`
    stay within one folder."""
    regex = ""
    position = 0
    while position < len(pattern):
        if pattern.startswith("**/", position):
            regex, position = regex + "(?:[^/]+/)*", position + 3
        elif pattern[position] == "*":
            regex, position = regex + "[^/]*", position + 1
        elif pattern[position] == "?":
            regex, position = regex + "[^/]", position + 1
        else:
            regex, position = regex + re.escape(pattern[position]), position + 1
    return re.fullmatch(regex, path) is not None


def uncovered(root: Path, settings: dict) -> list[str]:
    """What the settings leave wrong: a schema path that is not the page
    schema, or a docs/ source no pattern covers."""
    problems = []
    mapping = settings.get("yaml.schemas", {})
    patterns = []
    for schema_path, globs in mapping.items():
        target = (root / schema_path).resolve()
        if target != (root / SCHEMA).resolve() or not target.is_file():
            problems.append(f"yaml.schemas names {schema_path}, not {SCHEMA}")
            continue
        patterns.extend([globs] if isinstance(globs, str) else globs)
    sources = sorted(p.relative_to(root).as_posix() for p in (root / "docs").rglob("*") if p.suffix in (".yml", ".yaml"))
    problems += [f"{source} gets no schema" for source in sources
                 if not any(_glob_match(source, pattern) for pattern in patterns)]
    return problems


def test_the_settings_apply_the_page_schema_to_every_source():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert uncovered(ROOT, settings) == []


def test_a_pattern_that_misses_nested_files_is_caught(tmp_path):
    (tmp_path / "docs" / "tool").mkdir(parents=True)
    (tmp_path / "docs" / "tool" / "page.yml").write_text("title: x\n", encoding="utf-8")
    schema = tmp_path / SCHEMA
    schema.parent.mkdir(parents=True)
    schema.write_text("{}", encoding="utf-8")
    assert uncovered(tmp_path, {"yaml.schemas": {f"./{SCHEMA}": ["docs/*.yml"]}}) == ["docs/tool/page.yml gets no schema"]
    assert uncovered(tmp_path, {"yaml.schemas": {"./schema/old.json": ["docs/**/*.yml"]}}) == [
        "yaml.schemas names ./schema/old.json, not plugins/cheatsheet/core/schema/page.schema.json",
        "docs/tool/page.yml gets no schema",
    ]
    assert uncovered(tmp_path, {"yaml.schemas": {f"./{SCHEMA}": "docs/**/*.yml"}}) == []
