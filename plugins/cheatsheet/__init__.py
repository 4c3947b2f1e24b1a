"""MLOps Cheat Sheet: YAML reference pages rendered to Markdown.

`cheatsheet.core` is a plain library (no MkDocs import); `cheatsheet.mkdocs`
is the thin MkDocs adapter registered as the `cheatsheet` plugin.
"""
