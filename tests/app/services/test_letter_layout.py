"""Letters as printed: long user text stays inside the text box, PDFs are tagged with their language,
counts take their plural form, the file name carries the Casablanca date (issue 7 §2, §3)."""
import io
from datetime import datetime

import pdfplumber
import pytest
from pdfminer.pdftypes import resolve1

from app.services import letters
from app.services.cases import fire
from tests.app.services.test_letters import ASSIGNED, ANSWERED, COMPLAINED, appealed, complaint, letter_of, request

pytestmark = pytest.mark.real_pdf

MM = 72 / 25.4
SIDE_MARGIN = 17 * MM            # letter.css: @page margin 12mm 17mm 33mm 17mm
# A glyph's box may overhang its line by its side bearing (Naskh "ر" at the end of a justified
# line: 2.4 pt); text that does not wrap overflows by hundreds of points.
OVERHANG = 1 * MM
LONG_WORD = ("استعراض" * 42)[:290]
LONG_URL = "https://www.example.org/" + "dossier/" * 30 + "piece-jointe-numero-12345.pdf"
LONG_TEXT = f"{LONG_WORD} {LONG_URL}"
# A complaint's subject holds at most 300 characters: a 200-letter word and a 93-character URL.
LONG_SUBJECT = f"{LONG_WORD[:200]} https://www.example.org/{'dossier/' * 8}x.pdf"


def assert_inside_text_box(pdf: bytes):
    """No character box lies left or right of the text box, nor off the page."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            assert page.chars, "no text extracted"
            left, right = SIDE_MARGIN - OVERHANG, page.width - SIDE_MARGIN + OVERHANG
            outside = [c["text"] for c in page.chars
                       if c["x0"] < left or c["x1"] > right or c["top"] < 0 or c["bottom"] > page.height]
            assert outside == [], f"{len(outside)} characters outside the text box: {''.join(outside)[:60]!r}"


def _request_letters(register, staff, lang):
    case = request(register, lang, information_requested=LONG_TEXT, urgent=True, urgency_reason=LONG_TEXT)
    fire(case, "rule_not_urgent", {"reason": LONG_TEXT}, actor=staff["supervisor"], now=ASSIGNED)
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=ASSIGNED)
    fire(case, "extend", {"reason": LONG_TEXT}, actor=staff["officer"], now=datetime(2025, 11, 10, 9))
    fire(case, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": LONG_TEXT},
         actor=staff["officer"], now=datetime(2025, 11, 11, 9))
    fire(case, "complain_to_head", {"text": LONG_TEXT}, applicant=True, now=datetime(2025, 11, 11, 10))
    fire(case, "decide", {"decision": "upheld", "text": LONG_TEXT}, actor=staff["head"],
         now=datetime(2025, 11, 12, 9))
    return case, ("acknowledgment", "not_urgent_notice", "extension_notice", "answer", "head_decision")


def _complaint_letters(register, staff, lang):
    answered = complaint(register, lang)
    answered.subject = LONG_SUBJECT
    fire(answered, "assign", {"officer": "complaints"}, actor=staff["supervisor"], now=ASSIGNED)
    fire(answered, "answer", {"text": LONG_TEXT}, actor=staff["complaints"], now=ANSWERED)
    moved = complaint(register, lang)
    moved.subject = LONG_SUBJECT
    fire(moved, "redirect", {"competent_body": LONG_WORD, "reason": LONG_TEXT}, actor=staff["supervisor"],
         now=ASSIGNED)
    return [(answered, "complaint_answer"), (moved, "redirection_notice"),
            (answered, "acknowledgment")]


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_long_unbroken_user_text_stays_inside_the_text_box(register, staff, lang):
    case, kinds = _request_letters(register, staff, lang)
    pdfs = [(kind, letter_of(case, kind).pdf) for kind in kinds]
    pdfs += [(kind, letters.render_letter(c, kind, ANSWERED)) for c, kind in _complaint_letters(register, staff, lang)]
    for kind, pdf in pdfs:
        try:
            assert_inside_text_box(pdf)
        except AssertionError as exc:
            raise AssertionError(f"{kind} ({lang}): {exc}") from None


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_letters_are_tagged_pdfs_with_their_language(register, lang):
    pdf = letter_of(request(register, lang), "acknowledgment").pdf
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        catalog = document.doc.catalog
        assert "StructTreeRoot" in catalog
        assert resolve1(catalog["MarkInfo"])["Marked"] is True
        assert resolve1(catalog["Lang"]) == lang.encode()


def test_letter_file_is_named_by_its_casablanca_date(register, staff):
    case = appealed(register, staff, "fr")
    late = datetime(2026, 12, 31, 23, 30)                        # UTC: already 1 January 2027 in Casablanca
    fire(case, "decide", {"decision": "upheld", "text": "Exception confirmée."}, actor=staff["head"], now=late)
    letter = letter_of(case, "head_decision")
    assert "-20270101-" in letters.letter_filename(letter)
    html, _ = letters.letter_html(case, "head_decision", late)
    assert "1 janvier 2027" in html and "31 décembre 2026" not in html


@pytest.mark.parametrize("lang, phrases", [
    ("ar", ["النص المتوصل به", "الموضوع:"]),
    ("fr", ["Texte reçu :", "Objet :"]),
])
def test_the_subject_label_is_not_repeated(register, lang, phrases):
    html, _ = letters.letter_html(complaint(register, lang), "acknowledgment", COMPLAINED)
    received, subject = phrases
    assert received in html and html.count(subject) == 1



@pytest.mark.parametrize("lang, signed, not_signed", [("ar", "محجوب ولد سالم", "Mahjoub"),
                                                      ("fr", "Mahjoub Ould Salem", "محجوب")])
def test_letters_sign_with_the_name_in_their_script(register, staff, lang, signed, not_signed):
    staff["head"].full_name, staff["head"].full_name_ar = "Mahjoub Ould Salem", "محجوب ولد سالم"
    case = appealed(register, staff, lang)
    html, _ = letters.letter_html(case, "head_complaint_acknowledgment", COMPLAINED, actor=staff["head"])
    signature = html[html.index('class="signature"'):]
    assert signed in signature and not_signed not in signature
