# GKS Vraagbaak — two commands: `make run` and `make test`.
# Everything else (uv, Python packages, npm assets) is installed by these targets.

SHELL := /bin/bash
PYTHON_VERSION := $(shell cat .python-version)
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON_VERSION)
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup install assets migrate demo worker lint format clean

run: setup demo ## Install, migrate, load demo data and serve on http://127.0.0.1:8000
	$(PY) manage.py run_scheduled_jobs --loop 300 & trap "kill $$! 2>/dev/null" EXIT; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup ## Install everything and run the whole test suite
	.venv/bin/pytest $(PYTEST_ARGS)

setup: install assets migrate

install: $(UV) ## Python packages from uv.lock into .venv
	$(UV) sync --frozen

.tools/bin/uv:
	@echo "uv not found: installing it into .tools/"
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv

assets: node_modules/.package-lock.json ## Front-end assets from package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

migrate:
	$(PY) manage.py migrate --noinput

demo:
	$(PY) manage.py load_demo_data

worker: ## Run the background task worker (production uses TASKS_BACKEND=django_tasks_db.DatabaseBackend)
	$(PY) manage.py db_worker

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format:
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

clean:
	rm -rf .venv .tools node_modules staticfiles db.sqlite3
