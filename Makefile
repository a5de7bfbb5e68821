# TechBridge task runner. The two set-up commands are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
PORT ?= 8000
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(shell command -v uv 2>/dev/null || echo $(TOOLS)/venv/bin/uv)
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export OMP_NUM_THREADS := 1
export DJANGO_SETTINGS_MODULE ?= techbridge.settings.dev
MANAGE := $(BIN)/python manage.py
# Debian packages the project needs: Chromium for browser tests, CJK fonts (Chinese in
# screenshots and PDFs), gettext for extracting translatable strings.
SYSTEM_PACKAGES := chromium fonts-noto-cjk gettext
PYTEST_WORKERS ?= 2

.PHONY: help
help:
	@echo "make run        set up .venv, the SQLite database and demo data; serve on http://127.0.0.1:$(PORT)"
	@echo "make test       install what the tests need and run the whole suite (SQLite, then PostgreSQL)"
	@echo "make lint       ruff, mypy, migrations and translation checks"
	@echo "make messages   extract translatable strings into the catalogues"
	@echo "make worker     run a background-job worker (django-tasks database backend)"
	@echo "make bench      run the benchmarks in bench/"
	@echo "make screenshots  refresh docs/screenshots (needs a running site)"

$(UV):
	@echo "Installing uv $(UV_VERSION) into $(TOOLS)/ ..."
	$(PYTHON) -m venv $(TOOLS)/venv
	$(TOOLS)/venv/bin/pip install --quiet "uv==$(UV_VERSION)"

.PHONY: install
install: $(UV)
	$(UV) sync --frozen --inexact --no-default-groups
	$(BIN)/python scripts/i18n.py compile

.PHONY: install-dev
install-dev: $(UV)
	$(UV) sync --frozen
	$(BIN)/python scripts/i18n.py compile

.PHONY: system-deps
system-deps:
	@missing=""; for package in $(SYSTEM_PACKAGES); do \
	  dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

.PHONY: database
database: install
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_demo

# Serves the site and, beside it, one background worker (embeddings for matching,
# reviewer assignment, meeting scheduling, e-mails); both stop together with Ctrl-C.
.PHONY: run
run: run-deps database
	@echo "Serving TechBridge on http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	@$(MANAGE) db_worker --queue-name '*' --no-reload -v 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# PDFs (booklets, agendas) embed Debian's CJK fonts; without them Chinese prints as boxes.
.PHONY: run-deps
run-deps:
	@dpkg -s fonts-noto-cjk >/dev/null 2>&1 || $(MAKE) --no-print-directory system-deps \
	  SYSTEM_PACKAGES=fonts-noto-cjk || echo "Warning: fonts-noto-cjk is missing; Chinese in PDFs needs it."

.PHONY: worker
worker: install
	$(MANAGE) db_worker --queue-name '*' --no-reload

.PHONY: lint
lint: install-dev
	$(BIN)/ruff check src tests bench scripts manage.py
	$(BIN)/ruff format --check src tests bench scripts manage.py
	$(BIN)/mypy
	DJANGO_SETTINGS_MODULE=techbridge.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/python scripts/i18n.py check
	DJANGO_SETTINGS_MODULE=techbridge.settings.production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	  ALLOWED_HOSTS=techbridge.example $(MANAGE) check --deploy --fail-level WARNING

.PHONY: messages
messages: install-dev
	$(BIN)/python scripts/i18n.py update
	$(BIN)/python scripts/i18n.py compile

.PHONY: test-sqlite
test-sqlite: install-dev
	DJANGO_SETTINGS_MODULE=techbridge.settings.test $(BIN)/pytest -n $(PYTEST_WORKERS) -q

# The database-backed tests again on a real PostgreSQL 18 (with pgvector), started on
# 127.0.0.1 in a temporary directory and stopped afterwards; the pure core does not touch
# the database, so it runs once, above.
.PHONY: test-postgres
test-postgres: install-dev
	DJANGO_SETTINGS_MODULE=techbridge.settings.test $(BIN)/python scripts/with_postgres.py -- \
	  $(BIN)/pytest -n $(PYTEST_WORKERS) -q --ignore=tests/core --ignore=tests/cli --ignore=tests/bench

.PHONY: test
test: system-deps install-dev lint test-sqlite test-postgres

# Each benchmark prints its figures (medians; ratios against bounds or baselines). The
# catalogue one builds 100,000 offers first (about ten minutes).
BENCHMARKS := assignment_bench scheduling_bench matching_quality bitext matching_speed \
	duplicates catalogue_transfer_bench catalogue_bench
.PHONY: bench
bench: install-dev
	@for name in $(BENCHMARKS); do echo "== bench/$$name.py"; $(BIN)/python bench/$$name.py || exit 1; done

.PHONY: screenshots
screenshots: install-dev
	$(BIN)/python scripts/screenshots.py --base-url http://127.0.0.1:$(PORT) --page home=/

.PHONY: clean
clean:
	rm -rf $(VENV) $(TOOLS) var .pytest_cache .mypy_cache .ruff_cache
