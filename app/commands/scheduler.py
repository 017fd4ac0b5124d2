"""`flask scheduler …` commands."""
import logging
import signal

import click
from flask import current_app
from flask.cli import AppGroup

group = AppGroup("scheduler", help="The scheduler: deadline sweep, e-mail delivery, recomputes (own process).")


@group.command("run")
def run():
    """Run the scheduler's jobs (sweep, e-mail, recomputes) while holding the leader lock; blocks.

    A second process on the same database waits and takes over when the first dies
    (PostgreSQL advisory lock; on SQLite, a file lock beside the database).
    Ctrl-C or SIGTERM stops it cleanly: a job in progress finishes first.
    """
    from app.scheduler import serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # APScheduler logs every run of every job at INFO (every few seconds): only its problems.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    app = current_app._get_current_object()
    # Also SIGINT: a background job of a shell script (``make run``) starts with it ignored.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _stop)
    click.echo(f"scheduler: deadline sweep every {app.config['SWEEP_INTERVAL_MINUTES']} minute(s), "
               f"e-mail every {app.config['MAIL_DELIVERY_SECONDS']} s; Ctrl-C stops")
    try:
        serve(app, say=lambda line: click.echo(line))
    except (KeyboardInterrupt, SystemExit):
        pass
    click.echo("scheduler: stopped")


def _stop(signum, frame):
    raise SystemExit(0)
