# RSI Portal. `make demo` and `make test` work on a fresh machine (see README).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo serve test test-fast bench lint audit messages vendor clean check-deploy screenshots

$(STAMP): pyproject.toml package.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	npm install --no-audit --no-fund --silent
	touch $(STAMP)

install: $(STAMP)

# Zero-setup demo: SQLite under var/, Celery tasks in process, e-mail to the console.
demo: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py loaddemo
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

serve: install
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run >/dev/null || \
	  (echo "Model changes without migrations: run manage.py makemigrations"; exit 1)
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: install
	$(BIN)/pytest -m "not e2e and not celery_worker" $(PYTEST_ARGS)

bench: install
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# Style, the import contracts of .importlinter (the layers of docs/architecture.md), and bandit on
# the app code; .bandit-baseline.json holds the findings reviewed as false positives.
APP_CODE := rsi_portal portfolio projects finance governance api gunicorn.conf.py manage.py
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo --no-cache
	$(BIN)/bandit --quiet --recursive $(APP_CODE) --exclude '*/migrations/*' --baseline .bandit-baseline.json

# Known vulnerabilities in the installed packages (pip-audit asks PyPI's advisory data); where
# that cannot be reached (an offline build), it says so and is skipped rather than failing.
audit: install
	@if $(BIN)/python -c "import urllib.request; urllib.request.urlopen('$(AUDIT_PROBE_URL)', timeout=10)" 2>/dev/null; then \
	  $(BIN)/pip-audit --skip-editable --progress-spinner off; \
	else \
	  echo "audit: pip-audit skipped, $(AUDIT_PROBE_URL) cannot be reached from here (no vulnerability data)"; \
	fi
AUDIT_PROBE_URL ?= https://pypi.org/pypi/pip/json

check-deploy: install
	DEBUG=0 SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))') \
	  ALLOWED_HOSTS=rsi.example.dk $(BIN)/python manage.py check --deploy --fail-level WARNING

messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=static/vendor
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

# Refresh the vendored front-end files from the npm registry (never a CDN).
vendor: install
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js
	# Det Fælles Designsystem: its CSS, JS, the IBM Plex Sans fonts and the images its CSS refers to,
	# with the same relative paths, so the stylesheet's url(...)s resolve under /static/vendor/dkfds/.
	rm -rf static/vendor/dkfds && mkdir -p static/vendor/dkfds/css static/vendor/dkfds/js static/vendor/dkfds/fonts/IBMPlexSans/complete
	cp node_modules/dkfds/dist/css/dkfds.min.css static/vendor/dkfds/css/
	cp node_modules/dkfds/dist/js/dkfds.min.js static/vendor/dkfds/js/
	cp -r node_modules/dkfds/dist/fonts/IBMPlexSans/complete/woff2 node_modules/dkfds/dist/fonts/IBMPlexSans/complete/woff \
	  static/vendor/dkfds/fonts/IBMPlexSans/complete/
	cp -r node_modules/dkfds/dist/img static/vendor/dkfds/img
	cp node_modules/dkfds/dist/LICENSE.md static/vendor/dkfds/LICENSE.md
	# Swagger UI for /api/docs/ (the init script is served by the portal, no inline script).
	mkdir -p static/vendor/swagger-ui
	cd node_modules/swagger-ui-dist && cp swagger-ui-bundle.js swagger-ui-standalone-preset.js swagger-ui.css \
	  favicon-32x32.png LICENSE ../../static/vendor/swagger-ui/

# Screenshots of every role's home page and the dashboard at 1366 px into docs/screenshots/: the demo data in
# a throw-away SQLite database, a server on a spare port, Debian's Chromium through Playwright.
SCREENSHOT_PORT ?= 8765
screenshots: install
	rm -f var/screenshots.sqlite3
	export DATABASE_URL=sqlite:///$(CURDIR)/var/screenshots.sqlite3 DEBUG=1; mkdir -p var; \
	  $(BIN)/python manage.py migrate --noinput >/dev/null && $(BIN)/python manage.py loaddemo >/dev/null && \
	  { $(BIN)/python manage.py runserver --noreload 127.0.0.1:$(SCREENSHOT_PORT) >var/screenshots.log 2>&1 & echo $$! >var/screenshots.pid; }; \
	  sleep 4; BASE_URL=http://127.0.0.1:$(SCREENSHOT_PORT) $(BIN)/python docs/screenshots/take.py; status=$$?; \
	  kill $$(cat var/screenshots.pid); rm -f var/screenshots.pid; exit $$status

clean:
	rm -rf $(VENV) node_modules var staticfiles .pytest_cache
