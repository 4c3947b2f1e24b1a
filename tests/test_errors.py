"""Bad sources give `path:line: field: message`, all at once, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cheatsheet.core import CheatsheetError, SiteLoader, discover
from pages import entry, page

ROOT = Path(__file__).resolve().parent.parent


def problems(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    docs = tmp_path / "docs"
    for name, content in files.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    with pytest.raises(CheatsheetError) as caught:
        SiteLoader().load(discover(docs, tmp_path))
    return [str(problem) for problem in caught.value.problems]


def test_valid_page_loads(tmp_path):
    (tmp_path / "docs" / "tool").mkdir(parents=True)
    (tmp_path / "docs" / "tool" / "page.yml").write_text(page(), encoding="utf-8")
    site = SiteLoader().load(discover(tmp_path / "docs", tmp_path))
    assert [e.id for e in site.pages[0].entries] == ["tool-run"]


def test_missing_required_field_names_line_and_path(tmp_path):
    text = page(entry("tool-run")).replace("            description: Print more\n", "")
    assert problems(tmp_path, {"tool/page.yml": text}) == [
        "docs/tool/page.yml:16: sections[0].entries[0].options[0].description: required",
    ]


def test_unknown_field_is_an_error_with_a_suggestion(tmp_path):
    text = page(entry("tool-run", extra="see_aslo: [tool-run]\n"))
    assert problems(tmp_path, {"tool/page.yml": text}) == [
        "docs/tool/page.yml:23: sections[0].entries[0].see_aslo: unknown field; did you mean 'see_also'?",
    ]


def test_wrong_type(tmp_path):
    text = page().replace("release: Tool 1.0", "release: 1.10")
    assert problems(tmp_path, {"tool/page.yml": text}) == [
        "docs/tool/page.yml:4: release: expected a string, found the number 1.1",
    ]


def test_url_must_be_http(tmp_path):
    text = page().replace("https://example.com/tool-run", "javascript:alert(1)")
    assert problems(tmp_path, {"tool/page.yml": text}) == [
        "docs/tool/page.yml:22: sections[0].entries[0].url: must be an http:// or https:// URL",
    ]


def test_empty_example(tmp_path):
    text = page().replace("code: tool run --verbose", 'code: "   "')
    assert problems(tmp_path, {"tool/page.yml": text}) == [
        "docs/tool/page.yml:21: sections[0].entries[0].examples[0].code: must not be empty (at most 20,000 characters)",
    ]


def test_every_problem_is_reported_at_once(tmp_path):
    broken = page(entry("tool-run", extra="colour: red\n")).replace("kind: cli", "kind: shell")
    found = problems(tmp_path, {
        "a/one.yml": broken,
        "b/two.yml": "title: [unclosed\n",
        "c/three.yml": page(entry("tool-stop", extra="see_also: [nowhere]\n"), title="Three"),
    })
    assert found == [
        "docs/a/one.yml:12: sections[0].entries[0].kind: must be one of: cli, api, file-key, resource, env-var, rest",
        found[1],
        "docs/b/two.yml:1: (file): while parsing a flow sequence, did not find expected ',' or ']' (the [ in column 8 is never closed)",
        "docs/c/three.yml:23: sections[0].entries[0].see_also[0]: unknown id 'nowhere'",
    ]
    assert found[1].startswith("docs/a/one.yml:23: sections[0].entries[0].colour: unknown field")


def test_duplicate_ids_across_files(tmp_path):
    found = problems(tmp_path, {
        "a/one.yml": page(entry("tool-run")),
        "b/two.yml": page(entry("tool-run")),
    })
    assert found == [
        "docs/b/two.yml:10: sections[0].entries[0].id: duplicate id 'tool-run' (entry id); first used at docs/a/one.yml:10",
    ]


def test_alias_clashing_with_an_id(tmp_path):
    found = problems(tmp_path, {
        "a/one.yml": page(entry("tool-run"), entry("tool-stop", extra="aliases: [tool-run]\n")),
    })
    assert found == [
        "docs/a/one.yml:36: sections[0].entries[1].aliases[0]: duplicate id 'tool-run' (alias); first used at docs/a/one.yml:10",
    ]


def test_see_also_to_an_alias_asks_for_the_current_id(tmp_path):
    found = problems(tmp_path, {
        "a/one.yml": page(entry("tool-run", extra="aliases: [tool-go]\n"),
                          entry("tool-stop", extra="see_also: [tool-go]\n")),
    })
    assert found == [
        "docs/a/one.yml:37: sections[0].entries[1].see_also[0]: 'tool-go' is an old id (alias) of 'tool run'; link to its current id",
    ]


def test_reserved_anchor(tmp_path):
    found = problems(tmp_path, {"a/one.yml": page(section="quick-reference")})
    assert found == ["docs/a/one.yml:7: sections[0].id: 'quick-reference' is reserved for the generated page"]


def test_two_options_with_one_anchor(tmp_path):
    text = page(entry("tool-run")).replace(
        "            description: Print more\n", "            description: Print more\n          - name: -verbose\n            description: Again\n")
    found = problems(tmp_path, {"a/one.yml": text})
    assert found == [
        "docs/a/one.yml:19: sections[0].entries[0].options[1].name: two options share the anchor 'tool-run--verbose'; give one an id",
    ]


def test_cli_reports_problems_without_traceback(tmp_path):
    docs = tmp_path / "docs" / "tool"
    docs.mkdir(parents=True)
    (docs / "page.yml").write_text(page().replace("kind: cli", "kind: shell"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "cheatsheet", "check", "docs"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "docs/tool/page.yml:12: sections[0].entries[0].kind: must be one of: cli, api, file-key, resource, env-var, rest",
        "1 problem in the cheat sheet sources",
    ]


def test_two_entries_of_one_name_on_a_page(tmp_path):
    found = problems(tmp_path, {"a/one.yml": page(entry("tool-run"), entry("tool-go", name="tool run"))})
    assert found == [
        "docs/a/one.yml:24: sections[0].entries[1].name: 'tool run' is also the name of 'tool-run' on this page; "
        "make it distinct",
    ]


def test_one_mistake_in_one_file_gives_one_message(tmp_path):
    # b/two.yml links into a/one.yml, which fails its schema check: the links
    # are not reported as unknown ids, only the one misspelt field is.
    found = problems(tmp_path, {
        "a/one.yml": page(entry("tool-run"), entry("tool-stop", extra="see_aslo: [tool-run]\n")),
        "b/two.yml": page(entry("other-go", extra="see_also: [tool-run, tool-stop]\n"),
                          entry("other-halt", extra="see_also: [tool-stop]\n")),
    })
    assert found == [
        "docs/a/one.yml:36: sections[0].entries[1].see_aslo: unknown field; did you mean 'see_also'?",
    ]


def test_links_into_a_file_that_is_not_yaml_are_not_reported(tmp_path):
    broken = page(entry("tool-run")).replace("release: Tool 1.0", "release: [Tool 1.0")
    found = problems(tmp_path, {
        "a/one.yml": broken,
        "b/two.yml": page(entry("other-go", extra="see_also: [tool-run]\n")),
    })
    assert len(found) == 1 and found[0] == ("docs/a/one.yml:4: (file): while parsing a flow sequence, did not find "
                                                "expected ',' or ']' (the [ in column 10 is never closed)")


def test_unknown_id_suggests_the_nearest(tmp_path):
    found = problems(tmp_path, {
        "a/one.yml": page(entry("tool-run"), entry("tool-stop", extra="see_also: [tool-runn, zzz]\n")),
    })
    assert found == [
        "docs/a/one.yml:36: sections[0].entries[1].see_also[0]: unknown id 'tool-runn'; did you mean 'tool-run'?",
        "docs/a/one.yml:36: sections[0].entries[1].see_also[1]: unknown id 'zzz'",
    ]


def test_unclosed_quote_is_reported_where_it_opens(tmp_path):
    text = page(entry("tool-run"), entry("tool-stop"))
    text = text.replace("summary: Do the thing called tool-run", 'summary: "Do the thing called tool-run')
    # A later quoted value closes the string YAML is reading: the parser fails there, lines below.
    text = text.replace("title: Run it", 'title: "Run it"')
    assert text.splitlines()[13].strip().startswith('summary: "Do')
    assert problems(tmp_path, {"a/one.yml": text}) == [
        'docs/a/one.yml:14: (file): unclosed quote: the " in column 18 is never closed on its line',
    ]


def test_unclosed_quote_at_the_end_of_a_file(tmp_path):
    assert problems(tmp_path, {"a/one.yml": "title: Tool\ndescription: 'Half a sentence\nrelease: x\n"}) == [
        "docs/a/one.yml:2: (file): unclosed quote: the ' in column 14 is never closed on its line",
    ]


def test_a_character_that_cannot_start_a_value_is_named(tmp_path):
    text = page().replace("description: A page for tests.", "description: `code` first")
    assert problems(tmp_path, {"a/one.yml": text}) == [
        "docs/a/one.yml:3: (file): while scanning for the next token, found character '`' that cannot start any "
        "token (a value that starts with ` must be in quotes)",
    ]


def test_a_string_that_spans_lines_on_purpose_is_not_blamed(tmp_path):
    text = 'title: Tool\ndescription: "A description\n  on two lines"\nrelease: [Tool 1.0\nreference: x\n'
    found = problems(tmp_path, {"a/one.yml": text})
    assert len(found) == 1 and found[0].startswith("docs/a/one.yml:4: (file): while parsing a flow sequence"), found


def test_a_quote_inside_a_block_scalar_is_not_blamed(tmp_path):
    text = page(entry("tool-run")).replace("code: tool run --verbose", "code: |\n              echo 'it\n              done")
    text = text.replace("release: Tool 1.0", "release: [Tool 1.0")
    found = problems(tmp_path, {"a/one.yml": text})
    assert len(found) == 1 and found[0].startswith("docs/a/one.yml:4: (file): while parsing a flow sequence"), found


def test_the_quote_that_opened_the_string_is_blamed_not_the_one_that_closed_it(tmp_path):
    text = "title: Tool\ndescription: \"first\nrelease: \"second\nreference: x\n"
    assert problems(tmp_path, {"a/one.yml": text}) == [
        'docs/a/one.yml:2: (file): unclosed quote: the " in column 14 is never closed on its line',
    ]
