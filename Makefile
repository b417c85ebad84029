# Candor: `make run` to try it, `make test` to check it. Everything sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM_STAMP := var/.system-packages
# Debian packages WeasyPrint and the PDF fonts need (Latin, Cyrillic, accents, CJK).
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-core fonts-noto-cjk poppler-utils

.PHONY: run serve test lint bench system migrate clean check-deploy

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# Installs the Debian packages above when any is missing and we may (root or sudo).
system: $(SYSTEM_STAMP)
$(SYSTEM_STAMP):
	@mkdir -p var
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO=sudo; else SUDO=none; fi; \
		if [ "$$SUDO" = none ]; then echo "Please install: $$missing"; \
		else echo "Installing $$missing"; $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; fi; \
	fi
	@touch $(SYSTEM_STAMP)

migrate: $(STAMP)
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput

# `make run` is for trying Candor on a laptop: debug on, the development key, SQLite under var/.
run: system $(STAMP)
	@mkdir -p var
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_demo
	@echo "Candor is at http://127.0.0.1:8000 (sign in with a demo account above)"
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

serve: system $(STAMP) migrate
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/gunicorn config.wsgi --bind $${BIND:-127.0.0.1:8000} --workers $${WORKERS:-3} --access-logfile -

# mypy reads its files and strictness from pyproject.toml (strict on textkit/), lint-imports its
# contracts (textkit imports no Django and none of the apps).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: system lint
	CANDOR_TESTING=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

bench: system $(STAMP)
	@mkdir -p var
	CANDOR_TESTING=1 $(BIN)/python bench/run.py $(BENCH)

check-deploy: $(STAMP)
	DJANGO_SECRET_KEY=$$(openssl rand -hex 32) DJANGO_ALLOWED_HOSTS=candor.example.com \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var staticfiles
