#!/usr/bin/env bash
# Serve the web app (gunicorn) and the deadline scheduler side by side; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-5000}"
.venv/bin/flask scheduler run &
SCHEDULER=$!
stop_scheduler() { kill "$SCHEDULER" 2>/dev/null || true; wait "$SCHEDULER" 2>/dev/null || true; }
trap stop_scheduler EXIT
trap 'exit 0' INT TERM   # Ctrl-C is the normal way to stop: not an error
echo "Nafida: http://127.0.0.1:${PORT}/  (staff: http://127.0.0.1:${PORT}/staff/login) — Ctrl-C stops web and scheduler"
.venv/bin/gunicorn --workers 2 --bind "127.0.0.1:${PORT}" --access-logfile - wsgi:app
