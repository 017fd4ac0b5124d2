# Nafida — two commands: `make run` (app + scheduler on SQLite with demo data), `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core poppler-utils chromium
export FLASK_APP := wsgi

.PHONY: run test bench system venv translations db demo clean

run: system venv translations db demo
	@PORT=$(PORT) scripts/serve.sh

test: system venv translations
	@scripts/test.sh

# Issue 6's figures: `make bench` (1,000,000 cases) or `make bench QUICK=1` (100,000);
# PostgreSQL too when BENCH_DATABASE_URL names a scratch database.
bench: system venv translations
	@$(BIN)/python bench/run.py $(if $(QUICK),--quick)

system:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages: $$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@$(BIN)/pip install -q --upgrade pip >/dev/null
	@$(BIN)/pip install -q -r requirements-dev.txt
	@touch $@

translations: venv
	@$(BIN)/pybabel -q compile -d app/translations

db: venv
	@mkdir -p instance
	@$(BIN)/flask db upgrade

demo: venv
	@$(BIN)/flask demo load

clean:
	rm -rf $(VENV) instance .pytest_cache
