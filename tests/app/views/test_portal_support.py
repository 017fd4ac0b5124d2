"""Shared pieces of the portal tests: form data as a person types it, row counts, code checks."""
import re
from contextlib import contextmanager

import pytest

from app.extensions import db

REQUEST_FORM = {
    "first_name": "سلمى", "last_name": "البناني", "id_number": "SH123456",
    "address": "حي الوحدة، زنقة 12، العيون", "email": "salma.b@example.org", "phone": "+212 6 61 23 45 67",
    "information_requested": "نسخة من محضر الدورة العادية لمجلس الجهة لشهر أكتوبر 2023",
    "urgency": "ordinary", "urgency_reason": "", "access_form": "electronic_copy", "language": "ar",
}
COMPLAINT_FORM = {
    "first_name": "Mina", "last_name": "Ouchen", "id_number": "SH202020", "address": "Route de Smara, Laâyoune",
    "email": "mina.ouchen@example.org", "phone": "+212 6 55 44 33 22", "kind": "complaint", "category": "roads",
    "subject": "Route régionale dégradée",
    "description": "Le tronçon entre Laâyoune et Tarfaya au PK 37 est très dégradé.", "language": "fr",
}
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
CODE_IN_PAGE = re.compile(r'<span class="ltr code">([A-Z0-9]{10})</span>')


@pytest.fixture
def portal(app):
    """The app with the official holidays seeded, holding no app context: each request gets its own."""
    from app.services.holidays import seed_official_holidays

    with app.app_context():
        seed_official_holidays()
    return app


@contextmanager
def database(app):
    """An app context for checking rows after requests (fresh session)."""
    with app.app_context():
        yield db.session


def row_counts(app) -> dict[str, int]:
    """Rows in every table except the seeded reference tables (holidays, complaint categories)."""
    with database(app) as session:
        return {t.name: session.execute(db.select(db.func.count()).select_from(t)).scalar_one()
                for t in db.metadata.sorted_tables if t.name not in ("holidays", "complaint_categories")}


def assert_no_case_rows(app):
    """Nothing of a case was saved: no row in any table (staff users aside)."""
    counts = row_counts(app)
    assert {k: v for k, v in counts.items() if v and k != "users"} == {}, counts


def case_of(app, reference):
    """A fresh look at the case ``reference`` (use inside ``database(app)``)."""
    from app.models import Case

    return db.session.execute(db.select(Case).filter_by(reference=reference)).scalar_one()


def submit(client, path, data, **kwargs):
    """POST a portal form; returns the response (no redirect followed)."""
    return client.post(path, data=data, **kwargs)


def shown_once(response):
    """(reference, access code, page) read from the answer to a submission: the page that shows the code once."""
    assert response.status_code == 200, response.status_code
    page = response.get_data(as_text=True)
    reference = re.search(r'<span class="ltr code">((?:DAI|REC)-\d{4}-\d{6})</span>', page).group(1)
    return reference, CODE_IN_PAGE.search(page).group(1), page
