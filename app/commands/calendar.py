"""`flask calendar …`: count working days, list non-working days, seed the official dates."""
from datetime import date

import click
from flask.cli import AppGroup

from app.services.calendar import working_calendar
from app.services.holidays import seed_official_holidays

group = AppGroup("calendar", help="Working days and the official holiday table (LAW.md §3–4).")


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


@group.command("add-working-days")
@click.argument("start")
@click.argument("n", type=click.IntRange(min=0))
def add_working_days(start: str, n: int) -> None:
    """Print the date of working day N, START (YYYY-MM-DD, local date) being day 0.

    Day 1 is the first working day after START, also when START is a weekend or
    holiday (LAW.md §4.2). Example: 2025-03-27 20 → 2025-04-28.
    """
    click.echo(working_calendar().add_working_days(_parse_date(start), n).isoformat())


@group.command("holidays")
@click.argument("year", type=click.IntRange(1900, 2200))
def list_holidays(year: int) -> None:
    """Print each public holiday and closure of YEAR: date, names (ar / fr), estimated|confirmed.

    Weekends are not listed. The package baseline is merged with the official table.
    """
    for day in working_calendar().non_working_days(year):
        click.echo(f"{day.day.isoformat()}\t{day.name_ar} / {day.name_fr}\t{day.status}")


@group.command("seed")
def seed() -> None:
    """Insert the observed official dates (LAW.md §3) missing from the table."""
    added = seed_official_holidays()
    click.echo(f"{added} official date(s) added")


@group.command("recompute")
def recompute() -> None:
    """Run the pending recomputes of deadlines after holiday-table changes (the scheduler does it too)."""
    from app.services.recompute import run_pending

    click.echo(f"{run_pending()} recompute job(s) run")
