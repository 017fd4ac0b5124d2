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
from datetime import datetime, timedelta, timezone

from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

log = logging.getLogger(__name__)

JOB_ID = "deadline-sweep"
RETENTION_JOB_ID = "personal-data-retention"
STATISTICS_JOB_ID = "public-statistics"
PUBLICATION_JOB_ID = "disclosure-publication"


def build_scheduler(app: Flask) -> BlockingScheduler:
    """A BlockingScheduler (UTC) with the sweep job, its first run due at once."""
    minutes = int(app.config.get("SWEEP_INTERVAL_MINUTES", 15))
    scheduler = BlockingScheduler(timezone=timezone.utc)
    scheduler.add_job(run_sweep, "interval", args=[app], minutes=minutes, id=JOB_ID,
                      name="deadline sweep", next_run_time=datetime.now(timezone.utc),
                      coalesce=True, max_instances=1, misfire_grace_time=minutes * 60)
    add_retention_job(scheduler, app)
    every = int(app.config.get("PUBLIC_STATISTICS_REFRESH_MINUTES", 360))
    scheduler.add_job(refresh_statistics, "interval", args=[app], minutes=every, id=STATISTICS_JOB_ID,
                      name="public statistics", next_run_time=datetime.now(timezone.utc),
                      coalesce=True, max_instances=1, misfire_grace_time=every * 60)
    add_publication_job(scheduler, app)
    return scheduler


def add_retention_job(scheduler, app: Flask) -> None:
    """Anonymise, every ``ANONYMISE_INTERVAL_HOURS`` (0: never), the cases past their retention (Law 09-08).

    The first pass runs an hour after start, not at once: an operator starting the
    scheduler on a new version has time to read ``flask privacy anonymise --dry-run``.
    """
    hours = int(app.config.get("ANONYMISE_INTERVAL_HOURS", 24))
    if hours <= 0:
        return
    scheduler.add_job(run_retention, "interval", args=[app], hours=hours, id=RETENTION_JOB_ID,
                      name="personal data retention", next_run_time=datetime.now(timezone.utc) + timedelta(hours=1),
                      coalesce=True, max_instances=1, misfire_grace_time=hours * 3600)


def run_retention(app: Flask):
    """One retention pass inside a fresh app context: the report is logged, then the cases anonymised."""
    from app.services import privacy
    from app.services.calendar import utc_now

    with app.app_context():
        try:
            now = utc_now()
            planned = privacy.report(now)
            log.info("retention: %d case(s) closed before %s to anonymise", planned.count, planned.cutoff)
            return privacy.anonymise_due(now) if planned.count else planned
        except Exception:
            log.exception("retention pass failed; the next pass retries")
            return None


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


def add_publication_job(scheduler, app: Flask) -> None:
    """Publish the answers due on the disclosure log (art. 10) at start and every
    ``DISCLOSURE_PUBLISH_INTERVAL_MINUTES`` (the pass is idempotent: a missed one is caught up)."""
    minutes = int(app.config.get("DISCLOSURE_PUBLISH_INTERVAL_MINUTES", 60))
    scheduler.add_job(run_publication, "interval", args=[app], minutes=minutes, id=PUBLICATION_JOB_ID,
                      name="disclosure log publication", next_run_time=datetime.now(timezone.utc),
                      coalesce=True, max_instances=1, misfire_grace_time=minutes * 60)


def run_publication(app: Flask):
    """One publication pass inside a fresh app context; errors are logged, never raised to the scheduler."""
    from app.services import publication

    with app.app_context():
        try:
            done = publication.publish_due()
            if done.published or done.held:
                log.info("disclosure log: %d published, %d held for review", len(done.published), len(done.held))
            return done
        except Exception:
            log.exception("disclosure log publication failed; the next pass retries")
            return None
