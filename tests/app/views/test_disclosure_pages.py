"""The disclosure log through the pages: staff prepare, redact, publish and withhold; the public lists,
searches and downloads — and no page or file of the log carries the applicant's identity."""
import re

import flask_babel
import pymupdf
import pytest
from flask import request_started

from app.extensions import db
from app.services import disclosures, publication
from tests.app.disclosure_support import (ANSWERED, DUE, LATIN_REQUEST, PERSONAL, granted, pdf_naming_the_applicant,
                                          pdf_text, png_image)
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401
from tests.conftest import COMPLAINT


@pytest.fixture(autouse=True)
def fresh_locale(app):
    """Each request chooses its language again (the ``ctx`` fixture keeps one app context for the test)."""
    def forget(sender, **extra):
        flask_babel.refresh()
    request_started.connect(forget, app)
    yield
    request_started.disconnect(forget, app)


def text(response):
    return response.get_data(as_text=True)


def entry_of(case):
    db.session.expire_all()
    return disclosures.entry_of(case)


def test_the_case_page_shows_when_the_answer_will_be_published(app, granted, staff):
    case = granted(("pv.png", png_image()))
    officer = signed_in(app, "officer")
    page = text(officer.get(f"/staff/cases/{case.reference}"))
    assert 'id="disclosure"' in page and "2025-12-03" in page
    prepared = officer.get(f"/staff/cases/{case.reference}/disclosure")
    assert prepared.status_code == 200 and "2025-12-03" in text(prepared)
    assert signed_in(app, "complaints").get(f"/staff/cases/{case.reference}/disclosure").status_code == 403
    refused = granted(outcome="refused")
    assert officer.get(f"/staff/cases/{refused.reference}/disclosure").status_code == 404
    assert 'id="disclosure"' not in text(officer.get(f"/staff/cases/{refused.reference}"))


def test_summary_withhold_and_publish_through_the_forms(app, granted, staff):
    case = granted(("pv.png", png_image()))
    officer = signed_in(app, "officer")
    base = f"/staff/cases/{case.reference}/disclosure"
    named = officer.post(f"{base}/summary?lang=fr",
                         data={"summary-title": "PV", "summary-summary": "Demande de سلمى البناني"})
    assert named.status_code == 422 and "Ce texte nomme le demandeur" in text(named)
    assert officer.post(f"{base}/summary", data={"summary-title": "Procès-verbal d'octobre 2023",
                                                  "summary-summary": "Le procès-verbal de la session."}).status_code == 302
    assert officer.post(f"{base}/withhold", data={"withhold-reason": ""}).status_code == 422
    assert officer.post(f"{base}/withhold", data={"withhold-reason": "Document interne."}).status_code == 302
    assert entry_of(case).status == "withheld"
    assert signed_in(app, "viewer").post(f"{base}/publish").status_code == 403
    assert officer.post(f"{base}/publish").status_code == 302
    assert entry_of(case).status == "published"
    public = app.test_client().get(f"/disclosures/{case.reference}")
    assert public.status_code == 200 and "Procès-verbal d&#39;octobre 2023" in text(public)


def test_the_redaction_page_draws_boxes_and_previews_the_published_page(app, granted, staff):
    case = granted(("pv.pdf", pdf_naming_the_applicant()), data=LATIN_REQUEST)
    item = disclosures.ensure_entry(case, ANSWERED).files[0]
    db.session.commit()
    officer = signed_in(app, "officer")
    base = f"/staff/cases/{case.reference}/disclosure/files/{item.id}"
    page = officer.get(base)
    assert page.status_code == 200 and 'viewBox="0 0 595 842"' in text(page) and "js/redaction.js" in text(page)
    image = officer.get(f"{base}/pages/1.png")
    assert image.status_code == 200 and image.data.startswith(b"\x89PNG")
    assert officer.get(f"{base}/pages/9.png").status_code == 404
    off_page = officer.post(f"{base}/boxes?lang=fr", data={"box-page": 1, "box-x0": 700, "box-y0": 900, "box-x1": 800,
                                                    "box-y1": 950, "box-ground": "personal_data"})
    assert off_page.status_code == 422 and "La zone doit se trouver sur la page" in text(off_page)
    drawn = officer.post(f"{base}/boxes", data={"box-page": 1, "box-x0": 300, "box-y0": 300, "box-x1": 400,
                                                 "box-y1": 400, "box-ground": "state_security"})
    assert drawn.status_code == 302
    assert officer.post(f"{base}/boxes/text", data={"words-text": "Proces-verbal",
                                                     "words-ground": "investigations"}).status_code == 302
    assert officer.post(f"{base}/boxes/applicant").status_code == 302
    boxes = list(entry_of(case).files[0].boxes)
    assert {b.ground for b in boxes} == {"state_security", "investigations", "personal_data"}
    listed = text(officer.get(base))
    assert listed.count('class="box"') >= 3
    preview = officer.get(f"{base}/pages/1.png?preview=1")
    assert preview.status_code == 200 and preview.data != image.data
    removed = officer.post(f"/staff/cases/{case.reference}/disclosure/boxes/{boxes[0].id}/remove")
    assert removed.status_code == 302 and len(entry_of(case).files[0].boxes) == len(boxes) - 1
    assert officer.post(f"/staff/cases/{case.reference}/disclosure/publish").status_code == 302
    assert entry_of(case).status == "published"


def test_publishing_a_file_that_names_the_applicant_is_refused_with_the_reason(app, granted, staff):
    case = granted(("pv.pdf", pdf_naming_the_applicant()), data=LATIN_REQUEST)
    officer = signed_in(app, "officer")
    refused = officer.post(f"/staff/cases/{case.reference}/disclosure/publish?lang=fr", follow_redirects=True)
    assert "Le fichier 1 ne peut pas être publié" in text(refused) and "numéro de CNIE" in text(refused)
    assert entry_of(case).status == "scheduled"
    french = officer.get(f"/staff/cases/{case.reference}/disclosure?lang=fr")
    assert "Publication sur le registre" in text(french)


def test_the_public_log_lists_searches_and_serves_redacted_files(app, granted, staff):
    case = granted(("pv.pdf", pdf_naming_the_applicant()), data=LATIN_REQUEST)
    item = disclosures.ensure_entry(case, ANSWERED).files[0]
    db.session.commit()
    from app.services import redaction_boxes

    redaction_boxes.add_text_boxes(case, item.id, redaction_boxes.applicant_needles(case.party), "personal_data",
                                   staff["officer"], now=ANSWERED)
    disclosures.save_summary(case, "Procès-verbal d'octobre 2023", "Le procès-verbal de la session ordinaire.",
                             staff["officer"], now=ANSWERED)
    publication.publish_due(DUE)
    hidden = granted(("x.png", png_image()))
    publication.withhold(hidden, "interne", staff["officer"], now=ANSWERED)
    public = app.test_client()
    listing = public.get("/disclosures")
    assert listing.status_code == 200 and case.reference in text(listing) and hidden.reference not in text(listing)
    assert case.reference in text(public.get("/disclosures?q=proces+verbal"))
    assert case.reference in text(public.get("/disclosures?q=" + "تمت الاستجابة"))
    assert case.reference not in text(public.get("/disclosures?q=budget+octobre+inexistant"))
    short = public.get("/disclosures?q=pv")
    assert short.status_code == 200 and "اكتبوا 3 حروف" in text(short)
    assert public.get(f"/disclosures/{hidden.reference}").status_code == 404
    page = public.get(f"/disclosures/{case.reference}")
    link = re.search(r'href="(/disclosures/[^"]+/files/\d+)"', text(page)).group(1)
    download = public.get(link)
    assert download.status_code == 200 and download.headers["Content-Type"] == "application/pdf"
    assert "attachment" in download.headers["Content-Disposition"] and case.reference in download.headers[
        "Content-Disposition"]
    assert "Budget des routes" in pdf_text(download.data) and "Bennani" not in pdf_text(download.data)
    assert public.get(f"/disclosures/{case.reference}/files/999999").status_code == 404


def test_no_page_or_file_of_the_log_carries_personal_data(app, granted, register, staff):
    """Scan every public page and file of the log for the test applicants' names, CNIE, e-mail, phone."""
    register("complaint", data=COMPLAINT)
    latin = granted(("pv.pdf", pdf_naming_the_applicant()), data=LATIN_REQUEST)
    arabic = granted(("photo.png", png_image()), outcome="partly_granted")
    item = disclosures.ensure_entry(latin, ANSWERED).files[0]
    db.session.commit()
    from app.services import redaction_boxes

    redaction_boxes.add_text_boxes(latin, item.id, redaction_boxes.applicant_needles(latin.party), "personal_data",
                                   staff["officer"], now=ANSWERED)
    publication.publish_due(DUE)
    assert entry_of(latin).status == entry_of(arabic).status == "published"
    public, seen = app.test_client(), []
    for lang in ("ar", "fr"):
        for url in ("/disclosures", f"/disclosures/{latin.reference}", f"/disclosures/{arabic.reference}",
                    "/disclosures?q=accord", "/disclosures?source=answer", "/"):
            response = public.get(f"{url}{'&' if '?' in url else '?'}lang={lang}")
            assert response.status_code == 200, url
            seen.append(text(response))
        for reference in (latin.reference, arabic.reference):
            for link in re.findall(r'href="(/disclosures/[^"]+/files/\d+)"', text(public.get(f"/disclosures/{reference}"))):
                data = public.get(link).data
                seen.append(data.decode("latin-1"))
                if data.startswith(b"%PDF"):
                    with pymupdf.open(stream=data, filetype="pdf") as doc:
                        seen.append(pdf_text(data) + str(doc.metadata) + (doc.get_xml_metadata() or ""))
    everything = "\n".join(seen)
    assert "Disclosure log" in everything or "سجل" in everything
    leaked = [p for p in PERSONAL if p.lower() in everything.lower()]
    assert leaked == []


def test_the_register_of_proactive_publications(app, staff):
    officer = signed_in(app, "officer")
    assert signed_in(app, "viewer").get("/staff/disclosures/register/new").status_code == 403
    form = officer.get("/staff/disclosures/register/new")
    assert form.status_code == 200
    import io

    missing = officer.post("/staff/disclosures/register/new", data={"title": "", "category": "budget"},
                           content_type="multipart/form-data")
    assert missing.status_code == 422
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Budget 2026 du Conseil regional")
    doc.set_metadata({"author": "Service financier"})
    posted = officer.post("/staff/disclosures/register/new", content_type="multipart/form-data", data={
        "title": "Budget 2026", "description": "Le budget voté en octobre 2025.", "category": "budget",
        "files": [(io.BytesIO(doc.tobytes()), "budget.pdf")]})
    assert posted.status_code == 302
    listing = text(app.test_client().get("/disclosures?source=register&lang=fr"))
    reference = re.search(r"PUB-\d{4}-\d{6}", listing).group(0)
    assert "Budget 2026" in listing and "Budget et comptes" in listing
    entry_page = text(app.test_client().get(f"/disclosures/{reference}"))
    link = re.search(r'href="(/disclosures/[^"]+/files/\d+)"', entry_page).group(1)
    data = app.test_client().get(link).data
    with pymupdf.open(stream=data, filetype="pdf") as published:
        assert not published.metadata.get("author") and "Budget 2026" in published[0].get_text()
    staff_log = text(officer.get("/staff/disclosures?status=published"))
    assert reference in staff_log
    assert officer.post(f"/staff/disclosures/{reference}/take-down", data={"down-reason": "Remplacé."}).status_code == 302
    assert app.test_client().get(f"/disclosures/{reference}").status_code == 404
    assert app.test_client().get(link).status_code == 404


def test_the_portal_navigation_links_the_log(app, ctx):
    home = app.test_client().get("/?lang=fr")
    assert 'href="/disclosures"' in text(home)
