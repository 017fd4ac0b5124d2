"""The benchmark's web side: Nafida under gunicorn on loopback, with one baseline endpoint, and a client.

``bench_app()`` is Nafida's ``create_app`` on the database named by ``NAFIDA_BENCH_DB``
plus a bench-only blueprint: ``GET /bench/baseline/<reference>`` — the minimal lookup
of the issue's table (one indexed SELECT and a small template). Rate limits are off
(one client address sends everything). The product's routes are untouched.
"""
from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "/bench/baseline/"


def bench_config(url: str, workdir: Path):
    """A Config class for the benchmark on ``url`` (outbox and instance in ``workdir``)."""
    from config import Config, database_url

    class BenchConfig(Config):
        SQLALCHEMY_DATABASE_URI = database_url(url)
        INSTANCE_DIR = workdir
        MAIL_SERVER = None
        MAIL_OUTBOX_DIR = workdir / "outbox"
        RATELIMIT_ENABLED = False
        ACCESS_CODE_KEYS = "bench-access-code-key-0123456789abcdef"
    return BenchConfig


def bench_app():
    """Gunicorn entry point: Nafida plus ``/bench/baseline/<reference>``."""
    from flask import Blueprint, render_template_string
    from sqlalchemy import select

    from app import create_app
    from app.extensions import db
    from app.models.case import Case

    app = create_app(bench_config(os.environ["NAFIDA_BENCH_DB"], Path(os.environ["NAFIDA_BENCH_DIR"])))
    bare = Blueprint("bench_baseline", __name__)

    @bare.get(BASELINE + "<reference>")
    def baseline(reference):
        row = db.session.execute(select(Case.id, Case.state).where(Case.reference == reference)).first()
        return render_template_string("<p>{{ reference }}: {{ state }}</p>", reference=reference,
                                      state=row.state if row else "-")

    app.register_blueprint(bare)
    return app


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving ``bench_app()`` on a loopback port; a context manager."""

    def __init__(self, url: str, workdir: Path, workers: int, timeout: int = 120):
        self.port, self.workers = free_port(), workers
        self.env = dict(os.environ, NAFIDA_BENCH_DB=url, NAFIDA_BENCH_DIR=str(workdir), PYTHONPATH=str(ROOT))
        self.command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "--workers", str(workers),
                        "--bind", f"127.0.0.1:{self.port}", "--pythonpath", str(ROOT / "bench"),
                        "--chdir", str(ROOT), "--log-level", "error", "--timeout", str(timeout),
                        "--error-logfile", str(workdir / "gunicorn.log"),
                        "server:bench_app()"]

    def __enter__(self) -> Server:
        self.process = subprocess.Popen(self.command, env=self.env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.2)
        self.process.kill()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def call(port: int, method: str, path: str, headers: dict | None = None, body: dict | None = None,
         timeout: float = 120) -> tuple[int, float]:
    """One request on a new connection: (status, seconds); status 0 on a network error or time-out."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        payload = json.dumps(body).encode() if body is not None else None
        all_headers = dict(headers or {}, **({"Content-Type": "application/json"} if payload else {}))
        conn.request(method, path, body=payload, headers=all_headers)
        response = conn.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    except (OSError, http.client.HTTPException):
        return 0, time.perf_counter() - started
    finally:
        conn.close()


def load(port: int, jobs: list[tuple], threads: int) -> tuple[float, list[int]]:
    """Send ``jobs`` ((method, path, headers, body) each) from ``threads`` threads; (requests/s, statuses)."""
    statuses: list[int] = []
    lock = threading.Lock()
    shares = [jobs[i::threads] for i in range(threads)]

    def work(share):
        for method, path, headers, body in share:
            status, _ = call(port, method, path, headers, body)
            with lock:
                statuses.append(status)

    pool = [threading.Thread(target=work, args=(share,)) for share in shares]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return len(jobs) / (time.perf_counter() - started), statuses
