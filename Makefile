# Two commands: `make serve` and `make test`. Both create .venv when missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: dates in the output (the JSON API's version.date, the
# sitemap) are the last commit's, not the clock's. Outside a git checkout it
# stays unset: MkDocs cannot read an empty SOURCE_DATE_EPOCH.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: serve test build check schema contract clean audit bench a11y-full

$(VENV)/.site-installed: requirements.txt constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.site-installed
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

# Node tools for tests and quality figures only, pinned by the lockfile: axe-core
# (accessibility), html-validate (HTML validity), Lighthouse (make audit).
# The site itself needs no Node.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

serve: $(VENV)/.site-installed
	$(PY) -m mkdocs serve -a 127.0.0.1:8000

# Two workers, one per core; worksteal keeps both busy to the end (the whole-site
# accessibility test alone takes over a minute). TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 2
test: $(VENV)/.dev-installed node_modules/.installed
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist worksteal

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

# Quality figures beyond `make test` (README: "Quality gates and benchmarks").
audit: build node_modules/.installed
	$(PY) bench/audit.py site

bench: $(VENV)/.dev-installed node_modules/.installed
	$(PY) bench/bench.py

a11y-full: $(VENV)/.dev-installed node_modules/.installed
	A11Y_FULL=1 $(PY) -m pytest -q tests/test_quality_a11y.py
