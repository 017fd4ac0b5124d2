"""`flask scheduler …` commands."""
import logging
import signal

import click
from flask import current_app
from flask.cli import AppGroup

group = AppGroup("scheduler", help="The deadline scheduler (run it in its own process).")


@group.command("run")
def run():
    """Run the deadline sweep now, then every SWEEP_INTERVAL_MINUTES; blocks.

    Ctrl-C or SIGTERM stops it cleanly: a sweep in progress finishes first.
    """
    from app.scheduler import build_scheduler

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = current_app._get_current_object()
    scheduler = build_scheduler(app)
    # Also SIGINT: a background job of a shell script (``make run``) starts with it ignored.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _stop)
    click.echo(f"scheduler: deadline sweep every {app.config['SWEEP_INTERVAL_MINUTES']} minute(s); Ctrl-C stops")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=True)
    click.echo("scheduler: stopped")


def _stop(signum, frame):
    raise SystemExit(0)
