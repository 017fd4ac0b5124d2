"""Which scheduler process works: the one holding the leader lock; the others wait.

PostgreSQL: a session-level advisory lock held on a connection of its own. If the
leader dies (even ``kill -9``) its connection closes, the server releases the lock,
and a waiting process takes it within ``SCHEDULER_LOCK_POLL_SECONDS``.

SQLite: an exclusive ``flock`` on a file beside the database; the kernel releases it
when the process dies. SQLite serves one machine, so this only stops a second
scheduler started by mistake on the same database.
"""
from __future__ import annotations

import fcntl
import logging
from pathlib import Path

from sqlalchemy import text

log = logging.getLogger(__name__)

# pg_advisory_lock key: "nafida" + 1, as a signed 64-bit integer.
ADVISORY_KEY = 0x6E6166696461_0001


class LeaderLock:
    """The leader lock of one engine; ``acquire`` without waiting, ``holds`` to re-check, ``release``."""

    def __init__(self, engine):
        self.engine = engine
        self._conn = None
        self._file = None

    def acquire(self) -> bool:
        """Take the lock if it is free; True when this process now leads."""
        if self.engine.dialect.name == "postgresql":
            return self._acquire_advisory()
        return self._acquire_file()

    def holds(self) -> bool:
        """True while this process still holds the lock (PostgreSQL: its connection is alive and owns it)."""
        if self._file is not None:
            return True
        if self._conn is None:
            return False
        try:
            owned = self._conn.execute(text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() "
                "AND granted AND ((classid::bigint << 32) | objid::bigint) = :key"), {"key": ADVISORY_KEY}).scalar()
            self._conn.commit()
            return bool(owned)
        except Exception:
            log.exception("the leader lock's connection failed")
            self.release()
            return False

    def release(self) -> None:
        """Give the lock up: the lock's own connection is closed for good (not returned to the
        pool, where its session would keep the lock), or the file is closed."""
        if self._conn is not None:
            try:
                self._conn.invalidate()
                self._conn.close()
            except Exception:
                log.warning("closing the leader lock's connection failed", exc_info=True)
            self._conn = None
        if self._file is not None:
            self._file.close()
            self._file = None

    def _acquire_advisory(self) -> bool:
        conn = self.engine.connect()
        try:
            won = conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}).scalar()
            conn.commit()
        except Exception:
            conn.close()
            raise
        if won:
            self._conn = conn
        else:
            conn.close()      # it holds nothing: back to the pool
        return bool(won)

    def _acquire_file(self) -> bool:
        handle = open(lock_path(self.engine), "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._file = handle
        return True


def lock_path(engine) -> Path:
    """The lock file of a SQLite database: ``<database file>.scheduler.lock``."""
    database = engine.url.database or "memory"
    return Path(f"{database}.scheduler.lock")
