# BlendPlan: `make run` serves the app with demo data; `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Where links in the demo's e-mail point: the port `make run` serves on.
SITE_URL ?= http://127.0.0.1:$(PORT)
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/blendplan
CHROMIUM_PATH ?= /usr/bin/chromium
export CHROMIUM_PATH

# The interpreter that builds the venv: pyenv honours .python-version (3.13); any 3.12+ works.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$p; break; }; done)

.PHONY: help run test lint typecheck migrations-check pytest test-postgres bench bench-pilot bench-load browser-deps clean

help:
	@echo "make run            install, migrate, load demo data and serve on http://127.0.0.1:$(PORT)"
	@echo "make test           install dev tools and run ruff, the import contracts, mypy, the migrations check and pytest"
	@echo "make test-postgres  run the pytest suite against PostgreSQL ($(POSTGRES_URL))"
	@echo "make bench          run the benchmarks and print a table"
	@echo "make bench-pilot    import a 200,000- and a 1,000,000-row Moodle log on SQLite and PostgreSQL"
	@echo "make bench-load     load-test gunicorn on SQLite and PostgreSQL with locust"

$(VENV)/bin/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "BlendPlan needs Python 3.12 or newer (3.13 preferred, see .python-version)."; \
		echo "Install it with pyenv ('pyenv install 3.13') or your system's packages, then re-run make."; \
		exit 1; fi
	@echo "First run: creating .venv and installing BlendPlan's dependencies."
	@echo "This takes about a minute and a half (longer on a slow connection); later runs start at once."
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml
	@echo "Installing BlendPlan and its dependencies into .venv (about a minute; pip is quiet meanwhile)..."
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/bin/python pyproject.toml
	@echo "Installing BlendPlan with its development tools into .venv (a minute or two the first time)..."
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(PY) manage.py migrate --no-input
	SITE_URL=$(SITE_URL) $(PY) manage.py seed_demo
	@echo
	@echo "BlendPlan is starting on http://127.0.0.1:$(PORT)/ (with its background worker)"
	@echo "Demo logins (password blendplan-demo): instructor, reviewer, rulesadmin"
	@echo
	@# The worker (e-mail and other background tasks) runs beside the web server and stops
	@# with it (Ctrl-C).
	export SITE_URL=$(SITE_URL); \
	$(PY) manage.py db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Browser tests need Chromium. Where we are root and it is missing, install Debian's
# package; otherwise the browser tests skip with a message (never in CI, where they fail).
browser-deps:
	@if [ ! -x "$(CHROMIUM_PATH)" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests..."; \
		(apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
		|| (sleep 10; apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
		|| echo "Could not install chromium; browser tests will skip."; \
	fi

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: $(VENV)/.installed-dev
	$(VENV)/bin/mypy .

migrations-check: $(VENV)/.installed-dev
	$(PY) manage.py makemigrations --check --dry-run

pytest: $(VENV)/.installed-dev browser-deps
	$(PY) -m pytest

test: lint typecheck migrations-check pytest

test-postgres: $(VENV)/.installed-dev browser-deps
	DATABASE_URL=$(POSTGRES_URL) $(PY) -m pytest

bench: $(VENV)/.installed-dev
	$(PY) benchmarks/run.py

# The pilot store alone (also part of `make bench`): a Moodle log imported into SQLite and
# PostgreSQL (at PILOT_POSTGRES_URL when it answers), 200,000 and 1,000,000 rows.
bench-pilot: $(VENV)/.installed-dev
	$(PY) benchmarks/bench_pilot_store.py

# The load benchmark: gunicorn on SQLite (and PostgreSQL at LOAD_POSTGRES_URL when it
# answers) under locust, next to /health/. LOAD_USERS, LOAD_SECONDS, LOAD_WORKERS tune it.
bench-load: $(VENV)/.installed-dev
	$(PY) benchmarks/load_bench.py

clean:
	rm -rf $(VENV) var staticfiles .mypy_cache .ruff_cache .pytest_cache
