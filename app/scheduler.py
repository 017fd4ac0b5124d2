"""The scheduler process: APScheduler 3 running the deadline sweep (and the public statistics) on intervals.

Built and started only by ``flask scheduler run`` (one process per deployment),
never by ``create_app``. The job runs once at start, which catches up the passes
missed while the process was down (the sweep computes everything from dates),
then every ``SWEEP_INTERVAL_MINUTES``. ``coalesce`` and ``max_instances=1`` make a
late or slow pass run once, never twice in parallel in this process; a second
process or a manual ``flask deadlines sweep`` is safe too (the sweep is idempotent).
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone

from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

log = logging.getLogger(__name__)

JOB_ID = "deadline-sweep"
STATISTICS_JOB_ID = "public-statistics"


def build_scheduler(app: Flask) -> BlockingScheduler:
    """A BlockingScheduler (UTC) with the sweep job, its first run due at once."""
    minutes = int(app.config.get("SWEEP_INTERVAL_MINUTES", 15))
    scheduler = BlockingScheduler(timezone=timezone.utc)
    scheduler.add_job(run_sweep, "interval", args=[app], minutes=minutes, id=JOB_ID,
                      name="deadline sweep", next_run_time=datetime.now(timezone.utc),
                      coalesce=True, max_instances=1, misfire_grace_time=minutes * 60)
    every = int(app.config.get("PUBLIC_STATISTICS_REFRESH_MINUTES", 360))
    scheduler.add_job(refresh_statistics, "interval", args=[app], minutes=every, id=STATISTICS_JOB_ID,
                      name="public statistics", next_run_time=datetime.now(timezone.utc),
                      coalesce=True, max_instances=1, misfire_grace_time=every * 60)
    return scheduler


def run_sweep(app: Flask):
    """One sweep inside a fresh app context; errors are logged, never raised to the scheduler."""
    from app.services import deadlines

    with app.app_context():
        try:
            return deadlines.sweep()
        except Exception:
            log.exception("deadline sweep failed; the next pass retries")
            return None


def refresh_statistics(app: Flask):
    """The portal's statistics snapshot, recomputed in a fresh app context; errors are logged."""
    from app.services.statistics import public

    with app.app_context():
        try:
            return public.refresh()
        except Exception:
            log.exception("public statistics refresh failed; the next run retries")
            return None
