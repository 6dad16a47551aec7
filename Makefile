# The two commands a new user needs (see README):
#   make run    install into .venv, build the search index, and serve the web chat on http://127.0.0.1:7860/
#   make test   install into .venv (with dev tools) and run ruff, mypy and pytest
# Each creates .venv/ by itself and reinstalls only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ARGS ?= serve

.PHONY: run test lint chromium install install-dev bench bench-retrieval bench-answers bench-load clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/portentry index
	$(BIN)/portentry $(ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The browser tests drive Debian's chromium; install it where missing (needs root, as on CI).
chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

test: lint chromium
	$(BIN)/python -m pytest

# All benchmarks, one dated file: bench/results/bench-DATE.md (the parts can also run alone).
bench: install-dev
	$(BIN)/python -m bench

bench-retrieval: install-dev
	$(BIN)/python -m bench.retrieval

bench-answers: install-dev
	$(BIN)/python -m bench.answers

bench-load: install-dev
	$(BIN)/python -m bench.load

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
