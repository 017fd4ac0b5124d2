"""No English, French or package name on the main Arabic pages (issue 7 §2).

Each page is rendered in Arabic with realistic data; its visible text, less what people
wrote (names, addresses, texts), references, dates and codes set apart in a left-to-right
span, and a few allowed tokens, must hold no word in Latin script.
"""
import re
from datetime import datetime
from html.parser import HTMLParser

from app.extensions import db
from app.services.cases import fire
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401
from tests.conftest import COMPLAINT, REQUEST

# Names that have no Arabic form: file formats and their programs, the hash's name, and the
# name of the other language in its own script (the language switch and the correspondence choice).
ALLOWED = {"PDF", "PNG", "JPEG", "CSV", "DOCX", "XLSX", "ODT", "ODS", "Word", "Excel", "SHA", "Français"}
LATIN_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]+")
ARABIC_NAMES = {"supervisor": "خالد الهيبة", "officer": "عائشة بوخريص", "complaints": "هند الناجي",
                "head": "محجوب ولد سالم", "admin": "رشيدة بلخير", "viewer": "الأمين بشير"}


class VisibleText(HTMLParser):
    """The text a reader sees, without scripts, styles and left-to-right spans (codes, dates, references)."""

    SKIP = {"script", "style", "template"}
    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base"}

    def __init__(self):
        super().__init__()
        self.stack, self.parts = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        skipped = tag in self.SKIP or "ltr" in (attrs.get("class") or "").split() or attrs.get("dir") == "ltr" \
            or attrs.get("lang") not in (None, "ar")
        self.stack.append((tag, skipped))

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not any(skipped for _, skipped in self.stack):
            self.parts.append(data)


def latin_words(html: str, user_data=()) -> set[str]:
    """Latin-script words of the page's visible text, outside user data and the allowed tokens."""
    parser = VisibleText()
    parser.feed(html)
    text = " ".join(parser.parts)
    for value in sorted(user_data, key=len, reverse=True):
        text = text.replace(value, " ")
    text = re.sub(r"\b(DAI|REC)-\d{4}-\d{6}\b", " ", text)
    text = re.sub(r"\S+@\S+|https?://\S+|www\.\S+", " ", text)
    text = re.sub(r"\b[A-Z]{1,2}\d{5,}\b", " ", text)          # an identity-card number given as an example
    return {w for w in LATIN_WORD.findall(text) if w not in ALLOWED}


def user_values(*payloads) -> list[str]:
    out = []
    for payload in payloads:
        for value in payload.values():
            out += user_values(value) if isinstance(value, dict) else [value] if isinstance(value, str) else []
    return out


def test_portal_pages_in_arabic(app, client):
    for path in ("/?lang=ar", "/requests/new", "/complaints/new", "/status"):
        page = client.get(path)
        assert page.status_code == 200, path
        words = latin_words(page.get_data(as_text=True))
        assert not words, f"{path}: {sorted(words)}"


def test_status_page_in_arabic(app, client, register, staff):
    registered = register("information_request", REQUEST, received_at=datetime(2025, 10, 27, 9))
    case = registered.case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=datetime(2025, 10, 28, 9))
    fire(case, "extend", {"reason": "جرد أرشيف الدورات"}, actor=staff["officer"], now=datetime(2025, 11, 3, 9))
    complaint = register("complaint", {**COMPLAINT, "kind": "observation", "language": "ar"},
                         received_at=datetime(2025, 10, 27, 9))
    for reference, code in ((case.reference, registered.access_code),
                            (complaint.case.reference, complaint.access_code)):
        client.post("/status?lang=ar", data={"reference": reference, "access_code": code})
        page = client.get(f"/status/{reference}?lang=ar").get_data(as_text=True)
        assert reference in page
        words = latin_words(page, user_values(REQUEST, COMPLAINT))
        assert not words, f"{reference}: {sorted(words)}"


def test_staff_pages_in_arabic(app, register, staff):
    for name, user in staff.items():
        user.full_name_ar = ARABIC_NAMES[name]
    db.session.commit()
    request = register("information_request", REQUEST, received_at=datetime(2025, 10, 27, 9)).case
    fire(request, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=datetime(2025, 10, 28, 9))
    fire(request, "extend", {"reason": "جرد أرشيف الدورات"}, actor=staff["officer"], now=datetime(2025, 11, 3, 9))
    complaint = register("complaint", {**COMPLAINT, "kind": "proposal"}, received_at=datetime(2025, 10, 27, 9)).case
    fire(complaint, "assign", {"officer": "complaints"}, actor=staff["supervisor"], now=datetime(2025, 10, 28, 9))
    user_data = user_values(REQUEST, COMPLAINT) + ["جرد أرشيف الدورات"]
    client = signed_in(app, "supervisor")
    for path in ("/staff/?lang=ar", f"/staff/cases/{request.reference}", f"/staff/cases/{complaint.reference}",
                 "/staff/cases"):
        page = client.get(path)
        assert page.status_code == 200, path
        words = latin_words(page.get_data(as_text=True), user_data)
        assert not words, f"{path}: {sorted(words)}"
