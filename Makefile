# Strategy tracker: `make run` for a demo on SQLite, `make test` for the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000

.PHONY: install run test test-fast lint format migrations-check check serve backup restore

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet ".[dev]"
	touch $@

install: $(VENV)/.installed  ## Create the virtualenv and install pinned dependencies.

run: install  ## Set up a local SQLite database with demo data and serve it on :8000.
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	@echo "Open http://127.0.0.1:$(PORT)/ and sign in with an account above."
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install  ## Run the whole test suite (SQLite unless DATABASE_URL is set).
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	$(MANAGE) makemigrations --check --dry-run

check: lint migrations-check
	$(MANAGE) check
