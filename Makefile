# Two commands on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= examples.duckdb

.PHONY: run test install eval bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	rm -f $(DB)
	$(BIN)/newsgraph analyze examples --db $(DB)
	$(BIN)/newsgraph stats --db $(DB)
	$(BIN)/newsgraph brief --db $(DB)
	@echo "Explore it in the browser: $(BIN)/newsgraph serve --db $(DB)  (then http://127.0.0.1:8000/)"

test: $(STAMP)
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/python scripts/eval_seeds.py

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts

clean:
	rm -rf $(VENV) *.duckdb .pytest_cache
