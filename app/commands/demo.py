"""`flask demo load`: the Regional Council's demo staff and cases (idempotent)."""
import click
from flask import current_app
from flask.cli import AppGroup

from app.seed.loader import load_demo
from app.seed.staff import STAFF

group = AppGroup("demo", help="Demo data for the Laâyoune-Sakia El Hamra Regional Council.")

CODES_FILE = "demo-access-codes.txt"


@group.command("load")
def load() -> None:
    """Load the demo staff and a score of cases in every state, once; print the logins.

    A second run changes nothing and says so. The access codes of a few cases
    (shown once at creation) are kept in the instance folder's demo-access-codes.txt
    and printed on every run, so the status page can be tried.
    """
    report = load_demo()
    if report.changed:
        click.echo(f"Demo data loaded: {report.holidays_added} official date(s), "
                   f"{len(report.staff_created)} staff account(s), {len(report.cases)} case(s).")
    else:
        click.echo("Demo data already loaded: nothing changed.")
    if report.cases:
        _save_codes([c for c in report.cases if c.show_code])
        for case in report.cases:
            due = f"until {case.due.isoformat()}" if case.due else ""
            click.echo(f"  {case.reference}  {case.state:<15} {due:<16} {case.note}")
    _print_codes()
    _print_logins()


def _codes_path():
    return current_app.config["INSTANCE_DIR"] / CODES_FILE


def _save_codes(cases) -> None:
    path = _codes_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{c.reference}\t{c.access_code}\t{c.state}\t{c.note}" for c in cases]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _print_codes() -> None:
    path = _codes_path()
    if not path.exists():
        return
    click.echo("\nTry the portal's status page (/status) with a reference and its access code:")
    for line in path.read_text(encoding="utf-8").splitlines():
        reference, code, state, note = line.split("\t", 3)
        click.echo(f"  {reference}  code {code}  — {state}: {note}")


def _print_logins() -> None:
    click.echo("\nDemo logins (staff: /staff/login):")
    click.echo(f"  {'username':<12} {'password':<18} {'role':<20} name")
    for account in STAFF:
        click.echo(f"  {account.username:<12} {account.password:<18} {account.role:<20} "
                   f"{account.full_name} — {account.title}")
