"""The annual reports: the CDAI questionnaire's figures, in CSV, XLSX and PDF, from `flask reports annual`."""
import csv
import io
import subprocess

import pytest
from openpyxl import load_workbook

from app.services.reports import annual, formats
from tests.app.services.statistics_cases import NOW, build_year
from tests.conftest import COMPLAINT, REQUEST


@pytest.fixture
def year_2025(register, staff):
    return build_year(register, staff)


def _values(report):
    return {(row.indicator, row.key): row.value for section in report.sections for row in section.rows}


def test_information_report_has_the_questionnaires_figures(year_2025):
    report = annual.build("information", 2025, "fr", now=NOW, charts=False)
    values = _values(report)
    assert values[("requests.received", "")] == 8
    assert values[("requests.by_channel", "post")] == 1 and values[("requests.by_type", "urgent")] == 1
    assert values[("requests.by_status", "in_progress")] == 1 and values[("requests.timeliness", "late")] == 1
    assert values[("requests.answer_days_mean", "")] == 10.8
    assert values[("requests.grounds", "exception_art7")] == 2
    assert values[("requests.head_complaints", "")] == 1 and values[("requests.cdai_complaints", "")] == 0
    assert values[(annual.PROACTIVE, "")] == 0
    assert [s.title for s in report.sections][-1] == "Publication proactive (art. 10)"


def test_complaints_report_and_its_csv_and_xlsx(year_2025):
    report = annual.build("complaints", 2025, "ar", now=NOW, charts=False)
    assert _values(report)[("complaints.by_kind", "observation")] == 1
    rows = list(csv.DictReader(io.StringIO(formats.to_csv(report).decode("utf-8-sig"))))
    received = next(r for r in rows if r["indicator"] == "complaints.received")
    assert received["value"] == "5" and received["label"] == "الشكايات والملاحظات والاقتراحات المتوصل بها"
    sheet = load_workbook(io.BytesIO(formats.to_xlsx(report))).active
    assert sheet.sheet_view.rightToLeft and sheet["A1"].value == annual.TITLES["complaints"]["ar"]
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert "الشكايات والملاحظات والاقتراحات المتوصل بها" in cells and 5 in cells


def test_the_cli_writes_each_format_with_a_progress_bar(app, year_2025, tmp_path, monkeypatch):
    runner = app.test_cli_runner()
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"report.{fmt}"
        result = runner.invoke(args=["reports", "annual", "--year", "2025", "--kind", "information",
                                     "--format", fmt, "--out", str(out), "--lang", "fr"])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0 and "written" in result.output
    bad = runner.invoke(args=["reports", "annual", "--year", "2025", "--kind", "budget", "--format", "csv",
                              "--out", str(tmp_path / "x")])
    assert bad.exit_code == 2


@pytest.mark.real_pdf
@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_pdf_has_the_letterhead_the_figures_and_no_personal_data(year_2025, tmp_path, lang):
    report = annual.build("information", 2025, lang, now=NOW)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(formats.to_pdf(report))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert ("Conseil régional" in text) and (("الحصول على المعلومات" in text) if lang == "ar" else
                                             ("Demandes d'accès à l'information reçues" in text))
    for party in (REQUEST["applicant"], COMPLAINT["complainant"]):
        for field in ("first_name", "last_name", "id_number", "email", "phone"):
            assert party[field] not in text
