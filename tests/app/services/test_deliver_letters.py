"""The answer letter prints what a grant delivers and what a partial grant withheld (ar + fr, real PDFs)."""
import copy
from datetime import datetime

import pytest

from app.services import released_documents as docs
from app.services.attachments import check_uploads
from app.services.cases import fire
from app.services.letter_preview import preview_pdf
from tests.app.deliver_support import CSV, PDF
from tests.app.services.test_letters import assert_says, letter_of, pdf_text, squash
from tests.app.services.test_released_documents import files
from tests.conftest import REQUEST

pytestmark = pytest.mark.real_pdf
RECEIVED, ASSIGNED, ANSWERED = datetime(2025, 10, 27, 9), datetime(2025, 10, 28, 9), datetime(2025, 11, 3, 9)


def assigned(register, staff, lang, access_form="electronic_copy"):
    data = copy.deepcopy(REQUEST)
    data.update(language=lang, access_form=access_form)
    case = register(data=data, received_at=RECEIVED).case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=ASSIGNED)
    return case


@pytest.mark.parametrize("lang, words", [
    ("ar", ["جاهزة للتسلم ابتداء من", "الأربعاء 5 نونبر 2025", "مكتب الضبط، الطابق الأرضي", "من 9:00 إلى 15:00",
            "المادة 5", "النسخ (20.00 درهم)", "الإرسال (15.50 درهم)", "35.50 درهم"]),
    ("fr", ["à votre disposition à partir du", "mercredi 5 novembre 2025", "Bureau d'ordre, rez-de-chaussée",
            "l'article 5", "reproduction (20.00 dirhams)", "d'envoi (15.50 dirhams)", "35.50 dirhams au total"]),
])
def test_a_paper_copy_answer_says_where_from_when_and_what_it_costs(register, staff, lang, words):
    case = assigned(register, staff, lang, "paper_copy")
    place = "مكتب الضبط، الطابق الأرضي" if lang == "ar" else "Bureau d'ordre, rez-de-chaussée"
    fire(case, "answer", {"outcome": "granted", "text": "Copie du procès-verbal.", "delivery": {
        "place": place, "date": "2025-11-05", "hours": "من 9:00 إلى 15:00" if lang == "ar" else "9h-15h",
        "copying_cost": "20", "sending_cost": "15.5"}}, actor=staff["officer"], now=ANSWERED)
    assert_says(letter_of(case, "answer").pdf, *words)


@pytest.mark.parametrize("lang, words", [
    ("ar", ["الاطلاع على المعلومات المطلوبة بعين المكان", "الثلاثاء 4 نونبر 2025", "10:30", "قاعة الأرشيف"]),
    ("fr", ["consulter l'information sur place", "mardi 4 novembre 2025", "10:30", "Salle des archives"]),
])
def test_a_consultation_answer_gives_day_time_and_place(register, staff, lang, words):
    case = assigned(register, staff, lang, "consultation")
    place = "قاعة الأرشيف" if lang == "ar" else "Salle des archives"
    fire(case, "answer", {"outcome": "granted", "text": "Les dossiers seront à votre disposition.", "delivery": {
        "place": place, "date": "2025-11-04", "time": "10:30"}}, actor=staff["officer"], now=ANSWERED)
    assert_says(letter_of(case, "answer").pdf, *words)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_partial_grant_lists_each_withheld_part_with_its_ground_and_the_released_files(register, staff, lang):
    case = assigned(register, staff, lang)
    uploads = check_uploads(files(("liste-beneficiaires.pdf", PDF), ("montants.csv", CSV)), docs.document_rules())
    first, second = docs.add_documents(case, uploads, staff["officer"], now=ASSIGNED)
    fire(case, "answer", {"outcome": "partly_granted", "text": "La liste est communiquée.",
                          "documents": [first.id, second.id], "withheld": [
                              {"part": "Relevés d'identité bancaire", "ground": "exception_art7"},
                              {"part": "Rapport d'audit 2024", "ground": "in_preparation"}]},
         actor=staff["officer"], now=ANSWERED)
    text = pdf_text(letter_of(case, "answer").pdf)
    words = {"ar": ["السبب", "المعلومات في طور الإعداد", "المادة 18", "المادة 7"],
             "fr": ["motif", "l'information est en cours d'élaboration", "l'article 18", "l'article 7"]}[lang]
    for phrase in ["Relevés d'identité bancaire", "Rapport d'audit 2024", "liste-beneficiaires.pdf", "montants.csv",
                   first.sha256[:16], *words]:
        assert squash(phrase) in squash(text), phrase


@pytest.mark.parametrize("lang, mark", [("ar", "مسودة للمعاينة"), ("fr", "Projet pour relecture")])
def test_the_preview_is_marked_as_a_draft(register, staff, lang, mark):
    case = assigned(register, staff, lang)
    pdf = preview_pdf(case, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": "Vie privée."},
                      signer=staff["officer"], now=ANSWERED)
    assert_says(pdf, mark, "Vie privée.")
    assert case.letters[-1].kind == "acknowledgment"
