#!/usr/bin/env bash
# The whole suite on SQLite, then again on PostgreSQL when TEST_DATABASE_URL is set.
set -uo pipefail
cd "$(dirname "$0")/.."
echo "== Lint: ruff, and the layers (import-linter) =="
.venv/bin/ruff check . || exit 1
layers=$(.venv/bin/lint-imports --no-cache 2>&1) || { echo "$layers"; exit 1; }
echo "== Test suite on SQLite =="
.venv/bin/python -m pytest -q "$@"
sqlite_rc=$?
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== Test suite on PostgreSQL (${TEST_DATABASE_URL}) =="
  NAFIDA_TEST_DATABASE_URL="$TEST_DATABASE_URL" .venv/bin/python -m pytest -q "$@"
  pg_rc=$?
else
  echo "== PostgreSQL pass NOT RUN: set TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test) to run it =="
  pg_rc=0
fi
[ "$sqlite_rc" = 0 ] && [ "$pg_rc" = 0 ]
