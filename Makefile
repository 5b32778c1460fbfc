# One command runs the portal, one runs the tests; both build .venv when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run serve test lint bench bench-pages messages clean backup restore bench-two bench-two-load

# The settings default to production; these targets ask for development mode.
# (bench sets its own production-like environment in bench/production.py.)
run test messages: export DJANGO_DEBUG = true

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_demo_news
	$(BIN)/python manage.py ensure_local_admin --host http://$(HOST)
	$(BIN)/python manage.py runserver $(HOST)

# The production stack locally: DATABASE_URL (PostgreSQL), REDIS_URL and DJANGO_SECRET_KEY
# from the environment; workers from WEB_CONCURRENCY or DJANGO_WORKERS (default 3).
serve: $(VENV)/.installed
	@test -n "$$DATABASE_URL" -a -n "$$REDIS_URL" || \
		{ echo "make serve needs DATABASE_URL (PostgreSQL) and REDIS_URL"; exit 2; }
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/python manage.py refresh_public_pages
	$(BIN)/python -m gunicorn summit.wsgi --bind $(HOST) \
		--workers $${WEB_CONCURRENCY:-$${DJANGO_WORKERS:-3}} --access-logfile -

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

# After adding UI strings: extract, translate the new entries in locale/zh_Hans, compile.
messages: $(VENV)/.installed-dev
	$(BIN)/python manage.py makemessages -l zh_Hans --ignore=.venv --ignore=tests --ignore=bench
	$(BIN)/python manage.py compilemessages --ignore=.venv

# The production stack (gunicorn, Redis when running) under wrk, at 56 and 2000 talks.
bench: $(VENV)/.installed-dev
	$(BIN)/python bench/load.py $(BENCH_ARGS)

# Two gunicorn servers on one throwaway PostgreSQL and one Redis: edits, sessions, the login
# throttle and uploads hold on both (bench/two_servers.py); bench-two-load loads both.
bench-two: $(VENV)/.installed-dev
	$(BIN)/python bench/two_servers.py

bench-two-load: $(VENV)/.installed-dev
	$(BIN)/python bench/two_servers.py --load $(BENCH_ARGS)

# Each page timed in-process with the test client.
bench-pages: $(VENV)/.installed-dev
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3 media

# The database and the uploaded media in one file; restore into an empty database.
backup: $(VENV)/.installed
	$(BIN)/python manage.py backup $(FILE)

restore: $(VENV)/.installed
	$(BIN)/python manage.py restore $(FILE)
