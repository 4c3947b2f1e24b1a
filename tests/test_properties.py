"""Property-based tests over the loader and the renderer (Hypothesis)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cheatsheet.core import CheatsheetError, SiteLoader, discover, render_page

ROOT = Path(__file__).resolve().parent.parent


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions mkdocs.yml configures."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names = []
    settings_by_name = {}
    for item in config["markdown_extensions"]:
        name = next(iter(item)) if isinstance(item, dict) else item
        if name == "pymdownx.emoji":
            continue  # needs Material's Python objects; renders emoji only
        names.append(name)
        if isinstance(item, dict) and item[name]:
            settings_by_name[name] = {k: v == "true" if v in ("true", "false") else v for k, v in item[name].items()}
    return markdown.Markdown(extensions=names, extension_configs=settings_by_name)


ids = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
# Any text a writer could type, markup included; one line, or several.
_characters = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn"))
lines = st.text(_characters, min_size=1, max_size=60).filter(lambda s: s.strip())
texts = st.text(st.one_of(_characters, st.just("\n")), min_size=1, max_size=120).filter(lambda s: s.strip())
flags = st.from_regex(r"--?[a-z][a-z0-9-]{0,10}", fullmatch=True)


@st.composite
def documents(draw):
    entry_ids = draw(st.lists(ids, min_size=1, max_size=5, unique=True))
    entries = []
    for entry_id in entry_ids:
        options = [{"name": name, "description": draw(lines)}
                   for name in draw(st.lists(flags, max_size=3, unique_by=lambda f: f.lstrip("-")))]
        entry = {
            "id": entry_id,
            "name": draw(lines)[:100],
            "kind": draw(st.sampled_from(["cli", "api", "file-key", "resource", "env-var", "rest"])),
            "summary": draw(lines),
            "examples": [{"title": draw(lines), "code": draw(texts)}],
            "url": "https://example.com/" + entry_id,
        }
        if options:
            entry["options"] = options
        if draw(st.booleans()):
            entry["details"] = draw(texts)
        if draw(st.booleans()):
            entry["syntax"] = draw(texts)
        entries.append(entry)
    section_id = "section-" + draw(ids)
    return {
        "title": draw(lines),
        "description": draw(lines),
        "release": draw(lines),
        "reference": "https://example.com/",
        "sections": [{"id": section_id, "title": draw(lines), "entries": entries}],
    }


def load(files: dict[str, str]):
    with tempfile.TemporaryDirectory() as directory:
        docs = Path(directory) / "docs"
        for name, text in files.items():
            path = docs / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return SiteLoader().load(discover(docs, Path(directory)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(documents())
def test_any_valid_document_renders_with_every_anchor(document):
    names_ok = all("\n" not in e["name"] and e["name"].strip() for s in document["sections"] for e in s["entries"])
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    try:
        site = load({"tool/page.yml": text})
    except CheatsheetError as error:
        # Only limits the generator does not model (lengths, patterns) may refuse it.
        assert all(problem.line for problem in error.problems), error.report()
        return
    assert names_ok
    html = site_markdown().convert(render_page(site, site.pages[0]))
    anchors = set(re.findall(r'\bid="([^"]+)"', html))
    for entry in site.pages[0].entries:
        assert entry.id in anchors
        for option in entry.options:
            assert option.anchor in anchors
    assert "<script" not in html.lower()


mutations = st.sampled_from(["delete", "retype", "unknown", "garble"])


@settings(max_examples=80, deadline=None)
@given(documents(), mutations, st.integers(min_value=0, max_value=10_000), st.binary(max_size=40))
def test_any_invalid_document_gives_file_and_line_never_an_exception(document, mutation, seed, junk):
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    if mutation == "garble":
        position = seed % (len(text) + 1)
        text = text[:position] + junk.decode("latin-1") + text[position:]
    else:
        entry = document["sections"][0]["entries"][seed % len(document["sections"][0]["entries"])]
        key = sorted(entry)[seed % len(entry)]
        if mutation == "delete":
            entry.pop(key)
        elif mutation == "retype":
            entry[key] = [seed] if isinstance(entry[key], str) else "text"
        else:
            entry[key + "x"] = "surprise"
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    try:
        load({"tool/page.yml": text})
    except CheatsheetError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path == "docs/tool/page.yml"
            assert problem.line and problem.line >= 1, str(problem)
