"""Commits that need not wait for the disk: the sweep's and the recompute's, on PostgreSQL.

What the deadline sweep and a holiday recompute write is derived from dates and the
holiday table, and each is idempotent: a pass or a job run again writes what is still
missing and nothing twice. So their transactions may use PostgreSQL's
``synchronous_commit = off``: a commit returns before its WAL record reaches the disk.
A crash of the database server can then lose the last fraction of a second of commits
(never corrupt anything, and never lose what a web request wrote); the next pass or the
taken-over job redoes them. Each pass commits hundreds of small units of work (one per
deemed refusal, art. 19), so waiting for the disk at each one is most of its time.

``SET LOCAL`` lasts one transaction: it is issued at the start of each transaction of
the session while the block runs, and nowhere else. SQLite is left as it is.
"""
from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from app.extensions import db


@contextmanager
def asynchronous_commits():
    """Within the block, the current session's transactions commit without waiting for the WAL flush."""
    session = db.session()
    if db.engine.dialect.name != "postgresql":
        yield
        return

    def relax(session, transaction, connection):
        connection.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")

    event.listen(session, "after_begin", relax)
    try:
        yield
    finally:
        event.remove(session, "after_begin", relax)
