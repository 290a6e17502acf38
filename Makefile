# One task runner. `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
INSTALLED := $(VENV)/.installed
BUILT := build/.built
YASGUI_VERSION := 4.2.28
WORLD_ATLAS_VERSION := 2.0.2

.PHONY: install lock build run test lint typecheck bench check vendor-yasgui clean chromium messages fuzz translations pdf-libs

install: $(INSTALLED)

# Everything comes from the lock (exact versions and hashes), so a fresh machine gets
# what CI tested. torch goes first, pinned to the CPU build: an unpinned torch (pulled in
# by sentence-transformers) would download gigabytes of CUDA packages.
$(INSTALLED): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# Refresh the lock from pyproject's ranges (then commit both).
lock: $(INSTALLED)
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra embeddings --extra dev \
	  --output-file requirements.lock pyproject.toml

build: $(BUILT) translations

# The pages' catalogues (.po, committed) compiled to .mo (built, not committed); under a second.
translations: $(INSTALLED)
	$(BIN)/pybabel -q compile -d webapp/translations

# the artefacts change with the knowledge and with the code that compiles it, nothing else
COMPILER := $(addprefix src/remediate/,build.py compile.py tables.py vocab.py namespaces.py checks.py validate.py \
  recommend/embeddings.py)

$(BUILT): $(INSTALLED) $(wildcard ontology/*.ttl ontology/shapes/*.ttl kg_data/*.csv kg_data/*.ttl) $(COMPILER)
	$(BIN)/remediate build --quiet
	touch $@

run: build pdf-libs
	$(BIN)/remediate serve --host $(HOST) --port $(PORT)

lint: $(INSTALLED)
	$(BIN)/ruff check src webapp tests bench
	$(BIN)/mypy

# Browser tests drive Debian's chromium; install it when we are allowed to, else say so.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null \
	    || echo "WARNING: could not install chromium; browser tests will be skipped"; \
	  else echo "WARNING: chromium is missing and this user cannot install it (sudo apt-get install chromium);" \
	    "browser tests will be skipped"; fi; }

# The PDF report (WeasyPrint) needs Debian's pango, and a CJK font for the Chinese and Korean
# names of guideline instruments; install them when we are allowed to, else say so.
pdf-libs:
	@{ ldconfig -p | grep -q libpangoft2-1.0 && fc-list :lang=ko | grep -q .; } || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 \
	    fonts-wqy-zenhei >/dev/null || echo "WARNING: could not install pango or fonts; PDF reports may fail"; \
	  else echo "WARNING: pango or a CJK font is missing and this user cannot install them" \
	    "(sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-wqy-zenhei)"; fi; }

# Translation catalogue template: every user-facing string of the web app.
messages: $(INSTALLED)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -o webapp/translations/messages.pot --omit-header \
	  webapp src/remediate/recommend

test: build lint chromium pdf-libs
	$(BIN)/remediate check
	$(BIN)/python -m pytest -q

# check reads the sources, not the artefacts: it never needs (or runs) a build
check: $(INSTALLED)
	$(BIN)/remediate check

bench: build
	$(BIN)/python bench/sparql.py
	$(BIN)/python bench/recommend.py
	$(BIN)/python bench/evaluate.py
	$(BIN)/python bench/scenarios.py

# Refresh the vendored YASGUI from the npm registry (the result is committed, so
# `make run` needs no npm).
vendor-yasgui:
	rm -rf build/npm && mkdir -p build/npm webapp/static/vendor/yasgui
	cd build/npm && npm install --silent --no-audit --no-fund @triply/yasgui@$(YASGUI_VERSION)
	cp build/npm/node_modules/@triply/yasgui/build/yasgui.min.js \
	   build/npm/node_modules/@triply/yasgui/build/yasgui.min.css \
	   build/npm/node_modules/@triply/yasgui/LICENSE.txt webapp/static/vendor/yasgui/
	ls webapp/static/vendor/yasgui

# Refresh the vendored country shapes of the case map (world-atlas, Natural Earth 110m) from the
# npm registry; the result is committed.
vendor-world-atlas:
	rm -rf build/npm-atlas && mkdir -p build/npm-atlas webapp/static/vendor/world-atlas
	cd build/npm-atlas && npm install --silent --no-audit --no-fund world-atlas@$(WORLD_ATLAS_VERSION)
	cp build/npm-atlas/node_modules/world-atlas/countries-110m.json build/npm-atlas/node_modules/world-atlas/LICENSE \
	   webapp/static/vendor/world-atlas/

clean:
	rm -rf build

# Longer fuzzing than `make test` does: FUZZ_EXAMPLES inputs spread over tests/test_fuzz.py
# (a normal run uses about 5,600). Derandomized, so a failure reproduces with the same count.
FUZZ_EXAMPLES ?= 50000
fuzz: build
	REMEDIATE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q tests/test_fuzz.py
