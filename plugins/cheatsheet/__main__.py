"""`python -m cheatsheet check [DOCS_DIR]`: validate every source without building."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .core import CheatsheetError, SiteLoader, discover, render_page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cheatsheet", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the YAML sources and render them in memory")
    check.add_argument("docs_dir", nargs="?", default="docs", type=Path)
    arguments = parser.parse_args(argv)

    sources = discover(arguments.docs_dir, Path.cwd())
    try:
        site = SiteLoader().load(sources)
    except CheatsheetError as error:
        print(error.report(), file=sys.stderr)
        return 1
    entries = 0
    for page in site.pages:
        render_page(site, page)
        entries += len(page.entries)
    print(f"{len(site.pages)} pages, {entries} entries: no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
