"""The scheduler process: the deadline sweep, e-mail delivery, holiday recomputes and the other jobs, on intervals.

Started only by ``flask scheduler run``, never by ``create_app``. Several such
processes may run (high availability): the one that holds the leader lock
(``app.leadership``: a PostgreSQL advisory lock, or a file lock beside a SQLite
database) works, the others wait and take over when it dies. The leader runs
APScheduler 3 with one worker thread, so its jobs never overlap:

- the sweep, at start (catching up missed passes: it computes everything from
  dates) and every ``SWEEP_INTERVAL_MINUTES``; pending recomputes run first, so no
  deemed refusal fires on a deadline the holiday table has just moved;
- e-mail delivery, every ``MAIL_DELIVERY_SECONDS`` (the web never sends e-mail);
- holiday-table recomputes, looked for every ``RECOMPUTE_POLL_SECONDS``;
- a check that it still holds the leader lock (else it stops and waits again);
- personal-data retention (Law 09-08), the portal's statistics snapshot and the
  disclosure log's publication pass (art. 10), each on its own interval.

``coalesce`` and ``max_instances=1`` make a late or slow job run once. A manual
``flask deadlines sweep`` beside it is safe too (the sweep is idempotent).
"""
from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta, timezone

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from app.leadership import LeaderLock

log = logging.getLogger(__name__)

JOB_ID = "deadline-sweep"
RETENTION_JOB_ID = "personal-data-retention"
STATISTICS_JOB_ID = "public-statistics"
PUBLICATION_JOB_ID = "disclosure-publication"


def build_scheduler(app: Flask, lock: LeaderLock | None = None) -> BlockingScheduler:
    """A BlockingScheduler (UTC, one worker thread) with the jobs above, each first due at once."""
    config, now = app.config, datetime.now(timezone.utc)
    scheduler = BlockingScheduler(timezone=timezone.utc, executors={"default": ThreadPoolExecutor(1)})
    once = {"coalesce": True, "max_instances": 1}
    minutes = int(config.get("SWEEP_INTERVAL_MINUTES", 15))
    scheduler.add_job(run_sweep, "interval", args=[app], minutes=minutes, id=JOB_ID, name="deadline sweep",
                      next_run_time=now, misfire_grace_time=minutes * 60, **once)
    seconds = int(config.get("MAIL_DELIVERY_SECONDS", 60))
    scheduler.add_job(run_delivery, "interval", args=[app], seconds=seconds, id="email-delivery",
                      name="e-mail delivery", next_run_time=now, misfire_grace_time=seconds, **once)
    seconds = int(config.get("RECOMPUTE_POLL_SECONDS", 10))
    scheduler.add_job(run_recomputes, "interval", args=[app], seconds=seconds, id="holiday-recompute",
                      name="holiday recompute", next_run_time=now, misfire_grace_time=seconds, **once)
    add_retention_job(scheduler, app)
    every = int(config.get("PUBLIC_STATISTICS_REFRESH_MINUTES", 360))
    scheduler.add_job(refresh_statistics, "interval", args=[app], minutes=every, id=STATISTICS_JOB_ID,
                      name="public statistics", next_run_time=now, misfire_grace_time=every * 60, **once)
    add_publication_job(scheduler, app)
    if lock is not None:
        seconds = float(config.get("SCHEDULER_LOCK_POLL_SECONDS", 5))
        scheduler.add_job(_check_leadership, "interval", args=[scheduler, lock], seconds=seconds,
                          id="leadership", name="leader lock check", misfire_grace_time=None, **once)
    return scheduler


def serve(app: Flask, say=print) -> None:
    """Wait for the leader lock, then run the scheduler until stopped or the lock is lost; repeat.

    Returns only by an exception (SystemExit on SIGTERM/SIGINT, KeyboardInterrupt); the
    lock is released on the way out.
    """
    from app.extensions import db

    with app.app_context():
        lock = LeaderLock(db.engine)
    poll = float(app.config.get("SCHEDULER_LOCK_POLL_SECONDS", 5))
    waiting = False
    while True:
        if not lock.acquire():
            if not waiting:
                say("scheduler: another process holds the leader lock; waiting to take over")
                waiting = True
            time.sleep(poll)
            continue
        waiting = False
        say("scheduler: leader — deadline sweep, e-mail delivery and recomputes running")
        scheduler = build_scheduler(app, lock)
        try:
            scheduler.start()
        finally:
            if scheduler.running:
                scheduler.shutdown(wait=True)
            lock.release()
        say("scheduler: the leader lock was lost; waiting to take it again")


def _check_leadership(scheduler: BlockingScheduler, lock: LeaderLock) -> None:
    if not lock.holds():
        log.error("this scheduler no longer holds the leader lock: stopping its jobs")
        scheduler.shutdown(wait=False)


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
    """Pending recomputes, then one sweep (queues e-mail, sends none); errors are logged, never raised."""
    from app.services import deadlines, recompute

    with app.app_context():
        try:
            recompute.run_pending()
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


def run_delivery(app: Flask) -> int:
    """Deliver the outbox's due e-mails; returns how many were sent."""
    from app.services import outbox

    with app.app_context():
        sent = outbox.deliver_pending()
        if sent:
            log.info("e-mail delivery: %d message(s) sent", sent)
        return sent


def run_recomputes(app: Flask) -> int:
    """Run the pending holiday-table recomputes; returns how many ran."""
    from app.services import recompute

    with app.app_context():
        try:
            return recompute.run_pending()
        except Exception:
            log.exception("holiday recompute failed; the next poll retries")
            return 0
