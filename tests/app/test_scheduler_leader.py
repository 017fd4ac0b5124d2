"""Scheduler high availability: one process holds the leader lock and works, another waits and
takes over when the first dies (PostgreSQL advisory lock; a file lock beside a SQLite database)."""
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from app.extensions import db
from app.leadership import LeaderLock
from config import BASE_DIR

LEADER = "scheduler: leader"
WAITING = "waiting to take over"


def test_one_lock_holder_at_a_time(app):
    with app.app_context():
        first, second = LeaderLock(db.engine), LeaderLock(db.engine)
        try:
            assert first.acquire() and first.holds()
            assert not second.acquire() and not second.holds()
            first.release()
            assert second.acquire() and second.holds()
            assert not first.acquire()
        finally:
            first.release()
            second.release()


@pytest.mark.postgres_only
def test_a_leader_whose_connection_died_knows_it_lost_the_lock(app):
    with app.app_context():
        lock, other = LeaderLock(db.engine), LeaderLock(db.engine)
        try:
            assert lock.acquire()
            pid = lock._conn.execute(text("SELECT pg_backend_pid()")).scalar()
            lock._conn.commit()
            with db.engine.connect() as admin:
                admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            assert not lock.holds()
            assert other.acquire()                      # the server released it with the session
        finally:
            lock.release()
            other.release()


class Scheduler:
    """A ``flask scheduler run`` process whose output lines are read in the background."""

    def __init__(self, app, tmp_path: Path, name: str):
        env = {**os.environ, "FLASK_APP": "wsgi", "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
               "NAFIDA_INSTANCE": str(tmp_path / name), "MAIL_SERVER": "", "SWEEP_INTERVAL_MINUTES": "60",
               "SCHEDULER_LOCK_POLL_SECONDS": "0.5", "PYTHONUNBUFFERED": "1"}
        flask = Path(sys.executable).with_name("flask")
        self.process = subprocess.Popen([str(flask), "scheduler", "run"], cwd=BASE_DIR, env=env, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.lines: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, text_: str, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            self.seen.append(line)
            if text_ in line:
                return True
        return False

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)


@pytest.mark.slow
def test_the_standby_takes_over_when_the_leader_is_killed(app, tmp_path):
    first = Scheduler(app, tmp_path, "first")
    try:
        assert first.wait_for(LEADER, 60), first.seen
        second = Scheduler(app, tmp_path, "second")
        try:
            assert second.wait_for(WAITING, 60), second.seen
            assert not second.wait_for(LEADER, 2), second.seen        # it waits while the leader lives
            os.kill(first.process.pid, signal.SIGKILL)                 # kill -9: no clean-up at all
            first.process.wait(timeout=30)
            started = time.monotonic()
            assert second.wait_for(LEADER, 30), second.seen
            assert time.monotonic() - started < 30
            assert second.process.poll() is None
        finally:
            second.stop()
    finally:
        first.stop()
