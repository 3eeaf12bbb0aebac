# Partnerschaftsportal NRW — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in emails use the address the portal runs on (set SITE_URL yourself behind a proxy).
SITE_URL ?= http://$(HOST):$(PORT)

# Test services (PostgreSQL + Redis on this machine; ports and names configurable).
PGHOST ?= 127.0.0.1
PGPORT ?= 5432
PGUSER ?= portal
TEST_DB_NAME ?= portal
TEST_REDIS_DB ?= 15
TEST_ENV = DATABASE_URL=postgres://$(PGUSER)@$(PGHOST):$(PGPORT)/$(TEST_DB_NAME) \
	REDIS_URL=redis://127.0.0.1:6379/$(TEST_REDIS_DB) \
	CELERY_TASK_ALWAYS_EAGER=true \
	EMAIL_URL=memorymail:// \
	CACHE_KEY_PREFIX=test-$(TEST_DB_NAME) \
	PGHOST=$(PGHOST) PGPORT=$(PGPORT) PGUSER=$(PGUSER)
# Test processes (pytest-xdist; tests/xdist_env.py gives each its own Redis database).
TEST_WORKERS ?= 2
PYTEST_ARGS ?=

.PHONY: run test install lint format messages translations-compile clean

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/.installed
	npm ci --no-audit --no-fund

translations-compile: install
	$(BIN)/python manage.py compilemessages --ignore "$(VENV)/*" -v0

## make run: set everything up and start the portal in its embedded default
run: translations-compile
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py migrate --no-input -v0
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py seed_demo
	@echo "Portal: http://$(HOST):$(PORT)/  ·  mail is written to var/mail/"
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py runserver --noreload $(HOST):$(PORT)

## make test: lint, then the whole test suite on PostgreSQL + Redis (+ the embedded smoke test)
test: translations-compile
	PGHOST=$(PGHOST) PGPORT=$(PGPORT) PGUSER=$(PGUSER) scripts/ensure-services.sh
	scripts/ensure-chromium.sh
	scripts/ensure-caddy.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run -v0
	$(TEST_ENV) $(BIN)/python -m pytest -p tests.xdist_env -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint:
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

## make messages: refresh the catalogues (German source strings -> uk, en)
messages: install
	scripts/makemessages.sh

clean:
	rm -rf var staticfiles .pytest_cache
