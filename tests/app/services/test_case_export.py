"""Exports: the same columns in CSV and XLSX, Arabic intact, formulas neutralised."""
import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from app.services import case_export
from app.services.case_search import CaseFilter
from tests.app.services.search_support import complaint_data, request_data

LABELS = case_export.Labels(header=lambda c: {"reference": "المرجع", "applicant": "صاحب الطلب"}.get(c, c),
                            value=lambda table, code: f"{table}:{code}", yes="نعم", no="لا",
                            urgent="مستعجل", ruled_out="غير مستعجل")


@pytest.fixture
def cases(register):
    arabic = register(data=request_data("=HYPERLINK(\"http://evil\")", "البناني", text="+ نسخة من المحضر")).case
    french = register("complaint", data=complaint_data("Élise", "@SUM(A1)", subject="-2+3 route")).case
    return arabic, french


@pytest.mark.parametrize("value, safe", [
    ("=1+1", "'=1+1"), ("+33", "'+33"), ("-2", "'-2"), ("@cmd", "'@cmd"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("سلمى", "سلمى"), ("a=b", "a=b"), (date(2025, 1, 1), date(2025, 1, 1)), (None, None),
])
def test_neutralise(value, safe):
    assert case_export.neutralise(value) == safe


def test_csv_and_xlsx_have_the_same_rows_with_arabic_intact(cases, staff):
    rows = lambda: case_export.export_rows(staff["supervisor"], CaseFilter(), date(2025, 11, 3), LABELS)  # noqa
    data = case_export.write_csv(rows()).read()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    book = load_workbook(case_export.write_xlsx(rows(), "الملفات", right_to_left=True))
    sheet = book["الملفات"]
    cells = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert table[0] == list(cells[0]) and table[0][0] == "المرجع" and len(table[0]) == len(case_export.COLUMNS)
    assert len(table) == len(cells) == 3
    applicant = case_export.COLUMNS.index("applicant")
    subject = case_export.COLUMNS.index("subject")
    by_ref = {row[0]: row for row in cells[1:]}
    arabic, french = cases
    assert by_ref[arabic.reference][applicant] == "'=HYPERLINK(\"http://evil\") البناني"
    assert by_ref[french.reference][applicant] == "Élise @SUM(A1)"   # starts with a letter: left as it is
    assert by_ref[arabic.reference][subject] == "'+ نسخة من المحضر"
    assert by_ref[french.reference][subject] == "'-2+3 route"
    assert {row[0]: row[subject] for row in table[1:]} == {r: row[subject] for r, row in by_ref.items()}
    for row in cells[1:]:
        assert not any(isinstance(v, str) and v[:1] in "=+-@" for v in row)
    assert sheet.sheet_view.rightToLeft is True
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)   # no cell is a formula
