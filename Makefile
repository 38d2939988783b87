# The two commands a newcomer types: `make demo` and `make test`.
# Every target creates .venv and installs what it needs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.PHONY: demo test lint unit fuzz bench bench-pure bytecode compiled test-compiled clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

# One stamp per set of extras; re-installed when pyproject.toml changes.
$(VENV)/.installed-base: pyproject.toml | $(PY)
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install -e '.[test,fast,report]'
	touch $@ $(VENV)/.installed-base $(VENV)/.installed-report

$(VENV)/.installed-report: pyproject.toml | $(PY)
	$(PIP) install -e '.[report]'
	touch $@ $(VENV)/.installed-base

$(VENV)/.installed-bench: pyproject.toml | $(PY)
	$(PIP) install -e '.[fast,dask,report]'
	touch $@ $(VENV)/.installed-base

# The compiled build, as `INGEST_COMPILE=1 pip install .` gives it to a user: a regular
# (non-editable) install whose hot modules mypyc compiled (setup.py lists them), in its own venv
# so no compiled module ever sits in src/ to shadow an edit. A regular install is a copy, so any
# change to the package re-installs it (2-3 minutes, most of it mypy and gcc).
CVENV := .venv-compiled
CPY := $(CVENV)/bin/python
PACKAGE_FILES := $(shell find -L src/ingest build_backend -type f -not -path '*/__pycache__/*')

$(CPY):
	$(PYTHON) -m venv $(CVENV)
	$(CPY) -m pip --disable-pip-version-check -q install --upgrade pip

$(CVENV)/.installed: pyproject.toml setup.py $(PACKAGE_FILES) | $(CPY)
	INGEST_COMPILE=1 $(CPY) -m pip --disable-pip-version-check -q install '.[test,fast,dask,report]'
	touch $@

compiled: $(CVENV)/.installed

# The whole suite against the compiled build (the tests import the installed package).
test-compiled: $(CVENV)/.installed
	$(CVENV)/bin/pytest -q -n 2 -p no:cacheprovider

# An editable install leaves the package uncompiled, and where PYTHONDONTWRITEBYTECODE is set
# (this project's CI and development machines) every process then compiles each module it
# imports from source: `ingest check FILE` 0.20-0.25 s -> 0.13 s with bytecode, measured.
# Compile it as pip does for a regular install; up-to-date files are skipped (~0.1 s).
bytecode: | $(PY)
	@$(PY) -m compileall -q src/ingest

# parse and check exit 1 when they find something; the demo shows it and succeeds.
demo: $(VENV)/.installed-report bytecode
	@$(BIN)/ingest parse corpus -o out --report || [ $$? -eq 1 ]
	@$(BIN)/ingest summary out
	@$(BIN)/ingest check corpus || [ $$? -eq 1 ]
	@echo "open out/report.html in a browser: $(CURDIR)/out/report.html"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests setup.py build_backend
	$(BIN)/ruff format --check src tests setup.py build_backend
	$(BIN)/mypy
	$(BIN)/lint-imports

unit: $(VENV)/.installed-test bytecode
	$(BIN)/pytest -q -n 2 -p no:cacheprovider

test: lint unit

fuzz: $(VENV)/.installed-test bytecode
	HYPOTHESIS_PROFILE=deep $(BIN)/pytest -q -n 2 -p no:cacheprovider -m "property"

# Corpora go to a private temporary folder, removed at the end (--dir DIR keeps and reuses
# them); e.g. make bench BENCH_ARGS="--pages 5000 --big 0" or BENCH_ARGS="--only hostile,big,drift".
# The peer case (in the default set; BENCH_ARGS="--only peer") prints ingest's ratio to the
# hand-written regex+pydantic peer, the --jobs 2 speed-up and the start-up wall times.
# make bench measures the compiled build; make bench-pure the editable pure-Python one. Each
# prints which build it measured.
bench: $(CVENV)/.installed
	$(CPY) -m ingest.bench $(BENCH_ARGS)

bench-pure: $(VENV)/.installed-bench bytecode
	$(PY) -m ingest.bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(CVENV) out build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis .import_linter_cache
	find src tests -name __pycache__ -prune -exec rm -rf {} +
