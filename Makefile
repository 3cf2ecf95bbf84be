# Pressroom. `make run` serves the site on http://127.0.0.1:8000; `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
export PRESSROOM_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: run serve setup test test-browser test-load bench bench-scale messages clean help

help:
	@echo "make run          install, migrate, load sample content, serve on http://$(HOST):$(PORT)"
	@echo "make test         the everyday test suite (browser tests need Debian's chromium)"
	@echo "make test-load    load and fault tests against gunicorn (minutes)"
	@echo "make bench        benchmarks under bench/ (BENCH_ARGS=--quick for a short run)"
	@echo "make bench-scale  100k releases + 1M comments on PostgreSQL and SQLite (SCALE_ARGS=--quick: 10k + 100k)"
	@echo "make messages     re-extract and compile the translation catalogs"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install only when the project's metadata changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $@

setup: $(VENV)/.installed
	@mkdir -p var
	$(BIN)/pressroom migrate --noinput -v 0
	$(BIN)/pressroom collectstatic --noinput -v 0
	$(BIN)/pressroom bootstrap

run: setup
	@echo ""
	@echo "  Pressroom is at http://$(HOST):$(PORT)/   (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "  Stop with Ctrl-C."
	@echo ""
	@# The task worker sends moderator e-mail in the background, and scheduled releases
	@# go live within a minute; both stop with the server.
	@$(BIN)/pressroom db_worker --interval 2 >> var/worker.log 2>&1 & worker=$$!; \
	(while sleep 60; do $(BIN)/pressroom publish_scheduled >> var/worker.log 2>&1; done) & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn pressroom.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) \
		--access-logfile - --error-logfile -

test: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=pressroom.settings.test $(BIN)/python -m pytest -q $(PYTEST_ARGS)

test-browser: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=pressroom.settings.test $(BIN)/python -m pytest -q -m browser $(PYTEST_ARGS)

test-load: $(VENV)/.installed
	$(BIN)/python tests/load/run.py

bench: $(VENV)/.installed
	$(BIN)/python bench/linkpolicy.py
	$(BIN)/python bench/web.py $(BENCH_ARGS)

# 100,000 releases and 1,000,000 comments on PostgreSQL and SQLite (long; not part of `make bench`).
bench-scale: $(VENV)/.installed
	$(BIN)/python bench/scale.py $(SCALE_ARGS)

messages: $(VENV)/.installed
	cd pressroom && ../$(BIN)/pressroom makemessages -l ru -l ko --no-obsolete && ../$(BIN)/pressroom compilemessages

clean:
	rm -rf $(VENV) var
