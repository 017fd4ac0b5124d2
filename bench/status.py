"""Requests per second of the status lookup next to a bare endpoint, same app, same gunicorn.

Run by hand:  .venv/bin/python bench/status.py [--requests 2000] [--status-requests 1000] [--threads 8] [--workers 2]

1. Builds a throwaway SQLite database in a temporary folder and loads the demo
   data into it (``app.seed.loader.load_demo``: a score of cases with known access codes).
2. Serves it with gunicorn on a loopback port: sync workers (``--workers``, default 2,
   as ``make run``), the app from ``bench_app()`` below — Nafida's ``create_app`` plus
   a bench-only blueprint with one bare endpoint, ``GET /bench/bare`` (plain "ok",
   no database, no template). The product's own routes are untouched.
3. Sends a fixed number of requests to each endpoint from a bounded pool of
   threads over ``http.client`` (keep-alive when the server allows it; gunicorn's
   sync workers close each connection, so the client reconnects), loopback only:
   ``GET /bench/bare`` and ``GET /api/v1/status/<reference>`` with ``X-Access-Code``.

The status lookup deliberately checks the access code against its salted hash
(werkzeug's ``generate_password_hash`` with ``ACCESS_CODE_HASH_METHOD``) on every
request, so a guessed code costs the guesser too; the script prints one check's cost.
"""
from __future__ import annotations

import argparse
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE_PATH = "/bench/bare"


def bench_app():
    """Gunicorn entry point: Nafida on the database named by NAFIDA_BENCH_DB, plus /bench/bare."""
    from flask import Blueprint

    from app import create_app
    from config import Config

    class BenchConfig(Config):
        SQLALCHEMY_DATABASE_URI = os.environ["NAFIDA_BENCH_DB"]
        INSTANCE_DIR = Path(os.environ["NAFIDA_BENCH_DIR"])
        MAIL_OUTBOX_DIR = INSTANCE_DIR / "outbox"
        RATELIMIT_ENABLED = False  # one client address sends every request: measure the lookup, not the limiter

    app = create_app(BenchConfig)
    bare = Blueprint("bench_bare", __name__)
    bare.add_url_rule(BARE_PATH, "bare", lambda: ("ok", 200, {"Content-Type": "text/plain"}))
    app.register_blueprint(bare)
    return app


def prepare_database() -> list[tuple[str, str]]:
    """Create the schema, load the demo; returns (reference, access code) pairs."""
    from app.extensions import db
    from app.seed.loader import load_demo

    app = bench_app()
    with app.app_context():
        db.create_all()
        report = load_demo()
        return [(c.reference, c.access_code) for c in report.cases]


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, workers: int, env: dict) -> subprocess.Popen:
    """Start gunicorn on 127.0.0.1:``port`` and wait until it answers."""
    command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
               "--pythonpath", str(ROOT / "bench"), "--chdir", str(ROOT), "--log-level", "warning",
               "status:bench_app()"]
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def worker(port: int, jobs: list[tuple[str, dict]], errors: list[int]) -> None:
    """Send ``jobs`` (path, headers) in order over one connection, reconnecting when closed."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for path, headers in jobs:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            errors.append(response.status)
        if response.will_close:
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.close()


def measure(port: int, jobs: list[tuple[str, dict]], threads: int) -> tuple[float, int]:
    """Requests per second for ``jobs`` split over ``threads``; and the count of non-200 answers."""
    errors: list[int] = []
    shares = [jobs[i::threads] for i in range(threads)]
    pool = [threading.Thread(target=worker, args=(port, share, errors)) for share in shares]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return len(jobs) / (time.perf_counter() - started), len(errors)


def hash_profile(rounds: int = 5) -> tuple[str, float]:
    """The access-code hash method in force and the milliseconds of one check, in this process."""
    from app.services.references import access_code_matches, hash_access_code

    with bench_app().app_context():
        stored = hash_access_code("BENCHCODE1")
        started = time.perf_counter()
        for _ in range(rounds):
            access_code_matches(stored, "BENCHCODE1")
    method = stored.split("$", 1)[0]
    return method, (time.perf_counter() - started) * 1000 / rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests to the bare endpoint")
    parser.add_argument("--status-requests", type=int, default=1000, help="requests to the status lookup")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nafida-bench-status-") as tmp:
        env = dict(os.environ, NAFIDA_BENCH_DB=f"sqlite:///{tmp}/status.db", NAFIDA_BENCH_DIR=tmp)
        os.environ.update(env)
        cases = prepare_database()
        port = free_port()
        server = start_gunicorn(port, args.workers, env)
        try:
            bare = [(BARE_PATH, {})] * args.requests
            status = [(f"/api/v1/status/{ref}", {"X-Access-Code": code})
                      for ref, code in (cases * (args.status_requests // len(cases) + 1))[:args.status_requests]]
            measure(port, bare[:50] + status[:20], args.threads)   # warm-up: imports, connections
            print(f"Status lookup benchmark: gunicorn {args.workers} sync worker(s) on 127.0.0.1:{port}, "
                  f"SQLite, {len(cases)} demo cases; {len(bare)} + {len(status)} requests, "
                  f"{args.threads} client threads (http.client), {os.cpu_count()} CPU(s) shared with the client")
            for name, jobs in (("bare endpoint GET /bench/bare", bare),
                               ("status lookup GET /api/v1/status/<ref> + X-Access-Code", status)):
                rate, failed = measure(port, jobs, args.threads)
                print(f"  {name:<58} {rate:8.1f} requests/s  ({failed} non-200)")
            method, check_ms = hash_profile()
            print(f"  each lookup checks the access code against its salted hash ({method}): "
                  f"{check_ms:.1f} ms per check in one process, measured now")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
