# `make demo` and `make test` do all the set-up they need on a fresh machine.
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
DEMO_HOME ?= $(CURDIR)/.aicc-demo

.PHONY: demo test lint typecheck unit bench docs lock clean

# The exact versions of requirements.lock, within pyproject.toml's ranges.
$(BIN)/aicc: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

demo: $(BIN)/aicc
	AICC_HOME=$(DEMO_HOME) $(BIN)/aicc db import --sample --format json > /dev/null
	AICC_HOME=$(DEMO_HOME) $(BIN)/aicc plan --sector hospital src/aicc/data/demo/rural-hospital

lint: $(BIN)/aicc
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: $(BIN)/aicc  # src, tests and bench (pyproject.toml [tool.mypy])
	$(BIN)/mypy

unit: $(BIN)/aicc
	$(BIN)/pytest -q -n 2 --durations=30

test: lint typecheck unit

bench: $(BIN)/aicc
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/scan_bench.py
	$(BIN)/python bench/plan_bench.py
	$(BIN)/python bench/kev_history.py
	$(BIN)/python bench/frontier_bench.py
	$(BIN)/python bench/code_bench.py

# Re-resolve the lock file from pyproject.toml's ranges in a fresh environment.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet '.[test]'
	{ sed -n '1,2p' requirements.lock; .lock-venv/bin/python -m pip freeze --exclude-editable \
	  | grep -v '^aicc'; } > requirements.lock.new && mv requirements.lock.new requirements.lock
	rm -rf .lock-venv

docs: $(BIN)/aicc
	$(BIN)/python -m aicc.cli.reference --write README.md

clean:
	rm -rf $(VENV) $(DEMO_HOME) .pytest_cache .mypy_cache .ruff_cache
