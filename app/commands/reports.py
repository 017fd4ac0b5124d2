"""`flask reports annual`: the year's report on access to information or on complaints, to a file."""
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from app.services.reports import annual, formats

group = AppGroup("reports", help="Annual reports (access to information, complaints).")


@group.command("annual")
@click.option("--year", "year", type=click.IntRange(2019, 2100), required=True, help="Year of receipt.")
@click.option("--kind", type=click.Choice(tuple(annual.SECTIONS)), required=True,
              help="information (Law 31.13) or complaints (decree 2.17.265).")
@click.option("--format", "fmt", type=click.Choice(formats.FORMATS), required=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True,
              help="File to write.")
@click.option("--lang", type=click.Choice(("ar", "fr")), default="ar", show_default=True)
def annual_report(year: int, kind: str, fmt: str, out: Path, lang: str) -> None:
    """Compute a year's figures and write the report; a progress bar follows the steps."""
    total = annual.steps(kind) + 1
    with click.progressbar(length=total, label=f"{kind} {year} ({lang})", file=sys.stderr) as bar:
        report = annual.build(kind, year, lang, charts=fmt == "pdf", step=lambda: bar.update(1))
        data = formats.write(report, fmt)
        bar.update(1)
    out.write_bytes(data)
    click.echo(f"{out} written ({len(data):,} bytes).")
