"""`flask deadlines …` commands."""
from datetime import datetime, timezone

import click
from flask.cli import AppGroup

group = AppGroup("deadlines", help="Statutory deadlines: the sweep, and the e-mail it queues.")


@group.command("sweep")
@click.option("--now", "now_text", metavar="ISO",
              help="The instant to sweep at, ISO-8601 (naive = UTC), e.g. 2025-11-27T09:00.")
@click.option("--deliver/--no-deliver", default=True, show_default=True,
              help="Deliver the due e-mails after the pass.")
def sweep(now_text, deliver):
    """Run one pass: pending recomputes, deemed refusals, reminders, overdue notices, e-mail delivery."""
    from app.services.deadlines import sweep as run_sweep
    from app.services.recompute import run_pending

    run_pending()   # real time: a job waits for every process to see the new holiday table
    click.echo(str(run_sweep(_parse_now(now_text), deliver=deliver)))


@group.command("deliver")
@click.option("--now", "now_text", metavar="ISO", help="The instant to deliver at, ISO-8601 (naive = UTC).")
def deliver(now_text):
    """Deliver the outbox's due e-mails (what the scheduler does every MAIL_DELIVERY_SECONDS)."""
    from app.services.outbox import deliver_pending

    click.echo(f"{deliver_pending(now=_parse_now(now_text))} e-mail(s) sent")


def _parse_now(text):
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter("an ISO-8601 date or date-time, e.g. 2025-11-27T09:00",
                                 param_hint="--now") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment
