"""What a file is, by its content: office archives opened and checked, CSV strictly checked."""
import pytest

from app.services.file_types import CSV, DOCX, ODS, ODT, XLSX, FileRefused, identify
from tests.app.deliver_support import CSV as GOOD_CSV, PDF, PNG, docx, ods, odt, xlsx


@pytest.mark.parametrize("data, name, expected", [
    (PDF, "x.bin", "application/pdf"), (PNG, "x.pdf", "image/png"), (docx(), "a.pdf", DOCX), (xlsx(), "a", XLSX),
    (odt(), "a", ODT), (ods(), "a", ODS), (GOOD_CSV, "budget.csv", CSV), (b"MZ\x90\x00", "a.pdf", None),
    (GOOD_CSV, "budget.txt", None), (b"PK\x03\x04" + b"\x00" * 40, "a.zip", None)])
def test_the_content_decides(data, name, expected):
    assert identify(data, name) == expected


@pytest.mark.parametrize("data, problem", [
    (docx(extra=[("word/vbaProject.bin", "macro")]), "macros"),
    (docx()[:-30], "damaged"),
    ("a;b\n1;2;3\n".encode(), "same number of cells"),
    ("nom;montant\n=HYPERLINK(\"http://x\");1\n".encode(), "formulas"),
    ("nom;montant\n@SUM(A1);1\n".encode(), "formulas"),
    ("nom;montant\n+cmd|' /C calc'!A0;1\n".encode(), "formulas"),
    ("nom\x00;x\n".encode(), "plain text"),
    ("é;x\n".encode("latin-1"), "UTF-8"),
    (b"", "same number of cells")])
def test_what_is_refused_and_why(data, problem):
    name = "a.docx" if data.startswith(b"PK") else "a.csv"
    with pytest.raises(FileRefused) as refused:
        identify(data, name)
    assert problem in refused.value.message and "%(name)s" in refused.value.message


def test_negative_numbers_and_percentages_are_not_formulas():
    assert identify("poste;montant\nroutes;-1250\nx;+3,5\ny;-12%\n".encode(), "a.csv") == CSV
