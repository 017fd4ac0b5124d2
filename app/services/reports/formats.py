"""An annual report written out: CSV, XLSX (openpyxl) or PDF (the letters' letterhead, WeasyPrint)."""
from __future__ import annotations

import csv
import io

from flask import current_app
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from app.pdf import render_pdf
from app.services.letter_text import gregorian, hijri
from app.services.letters import letter_environment
from app.services.reports.annual import Report
from workflows.calendar import local_date

FORMATS = ("pdf", "csv", "xlsx")
CSV_COLUMNS = ("section", "indicator", "key", "label", "value", "note")
HEADINGS = {"ar": ("المؤشر", "العدد"), "fr": ("Indicateur", "Valeur")}


def write(report: Report, fmt: str) -> bytes:
    """The report as bytes in ``fmt`` (``pdf``, ``csv`` or ``xlsx``). Raises KeyError for another format."""
    return {"pdf": to_pdf, "csv": to_csv, "xlsx": to_xlsx}[fmt](report)


def _value(value):
    """A figure as a cell: whole numbers as they are, means with one decimal, nothing for None."""
    if value is None or value == "":
        return None
    return round(value, 1) if isinstance(value, float) else value


def to_csv(report: Report) -> bytes:
    """One line per row: section, indicator id, key, label (in the report's language), value, note."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for section in report.sections:
        for row in section.rows:
            value = _value(row.value)
            writer.writerow((section.title, row.indicator, row.key, row.label, "" if value is None else value,
                             row.note))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(report: Report) -> bytes:
    """One sheet: the title, then each section with its rows (breakdowns indented); right-to-left in Arabic."""
    book = Workbook()
    sheet = book.active
    sheet.title = str(report.year)
    sheet.sheet_view.rightToLeft = report.lang == "ar"
    sheet.append([report.title, report.year])
    sheet.append([_situation(report)])
    sheet["A1"].font = Font(bold=True, size=13)
    header = HEADINGS[report.lang]
    for section in report.sections:
        sheet.append([])
        sheet.append([section.title])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, color="FFFFFF")
        sheet.cell(sheet.max_row, 1).fill = PatternFill("solid", fgColor="1F5F3A")
        sheet.append(list(header))
        for row in section.rows:
            sheet.append([row.label, _value(row.value), row.note or None])
            label = sheet.cell(sheet.max_row, 1)
            label.alignment = Alignment(indent=2 * row.level, wrap_text=True)
            label.font = Font(bold=row.level == 0)
    sheet.column_dimensions["A"].width = 70
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _situation(report: Report) -> str:
    day = local_date(report.computed_at)
    if report.lang == "ar":
        return f"الوضعية في {gregorian(day, 'ar')}، حسب تاريخ التوصل بتوقيت الدار البيضاء"
    return f"Situation au {gregorian(day, 'fr')}, selon la date de réception (heure de Casablanca)"


def report_html(report: Report) -> str:
    """The report as an HTML document over ``reports/_base.html`` (the letters' letterhead)."""
    config = current_app.config["INSTITUTION"]
    inst = {lang: {k.removesuffix("_" + lang): v for k, v in config.items() if k.endswith("_" + lang)}
            for lang in ("ar", "fr")}
    day = local_date(report.computed_at)
    template = letter_environment().get_template("reports/annual.html")
    return template.render(report=report, lang=report.lang, dir="rtl" if report.lang == "ar" else "ltr",
                           inst=inst[report.lang], inst_ar=inst["ar"], inst_fr=inst["fr"],
                           date_gregorian=gregorian(day, report.lang), date_hijri=hijri(day, report.lang),
                           situation=_situation(report), headings=HEADINGS[report.lang], value=_value)


def to_pdf(report: Report) -> bytes:
    """The report as PDF; the charts are SVG images (``data:`` URIs the renderer is allowed)."""
    return render_pdf(report_html(report), data_uris=tuple(view.uri for view in report.charts))
