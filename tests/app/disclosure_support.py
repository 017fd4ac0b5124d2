"""Helpers for the disclosure log's tests: real PDFs and images that name the applicant, a granted case."""
import io
from datetime import datetime

import pymupdf
import pytest
from werkzeug.datastructures import FileStorage

from app.services import released_documents as docs
from app.services.attachments import check_uploads
from app.services.cases import fire
from tests.conftest import REQUEST

ASSIGNED, ANSWERED = datetime(2025, 11, 3, 8), datetime(2025, 11, 3, 9)   # Mon 3 Nov 2025 (Casablanca 10:00)
# 20 working days after Mon 3 Nov 2025 (6 and 18 Nov are holidays): Wed 3 Dec 2025.
DUE = datetime(2025, 12, 3, 9)
# The conftest applicant, her name written in Latin letters (as a French document would).
LATIN_REQUEST = {**REQUEST, "applicant": {**REQUEST["applicant"], "first_name": "Salma", "last_name": "Bennani"}}
# Every way the test applicants can be found: names (both scripts), CNIE number, e-mail, phone.
PERSONAL = ("سلمى", "البناني", "Salma", "Bennani", "SH123456", "salma.b@example.org", "61 23 45 67", "661234567",
            "Mina", "Ouchen", "SH202020", "mina.ouchen@example.org", "55 44 33 22")


def pdf_naming_the_applicant(extra_image: bool = True) -> bytes:
    """A two-page PDF: page 1 names the applicant (Latin letters and CNIE number), page 2 a budget line;
    a red image under the applicant's name; the author in its metadata."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 100), "Demandeur : Salma Bennani, CNIE SH123456", fontsize=12)
    page.insert_text((72, 130), "Telephone : +212 6 61 23 45 67 - salma.b@example.org", fontsize=12)
    page.insert_text((72, 200), "Proces-verbal de la session d'octobre 2023", fontsize=12)
    if extra_image:
        pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 100, 100), False)
        pix.set_rect(pix.irect, (200, 30, 30))
        page.insert_image(pymupdf.Rect(300, 300, 400, 400), pixmap=pix)
    doc.new_page(width=595, height=842).insert_text((72, 100), "Budget des routes : 1250 MAD", fontsize=12)
    doc.set_metadata({"author": "Salma Bennani", "title": "Demande SH123456"})
    return doc.tobytes()


def pdf_saying(text: str) -> bytes:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), text)
    return doc.tobytes()


def png_image(width: int = 60, height: int = 40) -> bytes:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, width, height), False)
    pix.set_rect(pix.irect, (20, 120, 220))
    return pix.tobytes("png")


def uploads(*pairs):
    files = [FileStorage(io.BytesIO(data), filename=name) for name, data in pairs]
    return check_uploads(files, docs.document_rules())


@pytest.fixture
def granted(register, staff):
    """Factory: an information request answered ``outcome`` on ``ANSWERED`` with the given files released."""
    def make(*pairs, outcome="granted", data=None):
        case = register(data=data).case
        fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=ASSIGNED)
        added = docs.add_documents(case, uploads(*pairs), staff["officer"], now=ASSIGNED) if pairs else []
        payload = {"outcome": outcome, "text": "Ci-joint les documents.", "documents": [d.id for d in added]}
        if outcome == "partly_granted":
            payload["withheld"] = [{"part": "les annexes nominatives", "ground": "exception_art7"}]
        if outcome == "refused":
            payload = {"outcome": "refused", "grounds": ["not_held"], "text": "Non détenu."}
        fire(case, "answer", payload, actor=staff["officer"], now=ANSWERED)
        return case
    return make


def pdf_text(data: bytes) -> str:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return "\n".join(page.get_text() for page in doc)


def pdf_streams(data: bytes) -> bytes:
    """Every stream of the file, decompressed, and the raw bytes: where a leftover would hide."""
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        streams = [doc.xref_stream(x) or b"" for x in range(1, doc.xref_length()) if doc.xref_is_stream(x)]
    return b"\n".join([data, *streams])


def arabic_pdf_naming_the_applicant() -> bytes:
    """A PDF as WeasyPrint writes Arabic (logical order, real text): the applicant's Arabic name and CNIE."""
    import weasyprint

    html = ('<html dir="rtl" lang="ar"><body style="font-family: Noto Naskh Arabic, Noto Sans Arabic, sans-serif">'
            '<p>مقدمة الطلب: سلمى البناني، رقم البطاقة SH123456</p><p>ميزانية الطرق 1250 درهم</p></body></html>')
    return weasyprint.HTML(string=html).write_pdf()
