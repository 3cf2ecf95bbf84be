# Pressroom. `make run` serves the site on http://127.0.0.1:8000; `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
export PRESSROOM_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: run serve setup setup-empty test test-browser test-load test-cluster check-lighthouse bench bench-scale messages clean help

help:
	@echo "make run          install, migrate if needed, load sample content, serve on http://$(HOST):$(PORT)"
	@echo "make setup-empty  your organization's empty site instead of the sample (ARGS='--organization NAME ...')"
	@echo "make test         the everyday test suite (browser tests need Debian's chromium)"
	@echo "make test-load    load and fault tests against gunicorn (minutes)"
	@echo "make test-cluster two app servers behind Varnish on PostgreSQL + Redis (docs/deploy.md, ~3 min)"
	@echo "make check-lighthouse  Lighthouse accessibility + SEO of the reader pages in en/ru/ko must be 100 (node + npm, ~3 min)"
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

# One process: system checks (printed once: what this machine lacks), migrations
# only when some are unapplied, sample content and admin account on first start.
# Static files are served from the apps' folders (settings/dev.py): no collectstatic.
setup: $(VENV)/.installed
	@mkdir -p var/static
	@$(BIN)/pressroom bootstrap --migrate

# Your organization's empty site instead of the sample (README), e.g.
# make setup-empty ARGS='--organization "Harbour Friends" --email press@harbour.example'
setup-empty: $(VENV)/.installed
	@mkdir -p var/static
	$(BIN)/pressroom bootstrap --migrate --no-sample $(ARGS)

run: setup
	@# The address is printed once gunicorn answers. Then the task worker (moderator
	@# e-mail in the background) and the scheduler (scheduled releases go live within
	@# a minute) start; all three stop with Ctrl-C. --preload: the site is loaded once
	@# and the workers are forked from it, not each loaded on its own.
	@$(BIN)/gunicorn pressroom.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) --preload \
		--access-logfile - --error-logfile - & server=$$!; \
	trap 'kill $$server $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python -m pressroom.serving http://$(HOST):$(PORT)/healthz "" \
		"  Pressroom is at http://$(HOST):$(PORT)/   (admin: http://$(HOST):$(PORT)/admin/)" \
		"  Stop with Ctrl-C." "" || exit 1; \
	$(BIN)/pressroom db_worker --interval 2 --skip-checks >> var/worker.log 2>&1 & worker=$$!; \
	(while sleep 60; do $(BIN)/pressroom publish_scheduled --skip-checks >> var/worker.log 2>&1; done) & scheduler=$$!; \
	wait $$server

test: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=pressroom.settings.test $(BIN)/python -m pytest -q $(PYTEST_ARGS)

test-browser: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=pressroom.settings.test $(BIN)/python -m pytest -q -m browser $(PYTEST_ARGS)

test-load: $(VENV)/.installed
	$(BIN)/python tests/load/run.py

# Needs PostgreSQL on 127.0.0.1:5432 (user postgres) and Redis on 127.0.0.1:6379 (db 13 is
# flushed); installs Debian's varnish when missing. CLUSTER_ARGS="--kill-seconds 10" to iterate.
test-cluster: $(VENV)/.installed
	$(BIN)/python tests/cluster/run.py $(CLUSTER_ARGS)

# Lighthouse (installed with npm into var/lighthouse/ on first use) on the reader pages of a
# throwaway site; prints the scores, fails below 100. LIGHTHOUSE_ARGS="--languages ko --pages home".
check-lighthouse: $(VENV)/.installed
	$(BIN)/python tests/lighthouse/run.py $(LIGHTHOUSE_ARGS)

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
