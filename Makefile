# Madoguchi: `make run` serves the desk, `make test` checks everything. Both install what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/madoguchi
APT_PACKAGES := chromium fonts-noto-cjk poppler-utils dovecot-imapd gettext nginx-light openssl systemd logrotate
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install system-deps run serve test lint types templates migrations-check pytest pytest-sqlite pytest-postgres messages bench audit mutation clean

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# System packages for browser tests, PDF checks, the IMAP test server and the deploy-file tests (nginx, systemd-analyze, logrotate; Debian; only as root).
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "missing system packages:$$missing (run as root or install them)"; fi; \
	fi

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0 || true
	$(BIN)/python manage.py setup_desk
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py collectstatic --noinput -v 0
	@echo "Madoguchi: http://127.0.0.1:$(PORT)/staff/  (public site: http://127.0.0.1:$(PORT)/)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production-like stack on loopback: gunicorn + PostgreSQL + WhiteNoise + outbox worker + poller (docs/deployment.md).
serve: install
	./deploy/serve-local.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

types: install
	$(BIN)/mypy madoguchi config

templates: install
	$(BIN)/djlint templates --lint

migrations-check: install
	MADOGUCHI_DATA_DIR=$$(mktemp -d) $(BIN)/python manage.py makemigrations --check --dry-run

pytest-sqlite: install system-deps
	MADOGUCHI_DATA_DIR=$$(mktemp -d) MADOGUCHI_TRIAGE_MODEL_DIR=$(CURDIR)/.cache/triage-models DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -q -n 2 --dist loadfile

# Runs when TEST_POSTGRES_URL (default: the local server) answers; MADOGUCHI_REQUIRE_POSTGRES=1 makes it mandatory.
pytest-postgres: install system-deps
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect(sys.argv[1], dbname=\"postgres\", connect_timeout=3).close()" "$(TEST_POSTGRES_URL)" 2>/dev/null; then \
	  MADOGUCHI_DATA_DIR=$$(mktemp -d) MADOGUCHI_TRIAGE_MODEL_DIR=$(CURDIR)/.cache/triage-models DATABASE_URL="$(TEST_POSTGRES_URL)" DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -q -n 2 --dist loadfile; \
	elif [ "$${MADOGUCHI_REQUIRE_POSTGRES:-0}" = "1" ]; then \
	  echo "PostgreSQL at $(TEST_POSTGRES_URL) is not reachable, and MADOGUCHI_REQUIRE_POSTGRES=1"; exit 1; \
	else echo "PostgreSQL not reachable at $(TEST_POSTGRES_URL): PostgreSQL run skipped"; fi

pytest: pytest-sqlite pytest-postgres

test: lint types templates migrations-check pytest

# Mutation run on the safeguards (roles, workflow, access, versioning, the services' permission checks); minutes,
# so not part of `make test`. Figures: docs/mutation.md.
mutation: install
	$(BIN)/python scripts/mutation.py
	$(BIN)/python scripts/mutation.py --experiment

messages: install
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=var
	$(BIN)/python manage.py compilemessages --ignore=.venv

# Dependency audit against the PyPI/OSV advisories (needs network: a CI step, see docs/security.md).
audit: install
	$(BIN)/pip-audit --requirement constraints.txt --no-deps --disable-pip --strict --progress-spinner off

clean:
	rm -rf $(VENV) var
