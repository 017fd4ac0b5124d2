"""`flask privacy …`: the retention of personal data (Law 09-08)."""
import click
from flask.cli import AppGroup

from app.commands.deadlines import _parse_now

group = AppGroup("privacy", help="Personal data: anonymise the cases closed longer than the retention period.")

SHOWN = 50   # references listed in a report


@group.command("anonymise")
@click.option("--dry-run", is_flag=True, help="Only report what would be anonymised; change nothing.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation (scripts).")
@click.option("--now", "now_text", metavar="ISO", help="The instant to run at, ISO-8601 (naive = UTC).")
def anonymise(dry_run, yes, now_text):
    """Anonymise the personal data of cases closed more than PERSONAL_DATA_RETENTION_MONTHS months ago.

    The report comes first; then, unless --dry-run, a confirmation (or --yes).
    """
    from app.services import privacy
    from app.services.calendar import utc_now

    now = _parse_now(now_text) or utc_now()
    planned = privacy.report(now)
    click.echo(describe(planned, "would be anonymised" if dry_run else "to anonymise"))
    if dry_run or not planned.count:
        return
    if not yes and not click.confirm(f"Anonymise these {planned.count} case(s)? This cannot be undone"):
        raise click.Abort()
    done = privacy.anonymise_due(now)
    click.echo(describe(done, "anonymised"))


def describe(report, verb: str) -> str:
    """A report as lines of text: cut-off, counts per kind, what is erased, the first references."""
    lines = [f"retention: {report.months} month(s) after closing; cases closed before {report.cutoff.isoformat()} "
             f"(Africa/Casablanca)",
             f"{report.count} case(s) {verb}"
             + (": " + ", ".join(f"{kind} {n}" for kind, n in sorted(report.by_kind.items())) if report.count else ""),
             f"erased with them: {report.letters} letter(s), {report.attachments} attachment(s), "
             f"{report.emails} e-mail(s)"]
    if report.references:
        more = report.count - SHOWN
        lines.append("  " + " ".join(report.references[:SHOWN]) + (f" … and {more} more" if more > 0 else ""))
    if report.skipped:
        lines.append(f"skipped (changed meanwhile, taken up next time): {' '.join(report.skipped)}")
    return "\n".join(lines)
