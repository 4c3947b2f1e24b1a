"""The style rules of the Contributing page, checked by core/style.py: each
rule has a page that breaks it, and the real docs/ follow them all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cheatsheet.core import SiteLoader, discover
from cheatsheet.core.model import build_page
from cheatsheet.core.problems import format_field
from cheatsheet.core.style import check_page
from pages import entry, page

import yaml

ROOT = Path(__file__).resolve().parent.parent


def style(text: str) -> list[str]:
    found = check_page(build_page("tool/page.yml", yaml.safe_load(text)))
    return [f"{format_field(path)}: {message}" for path, message, _ in found]


def test_a_page_that_follows_the_rules_has_no_problems():
    assert style(page(entry("tool-run", extra="tasks: [Run the tool, Access the logs, Embed a widget]\n"))) == []


@pytest.mark.parametrize("summary, word", [
    ("Creates a container", "Creates"), ("Creating a container", "Creating"),
    ("Returns the run", "Returns"), ("Deprecated alias of run", "Deprecated"),
])
def test_a_summary_not_in_the_imperative(summary, word):
    text = page(entry("tool-run")).replace("summary: Do the thing called tool-run", f"summary: {summary}")
    assert style(text) == [
        "sections[0].entries[0].summary: start with a verb in the imperative, as a command to the reader "
        f"('Create', not 'Creates', 'Creating' or 'Created'); '{word}' is not one",
    ]


def test_a_task_not_in_the_imperative():
    found = style(page(entry("tool-run", extra="tasks: [Run it, Lists the runs]\n")))
    assert found == ["sections[0].entries[0].tasks[1]: start with a verb in the imperative, as a command to the reader "
                     "('Create', not 'Creates', 'Creating' or 'Created'); 'Lists' is not one"]


def test_deprecated_in_a_summary():
    text = page(entry("tool-run")).replace("summary: Do the thing called tool-run", "summary: Set the author (deprecated)")
    assert style(text) == ["sections[0].entries[0].summary: drop '(deprecated)': the page marks the entry itself "
                           "from its deprecated: field"]


def test_a_prompt_in_copyable_code():
    text = page(entry("tool-run")).replace("code: tool run --verbose", 'code: "tool prepare\\n$ tool run --verbose"')
    assert style(text) == ["sections[0].entries[0].examples[0].code: line 2 starts with a '$ ' prompt: readers copy "
                           "this code; drop the prompt"]
    text = page(entry("tool-run")).replace("syntax: tool run [OPTIONS]", "syntax: $ tool run [OPTIONS]")
    assert style(text) == ["sections[0].entries[0].syntax: line 1 starts with a '$ ' prompt: readers copy "
                           "this code; drop the prompt"]


def test_options_in_the_tools_own_spelling():
    swapped = page(entry("tool-run")).replace("- name: --verbose\n", "- name: -v\n").replace("short: -v", "short: --verbose")
    assert style(swapped) == [
        "sections[0].entries[0].options[0].name: '-v' is the short form: put the long form in name and '-v' in short",
        "sections[0].entries[0].options[0].short: short holds only the one-letter form, such as '-v'; "
        "'--verbose' is not one",
    ]
    with_value = page(entry("tool-run")).replace("- name: --verbose\n", "- name: --verbose=<level>\n")
    assert style(with_value) == ["sections[0].entries[0].options[0].name: put only the option in name and its value "
                                 "in value: '--volume', value '<path>'"]


def test_check_reports_style_problems_with_lines(tmp_path):
    docs = tmp_path / "docs" / "tool"
    docs.mkdir(parents=True)
    (docs / "page.yml").write_text(
        page(entry("tool-run")).replace("summary: Do the thing called tool-run", "summary: Runs the tool"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "cheatsheet", "check", "docs"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("docs/tool/page.yml:14: sections[0].entries[0].summary: start with")


def test_the_site_follows_the_style_rules():
    sources = discover(ROOT / "docs", ROOT)
    site = SiteLoader().load(sources)
    found = [f"{p.src_path}: {format_field(path)}: {message}" for p in site.pages for path, message, _ in check_page(p)]
    assert found == []


def test_deprecated_in_an_option_description():
    text = page(entry("tool-run")).replace("description: Print more", "description: Print more (deprecated)")
    assert style(text) == ["sections[0].entries[0].options[0].description: drop '(deprecated)': set the option's "
                           "deprecated: field, and the page marks it"]
