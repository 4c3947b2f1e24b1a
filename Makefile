# The two commands that matter:
#   make serve   set up and serve the site on http://127.0.0.1:8000/mlops-cheatsheet/
#                (the sub-path GitHub Pages gives a project site)
#   make test    set up and run every test (what CI runs)
VENV := .venv
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build check bench clean

serve:
	scripts/setup.sh site
	$(VENV)/bin/mkdocs serve

test:
	scripts/setup.sh test
	$(VENV)/bin/python -m pytest

build:
	scripts/setup.sh site
	$(VENV)/bin/mkdocs build --strict

check:
	scripts/setup.sh site
	$(VENV)/bin/python -m cheatsheet check docs

bench:
	scripts/setup.sh test
	$(VENV)/bin/python -m benchmarks

clean:
	rm -rf site .pytest_cache .hypothesis benchmarks/results
