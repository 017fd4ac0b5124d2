"""File sizes in the reader's language (Babel's CLDR unit names, French with its narrow no-break space),
on pages, in form help and in letters (issue 7 §2)."""
import io
from datetime import timedelta

import pytest

from app.extensions import db
from app.models.attachment import Attachment
from app.services.calendar import utc_now
from app.services.cases import fire
from app.services.file_types import size_label
from tests.app.deliver_support import PDF
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401


@pytest.mark.parametrize("size, lang, expected", [
    (2_411_725, "ar", "2.3 ميغابايت"), (2_411_725, "fr", "2,3\u202fMo"),
    (30_515, "ar", "29.8 كيلوبايت"), (30_515, "fr", "29,8\u202fko"),
    (840, "ar", "840 بايت"), (840, "fr", "840\u202fo"),
    (5 * 1024 * 1024, "ar", "5 ميغابايت"), (5 * 1024 * 1024, "fr", "5\u202fMo"),
])
def test_one_helper_names_sizes_in_each_language(size, lang, expected):
    assert size_label(size, lang) == expected


@pytest.mark.parametrize("lang, expected, english", [
    ("ar", "بحجم أقصاه 5 ميغابايت لكل ملف", "5 MB"), ("fr", "5\u202fMo chacun au maximum", "5 MB"),
])
def test_the_upload_help_gives_the_limit_in_the_page_language(client, ctx, lang, expected, english):
    page = client.get(f"/requests/new?lang={lang}").get_data(as_text=True)
    assert expected in page and english not in page


@pytest.mark.parametrize("lang, expected", [("ar", "13 بايت"), ("fr", "13\u202fo")])
def test_the_case_page_lists_attachments_with_their_size_in_the_page_language(app, register, staff, lang,
                                                                               expected):
    case = register("complaint").case
    db.session.add(Attachment(case_id=case.id, original_name="photo route.pdf", stored_name="a1b2c3.pdf",
                              content_type="application/pdf", size=13, sha256="0" * 64))
    db.session.commit()
    page = signed_in(app, "complaints").get(f"/staff/cases/{case.reference}?lang={lang}").get_data(as_text=True)
    assert expected in page and "KiB" not in page


@pytest.mark.parametrize("lang, expected", [("ar", "بايت"), ("fr", "\u202fo")])
def test_released_documents_and_the_answer_letter_give_sizes_in_their_language(app, register, staff, lang,
                                                                               expected):
    from app.services.letter_facts import delivery_facts

    now = utc_now()
    case = register(received_at=now - timedelta(hours=1), now=now).case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"])
    officer = signed_in(app, "officer")
    officer.post(f"/staff/cases/{case.reference}/documents", content_type="multipart/form-data",
                 data={"files": [(io.BytesIO(PDF), "PV.pdf")]})
    page = officer.get(f"/staff/cases/{case.reference}?lang={lang}").get_data(as_text=True)
    label = size_label(len(PDF), lang)
    assert label.endswith(expected) and label in page
    [document] = case.released_documents
    fire(case, "answer", {"outcome": "granted", "text": "Voici le document.", "documents": [document.id]},
         actor=staff["officer"])
    assert [d["size"] for d in delivery_facts(case, lang)["documents"]] == [label]
