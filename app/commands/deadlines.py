"""`flask deadlines …` commands."""
from datetime import datetime, timezone

import click
from flask.cli import AppGroup

group = AppGroup("deadlines", help="Statutory deadlines: the sweep.")


@group.command("sweep")
@click.option("--now", "now_text", metavar="ISO",
              help="The instant to sweep at, ISO-8601 (naive = UTC), e.g. 2025-11-27T09:00.")
def sweep(now_text):
    """Run one pass: deemed refusals, reminders, overdue notices, e-mail delivery."""
    from app.services.deadlines import sweep as run_sweep

    click.echo(str(run_sweep(_parse_now(now_text))))


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
