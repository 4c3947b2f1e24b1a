# The two commands that matter:
#   make serve   set up and serve the site on http://127.0.0.1:8000/mlops-cheatsheet/
#                (the sub-path GitHub Pages gives a project site); PORT=8001 for another port
#   make test    set up and run every test (what CI runs)
VENV := .venv
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build check bench drift clean

serve:
	@python3 scripts/port-free.py "$(PORT)"
	scripts/setup.sh site
	$(VENV)/bin/mkdocs serve -a 127.0.0.1:$(PORT)

test:
	scripts/setup.sh test
	$(VENV)/bin/python -m pytest

build:
	scripts/setup.sh site
	$(VENV)/bin/mkdocs build --strict

# make check FILE=docs/docker/cli.yml checks one file (against the whole docs tree).
check:
	scripts/setup.sh site
	$(VENV)/bin/python -m cheatsheet check $(FILE)

bench:
	scripts/setup.sh test
	$(VENV)/bin/python -m benchmarks

# What changed in the newest releases of the pinned tools (a report, not a gate):
# make drift OUT=drift.md also writes it as Markdown.
drift:
	scripts/setup.sh test
	$(VENV)/bin/python scripts/drift.py $(if $(OUT),--out $(OUT))

clean:
	rm -rf site .pytest_cache .hypothesis benchmarks/results
