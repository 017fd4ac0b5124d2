"""The applicant's own pages: confirming the e-mail address, getting a new access code."""
import re

from app.extensions import db
from app.models.notification import Notification
from app.services.access_code_recovery import NEW_CODE_PATH
from app.services.email_confirmation import CONFIRM_PATH
from tests.app.views.test_portal_support import (REQUEST_FORM, case_of, database, portal,  # noqa: F401
                                                 shown_once, submit)


def notices(app, prefix):
    with database(app):
        return [(n.recipient, n.subject, n.body) for n in db.session.execute(
            db.select(Notification).where(Notification.dedup_key.startswith(prefix))).scalars()]


def path_in(body, path):
    return path + body.split(path, 1)[1].split()[0]


def test_a_portal_submission_asks_the_address_to_confirm_itself(portal, client, app):
    reference, _, page = shown_once(submit(client, "/requests/new", REQUEST_FORM))
    assert "افتحوا الرابط الذي تتضمنه لتأكيد العنوان" in page
    ((recipient, subject, body),) = notices(app, "confirm:")
    assert recipient == "salma.b@example.org" and reference in subject and "سلمى" not in body
    assert notices(app, "letter:") == []
    link = path_in(body, CONFIRM_PATH)
    shown = client.get(link + "?lang=fr")
    assert shown.status_code == 200 and "Confirmer mon adresse électronique" in shown.get_data(as_text=True)
    assert notices(app, "letter:") == []                     # opening the link (a mail scanner) changes nothing
    done = client.post(link)
    assert done.status_code == 200 and reference in done.get_data(as_text=True)
    assert [r for r, _, _ in notices(app, "letter:")] == ["salma.b@example.org"]
    with database(app):
        assert case_of(app, reference).party.email_confirmed_by == "link"


def test_a_broken_confirmation_link_is_a_translated_404(portal, client):
    page = client.get(CONFIRM_PATH + "not-a-token?lang=fr")
    assert page.status_code == 404 and "Ce lien n'est pas valable" in page.get_data(as_text=True)
    assert client.post(CONFIRM_PATH + "not-a-token").status_code == 404


def test_lost_code_gives_the_same_page_whether_the_reference_exists_or_not(portal, client, app):
    reference, _, _ = shown_once(submit(client, "/requests/new", REQUEST_FORM))
    known = client.post("/access-code/lost", data={"reference": reference})
    unknown = client.post("/access-code/lost", data={"reference": "DAI-2025-999999"})
    assert known.status_code == unknown.status_code == 200
    assert known.get_data() == unknown.get_data()
    assert len(notices(app, "access-link:")) == 1


def test_the_e_mailed_link_shows_a_new_code_once_and_the_old_one_stops(portal, client, app):
    reference, old_code, _ = shown_once(submit(client, "/requests/new", REQUEST_FORM))
    client.post("/access-code/lost", data={"reference": reference})
    ((_, _, body),) = notices(app, "access-link:")
    link = path_in(body, NEW_CODE_PATH)
    browser = app.test_client()
    page = browser.get(link).get_data(as_text=True)
    assert "اعرضوا رمز الولوج الجديد" in page and old_code not in page
    shown = browser.post(link)
    assert shown.headers["Cache-Control"] == "no-store"
    new_code = re.search(r'<span class="ltr code">([A-Z0-9]{10})</span>', shown.get_data(as_text=True)).group(1)
    assert new_code != old_code
    lookup = app.test_client()
    assert lookup.post("/status", data={"reference": reference, "access_code": old_code}).status_code == 200
    assert lookup.post("/status", data={"reference": reference, "access_code": new_code}).status_code == 302
    again = browser.post(link)
    assert again.status_code == 404 and "سبق استعماله" in again.get_data(as_text=True)


def test_the_lookup_page_offers_the_lost_code_page(portal, client):
    page = client.get("/status?lang=fr").get_data(as_text=True)
    assert 'href="/access-code/lost"' in page and "Code d'accès perdu ?" in page
    form = client.get("/access-code/lost?lang=fr").get_data(as_text=True)
    assert "M'envoyer un lien" in form and 'name="reference"' in form
