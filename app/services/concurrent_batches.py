"""A bulk job's batches written on several database connections at once (PostgreSQL).

A holiday recompute writes tens of thousands of rows; on PostgreSQL most of that time
is the server's (index entries, foreign-key checks, WAL), one backend per connection.
Handing the batches to ``WORKERS`` threads, each with its own application context and
so its own session and connection, keeps that many backends busy. The batches must be
independent units of work that lock what they share in one order (the recompute locks
its cases in id order), so two of them can only wait for each other, never deadlock.

SQLite has one writer at a time: its batches run one after the other in the caller's
session, as does a job of a single batch.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

from flask import current_app

from app.extensions import db
from app.services.derived_commits import asynchronous_commits

WORKERS = 2


def concurrent(batches: list) -> bool:
    """True when ``batches`` are worth spreading over connections (PostgreSQL, more than one)."""
    return len(batches) > 1 and db.engine.dialect.name == "postgresql"


def committed_each(batches: list, work: Callable, workers: int | None = None) -> Iterator:
    """``work(batch)`` for every batch, each committed in a session of its own, ``workers`` at a time.

    ``workers`` defaults to ``WORKERS``. Yields the results in the batches' order as they
    complete. Each batch's transactions commit without waiting for the disk
    (``derived_commits``: the job is idempotent). An exception raised by a batch is raised
    here; the batches already committed stay so.
    """
    app = current_app._get_current_object()

    def run(batch):
        with app.app_context():
            try:
                with asynchronous_commits():
                    result = work(batch)
                    db.session.commit()
                return result
            finally:
                db.session.remove()

    with ThreadPoolExecutor(max_workers=workers or WORKERS, thread_name_prefix="batch") as pool:
        yield from pool.map(run, batches)
