# The two commands a user needs: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run check test test-fast lint format bench clean offline

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/zicha $(ARGS)

# ruff (lint and format), the type checker (strict on every package, tui/ included) and the layer
# contracts; configuration for all three is in pyproject.toml.
check: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# pytest-xdist: one worker per core (at most 4: each may start a PostgreSQL cluster and a
# LibreOffice); loadgroup keeps a module that shares a module-scoped fixture on one worker.
# PYTEST_WORKERS=0 runs everything in this one process (easier to debug).
PYTEST_WORKERS ?= auto
PYTEST_PARALLEL := -n $(PYTEST_WORKERS) --maxprocesses 4 --dist loadgroup

# Everything, as CI runs it.
test: check
	$(BIN)/pytest -q $(PYTEST_PARALLEL)

# While developing: skips tests marked @pytest.mark.slow.
test-fast: check
	$(BIN)/pytest -q $(PYTEST_PARALLEL) -m "not slow"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.installed-test
	$(BIN)/pip install -q -e '.[test,bench]'
	$(BIN)/python benchmarks/kb_bench.py
	$(BIN)/python benchmarks/kb_eval_report.py
	$(BIN)/python benchmarks/startup_bench.py

# The offline installer folder for PCs with no internet (see README); OFFLINE_ARGS for
# --platforms/--python, e.g. OFFLINE_ARGS="--platforms native --python 3.11".
offline: $(VENV)/.installed-run
	$(BIN)/python offline/build.py $(OFFLINE_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
