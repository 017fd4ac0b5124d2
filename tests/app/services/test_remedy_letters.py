"""Letters where a remedy opens: the head's decision prints the CDAI's contact details (art. 20)
when they are set; an inadmissible answer states its reason and article."""
import html as html_text
import re
from datetime import datetime

import pytest

from app.services import letters
from app.services.cases import fire

RECEIVED = datetime(2025, 10, 27, 9, 0)


def _text(case, kind, now) -> str:
    """The letter's text as read: tags (the direction runs) removed, entities decoded."""
    return html_text.unescape(re.sub(r"<[^>]+>", "", letters.letter_html(case, kind, now)[0]))


def _answered(register, staff, lang, payload):
    case = register(received_at=RECEIVED).case
    case.language = lang
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=datetime(2025, 10, 28, 9))
    fire(case, "answer", payload, actor=staff["officer"], now=datetime(2025, 11, 3, 9))
    return case


@pytest.mark.parametrize("lang, words", [
    ("fr", ["Coordonnées de la", "Avenue Annakhil, Rabat", "plaintes@cdai.example", "https://www.chafafiya.ma"]),
    ("ar", ["عنوان", "Avenue Annakhil, Rabat", "plaintes@cdai.example"]),
])
def test_the_heads_decision_prints_the_cdai_contact_details(app, register, staff, lang, words):
    case = _answered(register, staff, lang, {"outcome": "refused", "grounds": ["exception_art7"], "text": "x"})
    fire(case, "complain_to_head", {"text": "Je conteste."}, applicant=True, now=datetime(2025, 11, 3, 10))
    fire(case, "decide", {"decision": "upheld", "text": "stands"}, actor=staff["head"], now=datetime(2025, 11, 7, 9))
    app.config.update(CDAI_POSTAL_ADDRESS="Avenue Annakhil, Rabat", CDAI_EMAIL="plaintes@cdai.example")
    try:
        page = _text(case, "head_decision", datetime(2025, 11, 7, 9))
    finally:
        app.config.update(CDAI_POSTAL_ADDRESS="", CDAI_EMAIL="")
    assert all(word in page for word in words), [w for w in words if w not in page]
    bare = _text(case, "head_decision", datetime(2025, 11, 7, 9))
    assert "Avenue Annakhil" not in bare and "chafafiya.ma" in bare   # unset settings are left out


@pytest.mark.parametrize("lang, words", [
    ("fr", ["votre demande est irrecevable", "la demande ne comporte pas les mentions obligatoires",
            "(l'article 14)", "Il manque l'adresse postale."]),
    ("ar", ["طلبكم غير مقبول", "الطلب لا يتضمن البيانات الواجب ذكرها فيه", "المادة 14"]),
])
def test_an_inadmissible_answer_names_its_reason(register, staff, lang, words):
    case = _answered(register, staff, lang, {"outcome": "inadmissible", "inadmissible_reason": "missing_particulars",
                                             "text": "Il manque l'adresse postale."})
    page = _text(case, "answer", datetime(2025, 11, 3, 9))
    assert all(word in page for word in words), [w for w in words if w not in page]


@pytest.mark.parametrize("lang, words", [
    ("fr", ["À défaut de décision dans ce délai", "vendredi 26 décembre 2025"]),
    ("ar", ["وفي حالة عدم البت في شكايتكم داخل هذا الأجل", "26 دجنبر 2025"]),
])
def test_the_head_complaint_receipt_names_the_cdai_window_if_he_stays_silent(register, staff, lang, words):
    # Complaint received Mon 2025-11-03 → head's decision due Wed 2025-11-26 → CDAI window to Fri 2025-12-26.
    case = _answered(register, staff, lang, {"outcome": "refused", "grounds": ["exception_art7"], "text": "x"})
    fire(case, "complain_to_head", {"text": "Je conteste."}, applicant=True, now=datetime(2025, 11, 3, 10))
    page = _text(case, "head_complaint_acknowledgment", datetime(2025, 11, 3, 10))
    assert all(word in page for word in words), [w for w in words if w not in page]
