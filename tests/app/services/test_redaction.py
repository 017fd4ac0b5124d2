"""True redaction: the text under a box cannot be extracted from the published PDF, images under it are
blanked, metadata is gone, and the file carries its redaction log."""
import pymupdf
import pytest

from app.extensions import db

from app.services import publication, redaction, redaction_boxes
from app.services.attachments import attachments_dir
from app.services.cases import PayloadInvalid
from app.services.disclosures import ensure_entry
from app.services.redaction import Box, RedactionError
from tests.app.disclosure_support import (ANSWERED, LATIN_REQUEST, arabic_pdf_naming_the_applicant, granted,
                                          pdf_naming_the_applicant, pdf_streams, pdf_text, png_image)


def published_bytes(case) -> list[bytes]:
    from app.services.disclosure_log import published_entry, published_files

    entry = published_entry(case.reference)
    return [(attachments_dir() / f.stored_name).read_bytes() for f in published_files(entry)]


def test_redacted_words_cannot_be_extracted_and_images_under_a_box_are_blanked(granted, staff):
    case = granted(("pv.pdf", pdf_naming_the_applicant()), data=LATIN_REQUEST)
    item = ensure_entry(case, ANSWERED).files[0]
    officer = staff["officer"]
    assert redaction_boxes.add_text_boxes(case, item.id, ["Salma Bennani", "SH123456"], "personal_data", officer,
                                          now=ANSWERED) == 2
    redaction_boxes.add_text_boxes(case, item.id, ["+212 6 61 23 45 67", "salma.b@example.org"], "personal_data",
                                   officer, now=ANSWERED)
    redaction_boxes.add_box(case, item.id, 1, (320, 320, 360, 360), "state_security", officer, now=ANSWERED)
    publication.publish(case, officer, now=ANSWERED)
    (data,) = published_bytes(case)
    text, raw = pdf_text(data), pdf_streams(data)
    for secret in ("Salma", "Bennani", "SH123456", "salma.b@example.org", "61 23 45 67"):
        assert secret not in text
        assert secret.encode() not in raw              # not in any stream, compressed or not
    assert "Proces-verbal de la session" in text and "Budget des routes" in text   # the rest is kept
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        assert not any(doc.metadata.get(k) for k in ("author", "title", "creator", "producer"))
        assert doc.page_count == 3                      # two pages and the redaction log
        log = doc[-1].get_text()
        assert "Journal des occultations" in log and "art. 7" in log
        xref = doc[0].get_images(full=True)[0][0]
        image = pymupdf.Pixmap(doc.extract_image(xref)["image"])
        assert image.pixel(40, 40) == (255, 255, 255)   # under the box: blanked in the image itself
        assert image.pixel(5, 5) == (200, 30, 30)       # outside it: untouched
    logged = publication.disclosure_log.published_entry(case.reference).files[0].redaction_log
    assert {row["ground"] for row in logged} == {"personal_data", "state_security"}
    assert {"page": 1, "box": [320.0, 320.0, 360.0, 360.0], "ground": "state_security", "article": "7"} in logged


def test_arabic_text_is_found_and_removed(granted, staff):
    case = granted(("pv.pdf", arabic_pdf_naming_the_applicant()))
    item = ensure_entry(case, ANSWERED).files[0]
    assert redaction_boxes.add_text_boxes(case, item.id, redaction_boxes.applicant_needles(case.party),
                                          "personal_data", staff["officer"], now=ANSWERED) >= 2
    publication.publish(case, staff["officer"], now=ANSWERED)
    text = pdf_text(published_bytes(case)[0])
    assert "البناني" not in text and "SH123456" not in text and "1250" in text


def test_an_image_is_redacted_by_boxes_and_loses_its_metadata(granted, staff):
    case = granted(("photo.png", png_image(60, 40)))
    item = ensure_entry(case, ANSWERED).files[0]
    redaction_boxes.add_box(case, item.id, 1, (50, 30, 10, 5), "personal_data", staff["officer"], now=ANSWERED)
    with pytest.raises(PayloadInvalid):
        redaction_boxes.add_text_boxes(case, item.id, ["x"], "personal_data", staff["officer"], now=ANSWERED)
    publication.publish(case, staff["officer"], now=ANSWERED)
    image = pymupdf.Pixmap(published_bytes(case)[0])
    assert image.pixel(20, 20) == (0, 0, 0) and image.pixel(55, 35) == (20, 120, 220)


def test_boxes_are_checked_against_the_page(granted, staff):
    case = granted(("pv.pdf", pdf_naming_the_applicant(extra_image=False)))
    item = ensure_entry(case, ANSWERED).files[0]
    db.session.commit()     # a refused box rolls back its unit of work: the entry must be stored before
    add = lambda page, corners, ground="personal_data": redaction_boxes.add_box(  # noqa: E731
        case, item.id, page, corners, ground, staff["officer"], now=ANSWERED)
    for page, corners, field in ((3, (1, 1, 9, 9), "page"), (1, (700, 900, 800, 950), "box"),
                                 (1, ("a", 1, 2, 3), "box"), (1, (10, 10, 11, 11), "box")):
        with pytest.raises(PayloadInvalid) as refused:
            add(page, corners)
        assert field in refused.value.errors
    with pytest.raises(PayloadInvalid) as refused:
        add(1, (10, 10, 50, 50), "secret")
    assert "ground" in refused.value.errors
    box = add(2, (-5, 10, 9000, 50))                    # clamped to the page
    assert (box.x0, box.x1) == (0.0, 595.0)
    redaction_boxes.remove_box(case, box.id, staff["officer"], now=ANSWERED)
    assert ensure_entry(case, ANSWERED).files[0].boxes == []


def test_a_rotated_page_is_redacted_where_it_is_shown():
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 100), "Secret name here", fontsize=12)
    page.set_rotation(90)
    data = doc.tobytes()
    assert redaction.page_sizes(data, redaction.PDF) == [(842.0, 595.0)]
    (found,) = redaction.find_text(data, "Secret")
    out = redaction.redact(data, redaction.PDF, [found])
    assert "Secret" not in pdf_text(out) and "name here" in pdf_text(out)


def test_unreadable_and_protected_files_are_refused():
    with pytest.raises(RedactionError):
        redaction.redact(b"%PDF-1.7 nonsense", redaction.PDF, [])
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "x")
    locked = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    with pytest.raises(RedactionError, match="password"):
        redaction.redact(locked, redaction.PDF, [Box(1, 1, 1, 5, 5)])
    with pytest.raises(RedactionError):
        redaction.redact(b"x", "text/csv", [])
