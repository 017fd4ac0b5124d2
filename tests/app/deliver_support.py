"""Helpers for the tests of issue 5 §1 and §4: real small files of each accepted type, sign-off on."""
import io
import zipfile

import pytest

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
CSV = "poste;montant\nroutes;-1 250,50\néducation;3000\nالصحة;12%\n".encode("utf-8")


def _zip(entries, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (name, data) in enumerate(entries):
            kind = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=kind)
    return buffer.getvalue()


def docx(extra=()) -> bytes:
    return _zip([("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"),
                 ("word/document.xml", "<w:document/>"), *extra])


def xlsx() -> bytes:
    return _zip([("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"),
                 ("xl/workbook.xml", "<workbook/>")])


def odf(mime: str) -> bytes:
    return _zip([("mimetype", mime), ("content.xml", "<office:document-content/>"),
                 ("META-INF/manifest.xml", "<manifest/>")], stored_first=True)


def odt() -> bytes:
    return odf("application/vnd.oasis.opendocument.text")


def ods() -> bytes:
    return odf("application/vnd.oasis.opendocument.spreadsheet")


@pytest.fixture
def signoff(app, monkeypatch):
    """The recommended sign-off rules (config.RECOMMENDED_SIGNOFF): refusals and partial grants by a
    supervisor, the head's decision by the head."""
    from config import RECOMMENDED_SIGNOFF

    monkeypatch.setitem(app.config, "LETTER_SIGNOFF", RECOMMENDED_SIGNOFF)
    return RECOMMENDED_SIGNOFF
