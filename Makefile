# The two commands of the README: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= site_cms.settings.dev

.PHONY: install assets run serve test lint check messages bench loadtest scale-demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed node_modules/.installed

assets: node_modules/.installed
	npm run --silent build

## make run: install, build, migrate, load the content and serve the site on SQLite
run: install assets
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_site_content
	$(BIN)/python manage.py create_dev_users
	@echo ""
	@echo "  Site:  http://127.0.0.1:$(PORT)/  (English: http://127.0.0.1:$(PORT)/en/)"
	@echo "  Admin: http://127.0.0.1:$(PORT)/admin/  (development logins printed above)"
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## make test: the whole suite (SQLite unless DATABASE_URL says otherwise), on TEST_WORKERS pytest-xdist
## workers (2: one per core of the reference machine; 0 runs it in a single process). `--dist loadgroup`
## keeps the browser tests together on one worker (tests/conftest.py). Each worker has its own test
## database; on SQLite a file, .test-db.sqlite3_gw<N> (.test-db.sqlite3 with no worker), kept between
## runs and created afresh when a migration file is newer than it; any other database (PostgreSQL, as on
## CI) is always created afresh.
TEST_DB := .test-db.sqlite3
TEST_WORKERS ?= 2
test: install assets
	@if [ "$(TEST_WORKERS)" -gt 0 ]; then \
	  xdist="-n $(TEST_WORKERS) --dist loadgroup"; dbs=$$(seq -f '$(TEST_DB)_gw%g' 0 $$(($(TEST_WORKERS) - 1))); \
	else dbs=$(TEST_DB); fi; \
	case "$${DATABASE_URL:-sqlite}" in \
	  sqlite*) for db in $$dbs; do \
	             fresh=$$(find . -path ./.venv -prune -o -path ./node_modules -prune -o \
	               -path '*/migrations/*.py' -newer $$db -print 2>/dev/null | head -n 1); \
	             if [ ! -f $$db ] || [ -n "$$fresh" ]; then create=--create-db; fi; \
	           done ;; \
	  *) create=--create-db ;; \
	esac; \
	echo "pytest $$xdist $$create"; \
	DJANGO_SETTINGS_MODULE=site_cms.settings.test $(BIN)/pytest $$xdist $$create

## make lint: ruff's rules, ruff's formatting and the templates' indentation; fails on any finding
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates/ $(wildcard */templates)

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

## make messages: refresh the `en` catalogue and compile it
messages: install
	$(BIN)/python manage.py makemessages -l en --no-obsolete --no-location --ignore=.venv --ignore=node_modules --ignore=static_collected
	$(BIN)/python manage.py compilemessages -l en --ignore=.venv

## make bench: the main pages served by gunicorn on PostgreSQL with 10,000 practices (tests/bench.py), then
## the catalogue's query plans (practices/bench.py)
bench: install assets
	$(BIN)/python -m tests.bench
	$(BIN)/python -m practices.bench --explain

## make loadtest: a bounded load run (64 clients for 60 s) against gunicorn with the production settings on
## PostgreSQL (database `loadtest`, or LOADTEST_DATABASE_URL) and Redis; prints the non-2xx responses and the
## latency percentiles. Needs wrk and redis-server (Debian: apt-get install wrk redis-server).
loadtest: install assets
	tests/loadtest/run.sh

## make scale-demo: the production topology under load (deploy/scale_demo.py: Varnish, two gunicorn app
## servers, PostgreSQL, Redis, shared folders; 64 connections for 60 s, a publish halfway)
scale-demo: install assets
	$(BIN)/python deploy/scale_demo.py

clean:
	rm -rf $(VENV) node_modules core/static/vendor static_collected
