"""Every page says which pinned tool releases checked it, on its meta line and
in its tool's print edition; the line comes from tools/pins.toml at build
time, and a page the pins file does not cover stops the build and `check`
with a message naming its YAML file."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cheatsheet.core import CheatsheetError, SiteLoader, SourceFile, render_page
from cheatsheet.core.checked import and_list, checked_against, load_pins
from conftest import ROOT, copy_project, mkdocs_build
from pages import entry, page


class _TextOf(HTMLParser):
    """The text of every element with a given class."""

    def __init__(self, css_class: str):
        super().__init__(convert_charrefs=True)
        self.css_class, self.depth, self.texts = css_class, 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1
        elif self.css_class in (dict(attrs).get("class") or "").split():
            self.depth = 1
            self.texts.append("")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.texts[-1] += data


def texts_of(path: Path, css_class: str) -> list[str]:
    parser = _TextOf(css_class)
    parser.feed(path.read_text(encoding="utf-8"))
    return [" ".join(text.split()) for text in parser.texts]


def expected_lines() -> dict[str, str]:
    """docs src path -> "Checked against ...", from the pins file itself."""
    pins = tomllib.loads((ROOT / "tools" / "pins.toml").read_text(encoding="utf-8"))
    tools = pins["tool"]
    return {src: "Checked against " + and_list([tools[i]["label"].replace("{version}", tools[i]["version"])
                                                for i in ids])
            for src, ids in pins["pages"].items()}


def test_every_page_shows_the_labels_of_its_pins(real_site):
    site_dir, _, _ = real_site
    expected = expected_lines()
    assert set(expected) == {path.relative_to(ROOT / "docs").as_posix() for path in (ROOT / "docs").rglob("*.yml")}
    for src, line in expected.items():
        [meta] = texts_of(site_dir / src.removesuffix(".yml") / "index.html", "cs-page-meta")
        assert f" · {line} · " in meta, src


def test_the_print_editions_show_them_too(real_site):
    site_dir, _, _ = real_site
    expected = expected_lines()
    for tool in {src.split("/")[0] for src in expected}:
        shown = texts_of(site_dir / tool / "print" / "index.html", "cs-edition-release")
        wanted = [line.replace("Checked", "checked") for src, line in expected.items() if src.startswith(tool + "/")]
        assert sorted(text.split(" · ", 1)[1] for text in shown) == sorted(wanted), tool


def test_labels_reach_the_page_as_text_not_markup(tmp_path):
    path = tmp_path / "docs" / "tool" / "one.yml"
    path.parent.mkdir(parents=True)
    path.write_text(page(entry("tool-run")), encoding="utf-8")
    site = SiteLoader().load([SourceFile("tool/one.yml", path, "docs/tool/one.yml")])
    markdown = render_page(site, site.pages[0], ("kubectl <b>1</b>", "*Kubernetes* [x](javascript:y) {: #id }"))
    meta = next(line for line in markdown.splitlines() if line.startswith("Release documented:"))
    # Every Markdown character escaped, so the label shows as typed.
    assert ("Checked against kubectl &lt;b&gt;1&lt;/b&gt; and \\*Kubernetes\\* \\[x\\]\\(javascript:y\\) "
            "\\{: \\#id \\} · [Official reference]") in meta


# --- a pins file that does not cover the pages -----------------------------------

PINS = """\
[tool.tool]
label = "Tool {version}"
version = "1.0.1"

[tool.schemas]
label = "Tool {version} schemas"
version = "1.0"

[pages]
"tool/one.yml" = ["tool", "schemas"]
"""


def pinned_project(tmp_path: Path, pins: str | None) -> Path:
    """A fixture site whose plugin reads pins.toml beside mkdocs.yml (None: no such file)."""
    project = copy_project(tmp_path, docs={"index.md": "# Home\n", "tool/one.yml": page(entry("tool-run")),
                                           "tool/two.yml": page(entry("tool-stop"), title="Two")})
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pins: ''", "pins: pins.toml"), encoding="utf-8")
    assert "pins: pins.toml" in config.read_text(encoding="utf-8")
    if pins is not None:
        (project / "pins.toml").write_text(pins, encoding="utf-8")
    return project


def run_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cheatsheet", "check"], cwd=project, capture_output=True, text=True,
                          timeout=120)


MISSING_TWO = ('docs/tool/two.yml: (file): pins.toml does not say which tool releases check this page: '
               'add "tool/two.yml" = ["<tool id>", ...] under [pages] in pins.toml')


def test_a_page_missing_from_the_pins_stops_the_build_and_check(tmp_path):
    project = pinned_project(tmp_path, PINS)
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and MISSING_TWO in output and "Traceback" not in output
    result = run_check(project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [MISSING_TWO, "1 problem in the cheat sheet sources"]


def test_with_every_page_listed_the_fixture_builds_with_its_line(tmp_path):
    project = pinned_project(tmp_path, PINS + '"tool/two.yml" = ["tool"]\n')
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    [meta] = texts_of(tmp_path / "site" / "tool" / "one" / "index.html", "cs-page-meta")
    assert "· Checked against Tool 1.0.1 and Tool 1.0 schemas ·" in meta
    assert run_check(project).returncode == 0


def test_a_missing_pins_file_is_a_clear_error(tmp_path):
    project = pinned_project(tmp_path, None)
    for result in (mkdocs_build(project, tmp_path / "site"), run_check(project)):
        output = result.stdout + result.stderr
        assert result.returncode != 0 and "Traceback" not in output
        assert "pins.toml: (file): no such file: it names the tool releases that check each page" in output


@pytest.mark.parametrize(("pins", "message"), [
    (PINS.replace('["tool", "schemas"]', '["tool", "schemaz"]'),
     'pins.toml:10: pages."tool/one.yml": no [tool.schemaz] in this file (known: schemas, tool)'),
    (PINS + '"tool/gone.yml" = ["tool"]\n',
     'pins.toml:11: pages."tool/gone.yml": no such page in the docs directory (renamed or removed?)'),
    (PINS.replace('version = "1.0.1"\n', ""), 'pins.toml: tool.tool: needs a label ("kubectl {version}") and a version'),
    ("[pages\n", "pins.toml: (file): not valid TOML"),
])
def test_a_wrong_pins_file_is_reported_where_it_is_wrong(tmp_path, pins, message):
    path = tmp_path / "pins.toml"
    path.write_text(pins, encoding="utf-8")
    sources = [SourceFile(name, tmp_path / name, f"docs/{name}") for name in ("tool/one.yml",)]
    with pytest.raises(CheatsheetError) as raised:
        checked_against(load_pins(path, "pins.toml"), sources)
    assert message in str(raised.value)


def test_and_list():
    assert [and_list(labels) for labels in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == ["", "a", "a and b",
                                                                                          "a, b and c"]
    assert re.fullmatch(r"Checked against .+", expected_lines()["docker/cli.yml"])
