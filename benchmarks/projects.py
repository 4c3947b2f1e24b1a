"""MkDocs projects around a corpus, configured like the real site.

`mkdocs.yml` is the project's own, as text (it holds !ENV and !!python/name
tags), without its `nav:` (the corpus has other pages) and with `strict:
false`; overrides/ is copied beside it. The plain variant drops our plugin and
holds the same Markdown, pre-rendered to disk with cheatsheet.core.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from cheatsheet.core import SiteLoader, discover, render_page, schema_text

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_NAME = "cheatsheet"


def _drop_block(lines: list[str], start: int) -> list[str]:
    """Remove lines[start] and the lines indented below it."""
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # keep the blank lines that separate what follows
    return lines[:start] + lines[end:]


def config_text(source: str, *, plugin: bool = True, custom_dir: bool = True, nav: bool = False) -> str:
    """The project's mkdocs.yml, not strict and (unless nav) without its nav;
    optionally without our plugin or without the theme overrides (stock Material)."""
    lines = source.splitlines()
    for index, line in enumerate(lines):
        if re.match(r"^nav\s*:", line) and not nav:
            lines = _drop_block(lines, index)
            break
    lines = [line for line in lines if not re.match(r"^strict\s*:", line)]
    if not plugin:
        in_plugins = False
        for index, line in enumerate(lines):
            if re.match(r"^\S", line):
                in_plugins = bool(re.match(r"^plugins\s*:", line))
            elif in_plugins and re.match(rf"^\s*-\s*{PLUGIN_NAME}\s*(:.*)?$", line):
                lines = _drop_block(lines, index)
                break
        else:
            raise ValueError(f"no '{PLUGIN_NAME}' plugin in mkdocs.yml")
    if not custom_dir:
        lines = [line for line in lines if not re.match(r"^\s+custom_dir\s*:", line)]
    return "\n".join(lines + ["strict: false", ""])


def make_project(project: Path, docs_dir: Path, *, plugin: bool = True, custom_dir: bool = True,
                 nav: bool = False) -> Path:
    """Write mkdocs.yml (and copy overrides/) into `project`; return the config file."""
    project.mkdir(parents=True, exist_ok=True)
    text = config_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), plugin=plugin, custom_dir=custom_dir,
                       nav=nav)
    text = re.sub(r"(?m)^docs_dir\s*:.*$", f"docs_dir: {docs_dir.resolve().as_posix()}", text)
    if not re.search(r"(?m)^docs_dir\s*:", text):
        text += f"docs_dir: {docs_dir.resolve().as_posix()}\n"
    # The pins file lists the real pages only: a generated corpus is checked against no tools.
    pins = (ROOT / "tools" / "pins.toml").as_posix() if docs_dir.resolve() == (ROOT / "docs").resolve() else ""
    text = re.sub(rf"(?m)^(\s*)- {PLUGIN_NAME}$", lambda m: f"{m.group(1)}- {PLUGIN_NAME}:\n{m.group(1)}    pins: '{pins}'",
                  text)
    if custom_dir and not (project / "overrides").exists():
        shutil.copytree(ROOT / "overrides", project / "overrides")
    config = project / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def prerender(yaml_docs: Path, plain_docs: Path) -> int:
    """Render every YAML page to Markdown on disk, as our plugin would in memory;
    copy the other files. Returns the number of pages rendered."""
    site = SiteLoader().load(discover(yaml_docs))
    for page in site.pages:
        target = plain_docs / page.md_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_page(site, page), encoding="utf-8")
    for path in yaml_docs.rglob("*"):
        if path.is_file() and path.suffix not in (".yml", ".yaml"):
            target = plain_docs / path.relative_to(yaml_docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    # The plugin publishes the schema too: keep the two sites alike.
    schema = plain_docs / "schema" / "page.schema.json"
    schema.parent.mkdir(parents=True, exist_ok=True)
    schema.write_text(schema_text(), encoding="utf-8")
    return len(site.pages)
