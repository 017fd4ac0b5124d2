"""`flask calendar …`: count working days, list non-working days, seed the official dates."""
from datetime import date

import click
from flask.cli import AppGroup

from app.services.calendar import today_local, working_calendar
from app.services.holidays import HolidayError, refresh_provisional, remove_day, seed_official_holidays, set_holiday

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


@group.command("set")
@click.argument("day")
@click.option("--name", required=True, help="a known key (eid_al_adha, closure…) or the holiday's name")
@click.option("--estimated/--confirmed", "estimated", default=None,
              help="the date is an estimate, or officially confirmed (default: as it is; new dates: estimated)")
def set_day(day: str, name: str, estimated: bool | None) -> None:
    """Make DAY (YYYY-MM-DD, local date) a holiday in the official table, as the admin page does.

    Records the change and requests a recompute of the deadlines it touches; the
    scheduler (or ``flask calendar recompute``) recounts them (LAW.md §3).
    """
    status = None if estimated is None else "estimated" if estimated else "confirmed"
    _report(lambda: set_holiday(_parse_date(day), name, status), f"{day} set")


@group.command("remove")
@click.argument("day")
def remove(day: str) -> None:
    """Make DAY (YYYY-MM-DD) a working day again: its table row is removed (or the baseline's holiday overridden)."""
    _report(lambda: remove_day(_parse_date(day)), f"{day} removed")


def _report(change, done: str) -> None:
    try:
        job = change()
    except HolidayError as exc:
        raise click.ClickException(str(exc)) from None
    if job is None:
        click.echo(f"{done}; no deadline depends on it")
    else:
        click.echo(f"{done}; recompute of the deadlines requested (job {job.id}): the scheduler recounts them")


@group.command("refresh-provisional")
def refresh() -> None:
    """Request a recount of the deadlines counted over an estimated holiday (sets their provisional flag)."""
    _report(lambda: refresh_provisional(today_local()), "estimated holidays of last, this and next year")


@group.command("recompute")
def recompute() -> None:
    """Run the pending recomputes of deadlines after holiday-table changes (the scheduler does it too)."""
    from app.services.recompute import run_pending

    click.echo(f"{run_pending()} recompute job(s) run")
