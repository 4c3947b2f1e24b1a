"""Settings of the `cheatsheet` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..core.checked import DEFAULT_PINS
from ..core.source import DEFAULT_MAX_BYTES


class CheatsheetConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # Largest YAML file accepted; larger ones are refused before parsing.
    max_file_size = c.Type(int, default=DEFAULT_MAX_BYTES)
    # Where the JSON Schema of the format is published on the site ('' to skip).
    schema_path = c.Type(str, default="schema/page.schema.json")
    # The pinned tool releases that check each page (its "Checked against"
    # line), relative to mkdocs.yml; '' for a site not checked against tools.
    pins = c.Type(str, default=DEFAULT_PINS)
