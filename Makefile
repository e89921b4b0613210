# Two commands: `make serve` and `make test`. Both create .venv when missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: dates in the output (the JSON API's version.date, the
# sitemap) are the last commit's, not the clock's. Empty outside a git checkout.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

.PHONY: serve test build check schema contract clean

$(VENV)/.site-installed: requirements.txt constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.site-installed
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

# Test-only JavaScript (axe-core for the accessibility checks), pinned by the lockfile.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

serve: $(VENV)/.site-installed
	$(PY) -m mkdocs serve -a 127.0.0.1:8000

test: $(VENV)/.dev-installed node_modules/.installed
	$(PY) -m pytest -q

# Build into a scratch folder and swap it in only on success, so a failed
# build never leaves a half-written site/.
build: $(VENV)/.site-installed
	rm -rf .site-build
	$(PY) -m mkdocs build --strict -d .site-build
	rm -rf site && mv .site-build site

check: $(VENV)/.site-installed
	$(PY) -m macros.atlas check

schema: $(VENV)/.site-installed
	$(PY) -m macros.atlas schema

# After publishing: record the new addresses in tests/contract/published-urls.txt
# (never removes one) and the JSON API's field names in api-v1-fields.txt.
contract: $(VENV)/.dev-installed
	rm -rf .site-contract
	$(PY) -m mkdocs build --strict -q -d .site-contract
	$(PY) tests/tools/url_contract.py .site-contract --update
	rm -rf .site-contract

clean:
	rm -rf site .site-build .site-contract
