"""MkDocs adapter: turns each YAML source into a generated page."""
