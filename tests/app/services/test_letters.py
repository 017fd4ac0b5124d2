"""Letters: every kind in Arabic and French, text extracted with pdftotext, escaping, storage."""
import copy
import hashlib
import re
import subprocess
from datetime import date, datetime

import pytest

from app.extensions import db
from app.models.letter import Letter
from app.pdf import AssetFetcher, render_pdf
from app.services import letters
from app.services.cases import fire
from app.services.letter_facts import LETTER_KINDS, LetterUnavailable
from app.services.letter_text import long_date
from tests.conftest import COMPLAINT, REQUEST
from workflows.statute import GROUNDS

pytestmark = pytest.mark.real_pdf

RECEIVED = datetime(2025, 10, 27, 9, 0)      # Mon: answer due Wed 2025-11-26 (LAW.md §5)
ASSIGNED = datetime(2025, 10, 28, 9, 0)
ANSWERED = datetime(2025, 11, 3, 9, 0)       # complaint to the head until Wed 2025-12-03 (6 and 18 Nov are holidays)
COMPLAINED = datetime(2025, 11, 3, 10, 0)    # head's decision due Wed 2025-11-26 (LAW.md §5)
HOSTILE = '<b>x</b><img src="file:///etc/passwd">'
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(pdf: bytes) -> str:
    """The PDF's text in logical order, as pdftotext extracts it, without bidi control marks."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    return BIDI_CONTROLS.sub("", out.stdout.decode("utf-8"))


LOOSE = re.compile(r"[\s.,،:;()]")


def squash(text: str) -> str:
    """Without whitespace and sentence punctuation: lines wrap, and pdftotext moves spaces and
    a neighbouring full stop, comma or parenthesis across a change of direction (the page is right)."""
    return LOOSE.sub("", str(text))


def assert_says(pdf: bytes, *phrases):
    text = squash(pdf_text(pdf))
    for phrase in phrases:
        assert squash(phrase) in text, phrase


def letter_of(case, kind) -> Letter:
    return [letter for letter in case.letters if letter.kind == kind][-1]


def request(register, lang, **fields):
    data = copy.deepcopy(REQUEST)
    data["language"] = lang
    data.update(fields)
    return register("information_request", data, received_at=RECEIVED).case


def complaint(register, lang):
    data = copy.deepcopy(COMPLAINT)
    data["language"] = lang
    return register("complaint", data, received_at=RECEIVED).case


def answered(register, staff, lang, outcome="refused", grounds=("exception_art7",), text="Marché en cours."):
    case = request(register, lang)
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=ASSIGNED)
    withheld = [{"part": "Annexe 3", "ground": g} for g in grounds] if outcome == "partly_granted" else []
    fire(case, "answer", {"outcome": outcome, "grounds": list(grounds), "text": text, "withheld": withheld},
         actor=staff["officer"], now=ANSWERED)
    return case


def appealed(register, staff, lang):
    case = answered(register, staff, lang)
    fire(case, "complain_to_head", {"text": "Je conteste ce refus."}, applicant=True, now=COMPLAINED)
    return case


@pytest.mark.parametrize("lang, words", [
    ("ar", ["وصل إيداع طلب الحصول على المعلومات", "القانون رقم 31.13 المتعلق بالحق في الحصول على المعلومات",
            "الإثنين 27 أكتوبر 2025", "5 جمادى الأولى 1447", "الأربعاء 26 نونبر 2025", "20 يوم عمل",
            "سلمى البناني", "حي الوحدة، زنقة 12، العيون", "المملكة المغربية", "وزارة الداخلية",
            "جهة العيون الساقية الحمراء", "المادة 14"]),
    ("fr", ["Récépissé de dépôt d'une demande d'accès à l'information", "loi n° 31.13",
            "lundi 27 octobre 2025", "5 Joumada al-oula 1447", "mercredi 26 novembre 2025", "20 jours ouvrables",
            "ROYAUME DU MAROC", "Ministère de l'Intérieur", "Région de Laâyoune-Sakia El Hamra", "l'article 14"]),
])
def test_request_acknowledgment(register, lang, words):
    case = request(register, lang)
    letter = letter_of(case, "acknowledgment")
    assert (letter.language, letter.issued_at) == (lang, RECEIVED)
    assert letter.sha256 == hashlib.sha256(letter.pdf).hexdigest()
    assert_says(letter.pdf, case.reference, *words)


@pytest.mark.parametrize("lang, words", [
    ("ar", ["إشعار بالتوصل بشكاية", "المرسوم رقم 2.17.265", "60 يوما", "الجمعة 26 دجنبر 2025",
            "مصلحة تدبير الشكايات"]),
    ("fr", ["Accusé de réception de votre réclamation", "décret n° 2.17.265", "60 jours", "vendredi 26 décembre 2025",
            "Route régionale dégradée", "Le service de gestion des réclamations"]),
])
def test_complaint_acknowledgment_has_its_own_wording(register, lang, words):
    case = complaint(register, lang)
    assert_says(letter_of(case, "acknowledgment").pdf, case.reference, *words)
    assert "31.13" not in pdf_text(letter_of(case, "acknowledgment").pdf)


@pytest.mark.parametrize("lang, words", [
    ("ar", ["إشعار بتمديد أجل الرد", "المادة 16", "20 يوم عمل", "الأربعاء 24 دجنبر 2025", "جرد أرشيف الدورات"]),
    ("fr", ["prorogation du délai de réponse", "l'article 16", "20 jours ouvrables", "mercredi 24 décembre 2025",
            "jrd arshyf"]),
])
def test_extension_notice(register, staff, lang, words):
    case = request(register, lang)
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=ASSIGNED)
    reason = "جرد أرشيف الدورات" if lang == "ar" else "jrd arshyf des sessions"
    fire(case, "extend", {"reason": reason}, actor=staff["officer"], now=datetime(2025, 11, 10, 9))
    assert case.clock("answer").due_on == date(2025, 12, 24)
    assert_says(letter_of(case, "extension_notice").pdf, case.reference, *words)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_refusal_names_grounds_articles_reasons_and_last_date(register, staff, lang):
    case = answered(register, staff, lang, grounds=("exception_art7", "in_preparation"),
                    text="Les marchés sont en cours de passation.")
    assert case.clock("complaint_to_head_window").last_day == date(2025, 12, 3)
    pdf = letter_of(case, "answer").pdf
    labels = [getattr(GROUNDS[g], "label_" + lang) for g in ("exception_art7", "in_preparation")]
    last = {"ar": "الأربعاء 3 دجنبر 2025", "fr": "mercredi 3 décembre 2025"}[lang]
    head = {"ar": "رئيس الهيئة", "fr": "réclamation auprès du chef de l'organisme"}[lang]
    article = {"ar": ["المادة 18", "المادة 19", "في المادة 7"], "fr": ["l'article 18", "l'article 19", "l'article 7"]}
    assert_says(pdf, case.reference, *labels, "Les marchés sont en cours de passation.", last, head, *article[lang])


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("outcome, grounds, complaint_right", [
    ("granted", (), False), ("partly_granted", ("already_published",), True), ("not_held", (), True)])
def test_every_answer_outcome(register, staff, lang, outcome, grounds, complaint_right):
    case = answered(register, staff, lang, outcome=outcome, grounds=grounds, text="Voir la délibération 45/2023.")
    text = squash(pdf_text(letter_of(case, "answer").pdf))
    assert squash("Voir la délibération 45/2023.") in text
    assert (squash(long_date(date(2025, 12, 3), lang)) in text) is complaint_right
    for code in grounds:
        assert squash(getattr(GROUNDS[code], "label_" + lang)) in text


@pytest.mark.parametrize("lang, words", [
    ("ar", ["إشعار بالتوصل بشكاية موجهة إلى رئيس الهيئة", "15 يوم عمل", "الأربعاء 26 نونبر 2025",
            "الإثنين 3 نونبر 2025", "رئيس مجلس الجهة", "وثيقة صادرة إلكترونيا"]),
    ("fr", ["Accusé de réception de votre réclamation auprès du chef de l'organisme", "15 jours ouvrables",
            "mercredi 26 novembre 2025", "lundi 3 novembre 2025", "Le Président du Conseil régional",
            "Document établi électroniquement"]),
])
def test_head_complaint_acknowledgment(register, staff, lang, words):
    case = appealed(register, staff, lang)
    assert_says(letter_of(case, "head_complaint_acknowledgment").pdf, case.reference, *words)


@pytest.mark.parametrize("lang, words", [
    ("ar", ["لجنة الحق في الحصول على المعلومات", "المادة 20", "30 يوما", "الأحد 7 دجنبر 2025",
            "الإثنين 8 دجنبر 2025", "يبقى قرار رفض تسليم المعلومات المطلوبة قائما"]),
    ("fr", ["Commission du droit d'accès à l'information (CDAI)", "l'article 20", "30 jours",
            "dimanche 7 décembre 2025", "lundi 8 décembre 2025", "le refus de communiquer"]),
])
def test_head_decision_upheld_gives_the_cdai_window(register, staff, lang, words):
    case = appealed(register, staff, lang)
    fire(case, "decide", {"decision": "upheld", "text": "Exception confirmée."}, actor=staff["head"],
         now=datetime(2025, 11, 7, 9))
    cdai = case.clock("cdai_window")
    assert (cdai.due_on, cdai.last_day) == (date(2025, 12, 7), date(2025, 12, 8))   # a Sunday: §4.4
    assert_says(letter_of(case, "head_decision").pdf, case.reference, "Exception confirmée.", *words,
                staff["head"].full_name)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_head_decision_overturned_gives_the_delivery_date(register, staff, lang):
    case = appealed(register, staff, lang)
    fire(case, "decide", {"decision": "overturned", "text": "L'information doit être communiquée."}, actor=staff["head"], now=datetime(2025, 11, 7, 9))
    due = case.clock("delivery_after_overturn").due_on
    words = {"ar": "تقرر قبول شكايتكم", "fr": "votre réclamation est accueillie"}[lang]
    assert_says(letter_of(case, "head_decision").pdf, words, long_date(due, lang))
    assert "CDAI" not in pdf_text(letter_of(case, "head_decision").pdf)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_complaint_answer_and_redirection(register, staff, lang):
    answer = complaint(register, lang)
    fire(answer, "assign", {"officer": "complaints"}, actor=staff["supervisor"], now=ASSIGNED)
    fire(answer, "answer", {"text": "Les travaux sont programmés pour mars 2026."}, actor=staff["complaints"],
         now=ANSWERED)
    assert_says(letter_of(answer, "complaint_answer").pdf, answer.reference,
                "Les travaux sont programmés pour mars 2026.", "Route régionale dégradée")
    moved = complaint(register, lang)
    body = "المديرية الإقليمية للتجهيز بالعيون" if lang == "ar" else "Direction provinciale de l'équipement"
    fire(moved, "redirect", {"competent_body": body}, actor=staff["supervisor"], now=ASSIGNED)
    assert_says(letter_of(moved, "redirection_notice").pdf, moved.reference, body)


def test_every_kind_has_a_template(register, staff):
    """The callers' kinds (each kind's letter_after and registration) are exactly the kinds rendered."""
    from workflows.kinds import SPECS
    issued = {kind for entry in SPECS.values() for kind in entry.letter_after.values()}
    assert issued | {"acknowledgment"} == set(LETTER_KINDS)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_user_text_is_escaped_and_fetches_nothing(register, staff, lang):
    case = request(register, lang, information_requested=HOSTILE)
    case.party.first_name = HOSTILE
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=ASSIGNED)
    fire(case, "answer", {"outcome": "refused", "grounds": ["already_published"], "text": HOSTILE},
         actor=staff["officer"], now=ANSWERED)
    html, qr = letters.letter_html(case, "answer", ANSWERED)
    assert "<img src=\"file:///etc/passwd\">" not in html and "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    fetcher = AssetFetcher([qr])
    pdf = render_pdf(html, fetcher=fetcher)
    assert fetcher.refused == [] and not any("passwd" in url for url in fetcher.asked)
    assert all(url == qr or url.startswith("file://") and "/letter_assets/" in url for url in fetcher.asked)
    # name, request, reasons: literal text. In an Arabic page pdftotext moves the closing '">'
    # of a left-to-right line to its start (the page shows it in place).
    shown = HOSTILE if lang == "fr" else HOSTILE[:-2]
    assert squash(pdf_text(pdf)).count(squash(shown)) == 3


def test_embedded_values_keep_their_own_direction(register, staff):
    address = "Avenue Mohammed VI, n° 12 B, 70000 Laâyoune"
    case = request(register, "ar", applicant={**REQUEST["applicant"], "address": address})
    html, _ = letters.letter_html(case, "acknowledgment", RECEIVED)
    assert f'<span class="ltr">{case.reference}</span>' in html
    assert '<span class="ltr">Avenue Mohammed VI, n° 12 B, 70000 Laâyoune</span>' in html
    assert '<span class="rtl">سلمى البناني</span>' in html
    lines = pdf_text(letter_of(case, "acknowledgment").pdf).splitlines()
    assert address in [line.strip() for line in lines]
    french = request(register, "fr")
    assert '<span class="rtl">سلمى البناني</span>' in letters.letter_html(french, "acknowledgment", RECEIVED)[0]


def test_arabic_font_is_embedded(register, tmp_path):
    case = request(register, "ar")
    path = tmp_path / "letter.pdf"
    path.write_bytes(letter_of(case, "acknowledgment").pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout.decode()
    naskh = [line for line in fonts.splitlines() if "Noto-Naskh-Arabic" in line]
    assert naskh and all(" yes yes " in line for line in naskh)     # embedded, subset


def test_qr_points_to_the_status_page_without_the_access_code(register):
    registered = register("information_request", copy.deepcopy(REQUEST), received_at=RECEIVED)
    html, qr = letters.letter_html(registered.case, "acknowledgment", RECEIVED)
    url = letters.status_url(registered.case.reference)
    assert url == f"http://127.0.0.1:5000/status?reference={registered.case.reference}"
    assert qr == letters.qr_data_uri(url) and qr.startswith("data:image/png;base64,") and f'src="{qr}"' in html
    assert registered.access_code not in html


def test_issued_letters_are_stored_and_never_change(register, staff):
    case = answered(register, staff, "fr")
    ids = {letter.kind: (letter.id, letter.sha256) for letter in case.letters}
    db.session.expire_all()
    for letter in db.session.execute(db.select(Letter)).scalars():
        assert hashlib.sha256(letter.pdf).hexdigest() == letter.sha256 == ids[letter.kind][1]
    events = [e for e in case.events if e.kind == "letter"]
    assert [e.data["kind"] for e in events] == ["acknowledgment", "answer"]
    assert events[1].actor_id == staff["officer"].id and events[1].data["sha256"] == ids["answer"][1]
    assert letter_of(case, "answer").issued_by_id == staff["officer"].id


def test_letter_filename_and_response(register, app):
    case = request(register, "ar")
    letter = letter_of(case, "acknowledgment")
    name = letters.letter_filename(letter)
    assert name == f"{case.reference}-acknowledgment-20251027-{letter.id}.pdf" and name.isascii()
    with app.test_request_context():
        response = letters.letter_response(letter, as_attachment=True)
        response.direct_passthrough = False
        assert response.mimetype == "application/pdf" and response.get_data() == letter.pdf
        assert "no-store" in response.headers["Cache-Control"] and name in response.headers["Content-Disposition"]


def test_a_letter_needs_its_facts(register):
    case = request(register, "ar")
    for kind in ("extension_notice", "answer", "head_decision", "no_such_kind"):
        with pytest.raises(LetterUnavailable):
            letters.issue_letter(case, kind, now=RECEIVED)
    assert [letter.kind for letter in case.letters] == ["acknowledgment"]


def test_an_issued_letter_cannot_be_altered(register):
    case = request(register, "fr")
    letter = letter_of(case, "acknowledgment")
    letter.pdf = b"%PDF-1.7 forged"
    with pytest.raises(ValueError, match="never changes"):
        db.session.commit()
    db.session.rollback()
    assert hashlib.sha256(db.session.get(Letter, letter.id).pdf).hexdigest() == letter.sha256


@pytest.mark.parametrize("lang, words", [
    ("ar", ["3 أيام عمل", "المادة 17", "الخميس 30 أكتوبر 2025", "طفل في خطر"]),
    ("fr", ["3 jours ouvrables", "l'article 17", "jeudi 30 octobre 2025", "طفل في خطر"]),
])
def test_urgent_request_acknowledgment(register, lang, words):
    case = request(register, lang, urgent=True, urgency_reason="طفل في خطر")
    assert_says(letter_of(case, "acknowledgment").pdf, *words)


@pytest.mark.parametrize("lang, words", [
    ("ar", ["بسبب عدم الرد على طلبكم داخل الأجل القانوني"]),
    ("fr", ["faute de réponse à votre demande dans le délai légal"]),
])
def test_head_complaint_after_deemed_refusal(register, staff, lang, words):
    case = request(register, lang)
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=ASSIGNED)
    fire(case, "deem_refusal", {}, now=datetime(2025, 11, 27, 9))
    fire(case, "complain_to_head", {"text": "Je conteste ce refus."}, applicant=True, now=datetime(2025, 11, 28, 9))
    assert_says(letter_of(case, "head_complaint_acknowledgment").pdf, case.reference, *words)


def test_a_phone_number_keeps_its_order_only_inside_its_span(app):
    """Why every value is wrapped: bare, a spaced number is reordered inside Arabic text."""
    page = letters.letter_environment().from_string(
        '{% import "letters/_macros.html" as m with context %}<html lang="ar" dir="rtl"><head>'
        '<meta charset="utf-8"><link rel="stylesheet" href="letter.css"></head><body>'
        '<p>الهاتف: {{ m.v(phone) }} شكرا</p><p>بدون: {{ phone }} شكرا</p></body></html>')
    text = pdf_text(render_pdf(page.render(lang="ar", phone="+212 6 61 23 45 67")))
    wrapped, bare = [line for line in text.splitlines() if "شكرا" in line]
    assert "+212 6 61 23 45 67" in wrapped
    assert "+212 6 61 23 45 67" not in bare


def test_a_phone_number_inside_arabic_user_text_keeps_its_order(register, staff):
    moved = complaint(register, "ar")
    body = "الوكالة الحضرية للعيون (AUL) — الهاتف 0528-99-12-34"
    fire(moved, "redirect", {"competent_body": body}, actor=staff["supervisor"], now=ASSIGNED)
    text = pdf_text(letter_of(moved, "redirection_notice").pdf)
    assert "0528-99-12-34" in text and "34-12-99-0528" not in text and "AUL" in text
