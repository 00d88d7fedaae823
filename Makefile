# Two commands: `make run` (set up everything, serve the demo) and `make test` (the suite).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1:8000
# Two workers by default: the machines here have two cores.
PYTEST_WORKERS ?= 2

.PHONY: install run demo test lint lock messages clean backup restore

# The versions (with hashes) come from the lock files; pyproject.toml says what we depend on.
$(STAMP): pyproject.toml requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements-dev.lock
	@if command -v npm >/dev/null 2>&1; then npm install --silent --no-audit --no-fund || true; fi
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo

run: demo
	@echo "Säkerhetsportalen körs på http://$(HOST)/  (avsluta med Ctrl+C)"
	$(PY) manage.py runserver $(HOST)

test: install
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup -p no:cacheprovider $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# After a change to the dependencies in pyproject.toml: new lock files (pip-tools, with hashes).
lock: install
	$(VENV)/bin/pip install --quiet pip-tools
	$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe -o requirements.lock pyproject.toml
	$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --extra dev -o requirements-dev.lock pyproject.toml

# The database, then the uploaded files, into var/backup/<time>/ (or DIR=...).
backup: install
	$(PY) manage.py backup $(if $(DIR),--till "$(DIR)")

# Into a fresh, empty database (DATABASE_URL) and MEDIA_ROOT: make restore DIR=var/backup/<time>
restore: install
	@test -n "$(DIR)" || { echo "Ange katalogen: make restore DIR=var/backup/<tidpunkt>"; exit 2; }
	$(PY) manage.py restore "$(DIR)"

# Swedish msgids -> locale/en/LC_MESSAGES/django.po (needs gettext); translate, run again, commit the .mo.
messages: install
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) db.sqlite3 var node_modules
