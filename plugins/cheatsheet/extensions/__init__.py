"""Python-Markdown extensions of the site (no MkDocs import: any
Python-Markdown site generator can load them by name)."""
