# Strategy tracker: `make run` for a demo on SQLite, `make test` for the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
# `make serve`: gunicorn processes (about two per CPU core) and threads per process.
WORKERS ?= 2
THREADS ?= 4

.PHONY: system-check install run test test-fast lint format migrations-check check serve backup restore bench bench-pages bench-api bench-notifications bench-imports bench-report screenshots loadtest messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet ".[dev]"
	touch $@

# Translations: each locale/<language>/LC_MESSAGES/django.po is compiled to the .mo file
# Django reads (not tracked) whenever the .po is newer. Needs GNU gettext's msgfmt.
I18N_IGNORE := '--ignore=.venv*' --ignore=build --ignore=staticfiles --ignore=test-artifacts --ignore=tests
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | $(VENV)/.installed
	$(MANAGE) compilemessages --locale $* $(I18N_IGNORE)

# WeasyPrint (the report's PDF) draws text with Pango and subsets fonts with HarfBuzz, from the
# system: Debian's packages, checked by the shared libraries WeasyPrint loads.
SYSTEM_LIBRARIES := libpango-1.0.so.0:libpango-1.0-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0 \
	libharfbuzz-subset.so.0:libharfbuzz-subset0 libfontconfig.so.1:libfontconfig1
system-check:
	@libraries="$$( { /sbin/ldconfig -p || ldconfig -p; } 2>/dev/null )"; missing=""; \
	for pair in $(SYSTEM_LIBRARIES); do \
		echo "$$libraries" | grep -q "$${pair%%:*}" || missing="$$missing $${pair##*:}"; done; \
	find /usr/share/fonts /usr/local/share/fonts -name '*.[ot]tf' 2>/dev/null | grep -q . \
		|| missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
		echo "Missing system packages for the PDF report; install them with: apt-get install$$missing"; \
		exit 1; fi

install: system-check $(VENV)/.installed $(CATALOGUES)  ## Create the virtualenv, install pinned dependencies, compile translations.

messages: install  ## Update the French catalogue from the code and templates; translate, then `make install`.
	$(MANAGE) makemessages --locale fr --add-location file --no-obsolete $(I18N_IGNORE)

run: install  ## Set up a local SQLite database with demo data; serve it on :8000 with a task worker.
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	@echo "Open http://127.0.0.1:$(PORT)/ and sign in with an account above."
	@# The worker runs queued background work (emails, large imports and exports) beside the
	@# server, and stops with it.
	$(MANAGE) db_worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install  ## Run the whole test suite (SQLite unless DATABASE_URL is set).
	$(BIN)/pytest

# The README's screenshots, retaken in Chromium from the demo data (tests/e2e/test_screenshots.py).
screenshots: install  ## Retake the screenshots in docs/img/ (needs Debian's chromium).
	README_SCREENSHOTS=docs/img REQUIRE_BROWSER=1 $(BIN)/pytest tests/e2e/test_screenshots.py

lint: install  ## Ruff (lint and format) and the import layers (lint-imports).
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	$(MANAGE) makemigrations --check --dry-run

check: lint migrations-check
	$(MANAGE) check

# As in production (gunicorn, whitenoise serving hashed static files, DEBUG off) against the
# configured database, but over plain HTTP on 127.0.0.1: for this target only, the HTTPS
# redirect, HSTS and Secure-only cookies are switched off, a throwaway SECRET_KEY is made
# up if neither the environment nor .env sets one, and emails link to this address.
# Production runs gunicorn behind a TLS proxy with none of these (docs/deploy.md).
serve: install  ## Serve as in production on http://127.0.0.1:$(PORT)/ (gunicorn, DEBUG off).
	@export DEBUG=off SECURE_SSL_REDIRECT=off SECURE_HSTS_SECONDS=0 SECURE_COOKIES=off; \
	if [ -z "$$ALLOWED_HOSTS" ] && ! grep -qs '^ALLOWED_HOSTS=.' .env; then \
		export ALLOWED_HOSTS=127.0.0.1,localhost; fi; \
	if [ -z "$$SITE_URL" ] && ! grep -qs '^SITE_URL=.' .env; then \
		export SITE_URL=http://127.0.0.1:$(PORT); fi; \
	if [ -z "$$SECRET_KEY" ] && ! grep -qs '^SECRET_KEY=.' .env; then \
		echo "make serve: no SECRET_KEY set, using a throwaway one (sign-ins end when it stops)."; \
		export SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
	fi; \
	echo "make serve: DEBUG off over plain HTTP: no HTTPS redirect, HSTS or Secure cookies."; \
	$(MANAGE) collectstatic --no-input --verbosity 0 && \
	$(MANAGE) migrate --no-input --verbosity 0 && \
	{ $(MANAGE) db_worker --queue-name '*' & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/gunicorn strategy_tracker.wsgi --bind 127.0.0.1:$(PORT) \
		--workers $(WORKERS) --threads $(THREADS) --access-logfile -; }

backup: install  ## Write the whole database to a timestamped file in backups/.
	$(MANAGE) backup

restore: install  ## Replace the whole database with FILE=backups/…json.gz (FORCE=1 if it has data).
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/strategy-tracker-….json.gz [FORCE=1]"; exit 2; }
	$(MANAGE) migrate --no-input --verbosity 0
	$(MANAGE) restore "$(FILE)" $(if $(FORCE),--force)

# The dashboard benchmark adds 100,000 synthetic evidence items: it runs on a database of
# its own, never the one in DATABASE_URL (docs/performance.md). For PostgreSQL, create one
# and pass e.g. BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/st_bench.
BENCH_DATABASE_URL ?= sqlite:////tmp/strategy-tracker-bench.sqlite3
bench: install  ## Measure the dashboard at 1,000, 10,000 and 100,000 items (BENCH_DATABASE_URL).
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) migrate --no-input --verbosity 0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) load_strategy
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) bench_dashboard $(BENCH_ARGS)

# The read pages over real HTTP (gunicorn, DEBUG off) at growing evidence counts, each beside
# the plain SQL it needs (docs/performance.md). PostgreSQL is what the targets are set on:
# BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/st_bench make bench-pages
# BENCH_ARGS="--sizes 10000 100000 1000000" adds the million (its generation takes minutes).
bench-pages: install  ## Measure the read pages over HTTP at 10,000 and 100,000 items (BENCH_DATABASE_URL).
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) migrate --no-input --verbosity 0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) load_strategy
	DEBUG=off ALLOWED_HOSTS=127.0.0.1 SECRET_KEY=bench-only-not-secret-$$$$ $(MANAGE) collectstatic --no-input --verbosity 0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) bench_pages $(BENCH_ARGS)

# The read API benchmark (docs/performance.md, "Read API"): pages of 100 evidence items at the
# first and last page, and the roll-up endpoint against the dashboard page, on the same kind
# of database of its own as `make bench` (it can share that one).
bench-api: install  ## Measure the read API at 1,000, 10,000 and 100,000 items (BENCH_DATABASE_URL).
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) migrate --no-input --verbosity 0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) load_strategy
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) bench_api $(BENCH_ARGS)

# The notifications benchmark (docs/performance.md): request times with notifications on and
# muted, and a daily digest run for 500 people and 10,000 events, sent through the task worker
# to an SMTP server on 127.0.0.1. It starts from an empty database of its own each time.
BENCH_NOTIFICATIONS_DATABASE_URL ?= sqlite:////tmp/strategy-tracker-bench-notifications.sqlite3
bench-notifications: install  ## Measure what notifications cost a request, and a digest run at volume.
	@case "$(BENCH_NOTIFICATIONS_DATABASE_URL)" in sqlite:///*) \
		rm -f "$$(echo '$(BENCH_NOTIFICATIONS_DATABASE_URL)' | sed 's|^sqlite://||')";; esac
	DATABASE_URL=$(BENCH_NOTIFICATIONS_DATABASE_URL) $(MANAGE) migrate --no-input --verbosity 0
	DATABASE_URL=$(BENCH_NOTIFICATIONS_DATABASE_URL) $(MANAGE) load_strategy
	DATABASE_URL=$(BENCH_NOTIFICATIONS_DATABASE_URL) $(MANAGE) bench_notifications $(BENCH_ARGS)

# The import benchmark (docs/performance.md): a 5,000-row workbook previewed, imported,
# previewed again and undone as country staff, on an empty database of its own each time.
BENCH_IMPORTS_DATABASE_URL ?= sqlite:////tmp/strategy-tracker-bench-imports.sqlite3
bench-imports: install  ## Measure previewing, importing and undoing a 5,000-row workbook.
	@case "$(BENCH_IMPORTS_DATABASE_URL)" in sqlite:///*) \
		rm -f "$$(echo '$(BENCH_IMPORTS_DATABASE_URL)' | sed 's|^sqlite://||')";; esac
	DATABASE_URL=$(BENCH_IMPORTS_DATABASE_URL) $(MANAGE) migrate --no-input --verbosity 0
	DATABASE_URL=$(BENCH_IMPORTS_DATABASE_URL) $(MANAGE) load_strategy
	DATABASE_URL=$(BENCH_IMPORTS_DATABASE_URL) $(MANAGE) bench_imports $(BENCH_ARGS)

# The report benchmark (docs/performance.md, "Report"): the PDF of the demo data, then with
# 100,000 synthetic evidence items added, on a database of its own made afresh each time.
BENCH_REPORT_DATABASE_URL ?= sqlite:////tmp/strategy-tracker-bench-report.sqlite3
bench-report: install  ## Measure the report's PDF with the demo data and at 100,000 items.
	@case "$(BENCH_REPORT_DATABASE_URL)" in sqlite:///*) \
		rm -f "$$(echo '$(BENCH_REPORT_DATABASE_URL)' | sed 's|^sqlite://||')";; esac
	DATABASE_URL=$(BENCH_REPORT_DATABASE_URL) $(MANAGE) migrate --no-input --verbosity 0
	DATABASE_URL=$(BENCH_REPORT_DATABASE_URL) DEBUG=on $(MANAGE) seed_demo > /dev/null
	DATABASE_URL=$(BENCH_REPORT_DATABASE_URL) $(MANAGE) bench_report --force $(BENCH_ARGS)

# The load test (docs/performance.md): 50 signed-in users for 60 s against `make serve` on a
# PostgreSQL database of its own (LOAD_DATABASE_URL) with 100,000 evidence items. Locust runs
# from a virtualenv of its own, never the app's. Not part of `make test` or CI: it takes
# minutes and needs a quiet machine. LOADTEST_TIMEOUT bounds the whole run.
LOAD_VENV := .venv-load
LOADTEST_TIMEOUT ?= 15m

$(LOAD_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/pip install --quiet ".[load]"
	touch $@

loadtest: install $(LOAD_VENV)/.installed  ## Load test against make serve (LOAD_DATABASE_URL).
	timeout --kill-after=30 $(LOADTEST_TIMEOUT) bash loadtest/run.sh
