"""Small valid YAML pages for tests, in the format docs/ uses."""

from __future__ import annotations

import textwrap


def entry(entry_id: str, name: str | None = None, *, extra: str = "") -> str:
    """One valid cli entry, indented to sit under `entries:`."""
    text = f"""\
- id: {entry_id}
  name: {name or entry_id.replace('-', ' ')}
  kind: cli
  syntax: {name or entry_id.replace('-', ' ')} [OPTIONS]
  summary: Do the thing called {entry_id}
  options:
    - name: --verbose
      short: -v
      description: Print more
  examples:
    - title: Run it
      code: {name or entry_id.replace('-', ' ')} --verbose
  url: https://example.com/{entry_id}
"""
    if extra:
        text += textwrap.indent(textwrap.dedent(extra), "  ")
    return textwrap.indent(text, "      ")


def page(*entries: str, title: str = "Tool", section: str = "basics") -> str:
    body = "".join(entries) or entry("tool-run")
    return f"""\
# yaml-language-server: $schema=../../plugins/cheatsheet/core/schema/page.schema.json
title: {title}
description: A page for tests.
release: Tool 1.0
reference: https://example.com/reference
sections:
  - id: {section}
    title: Basics
    entries:
{body}"""
