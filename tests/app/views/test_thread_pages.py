"""The message thread on the pages: the status page (applicant) and the case page (staff), in ar and fr."""
import io
import re
from datetime import datetime, timedelta

import pytest

from app.extensions import db
from app.models import Attachment, Message
from app.services import messages
from app.services.calendar import utc_now
from app.services.cases import fire
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401
from tests.app.views.test_portal_support import PDF, REQUEST_FORM

EXE = b"MZ\x90\x00" + b"\x00" * 32


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def assigned(register, staff):
    """A request received an hour ago, assigned to ``officer``: (case, access code)."""
    now = utc_now()
    registered = register(received_at=now - timedelta(hours=1), now=now)
    fire(registered.case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=now)
    return registered.case, registered.access_code


def applicant(app, reference, code):
    """A browser that looked the case up (reference + access code)."""
    client = app.test_client()
    assert client.post("/status", data={"reference": reference, "access_code": code}).status_code == 302
    return client


def thread_html(page: str) -> str:
    return page.split('id="messages"')[1].split("</section>")[0]


def reply(client, reference, body="Il s'agit de l'année 2023.", files=()):
    data = {"body": body, "attachments": [(io.BytesIO(content), name) for name, content in files]}
    return client.post(f"/status/{reference}/messages", data=data, content_type="multipart/form-data")


@pytest.mark.parametrize("lang, policy, label, sentence", [
    ("fr", "keep_running", "Demande de précisions", "le délai de réponse continue de courir"),
    ("fr", "restart_on_reply", "Demande de précisions", "recommence à courir le jour où votre réponse est reçue"),
    ("ar", "keep_running", "طلب توضيح", "يستمر سريان أجل الرد"),
    ("ar", "restart_on_reply", "طلب توضيح", "يبتدئ أجل الرد من جديد"),
])
def test_the_status_page_shows_the_request_for_clarification_and_the_policy(
        app, assigned, staff, monkeypatch, lang, policy, label, sentence):
    monkeypatch.setitem(app.config, "CLARIFICATION_CLOCK_POLICY", policy)
    case, code = assigned
    messages.post_staff_message(case, "Quelle année visez-vous ?", actor=staff["officer"], clarification_request=True)
    page = text(applicant(app, case.reference, code).get(f"/status/{case.reference}?lang={lang}"))
    thread = thread_html(page)
    assert "Quelle année visez-vous ?" in thread and label in thread and sentence in thread
    assert 'class="warning"' in thread and 'enctype="multipart/form-data"' in thread
    assert "Officer" not in page and "officer" not in thread      # no staff name on the public page


def test_the_applicant_replies_with_a_document_and_sees_it_in_the_thread(app, assigned, staff):
    case, code = assigned
    messages.post_staff_message(case, "Précisez.", actor=staff["officer"], clarification_request=True)
    browser = applicant(app, case.reference, code)
    response = reply(browser, case.reference, files=[("budget 2023.pdf", PDF)])
    assert response.status_code == 302 and response.location.endswith(f"/status/{case.reference}#messages")
    page = text(browser.get(f"/status/{case.reference}"))
    assert "تم إرسال رسالتكم" in page and "Il s&#39;agit de l&#39;année 2023." in thread_html(page)
    assert "budget 2023.pdf" in thread_html(page) and 'class="warning"' not in thread_html(page)
    [stored] = db.session.execute(db.select(Message).filter_by(sender="applicant")).scalars().all()
    [file] = db.session.execute(db.select(Attachment).filter_by(message_id=stored.id)).scalars().all()
    assert (file.content_type, file.size) == ("application/pdf", len(PDF))
    path = app.config["ATTACHMENTS_DIR"] / file.stored_name
    assert path.read_bytes() == PDF and not path.is_relative_to(app.static_folder)


def test_a_refused_file_keeps_the_text_and_saves_nothing(app, assigned):
    case, code = assigned
    browser = applicant(app, case.reference, code)
    response = reply(browser, case.reference, body="Mon texte à garder", files=[("scan.pdf", EXE)])
    page = text(response)
    assert response.status_code == 422 and "Mon texte à garder" in page
    assert "PDF" in thread_html(page) and 'class="field-error"' in thread_html(page)
    empty = reply(browser, case.reference, body="   ")
    assert empty.status_code == 422 and 'aria-invalid="true"' in text(empty)
    assert db.session.execute(db.select(db.func.count(Message.id))).scalar_one() == 0


def test_only_a_looked_up_browser_may_reply_and_the_form_needs_its_csrf_token(app, assigned, monkeypatch):
    case, code = assigned
    stranger = reply(app.test_client(), case.reference)
    assert stranger.status_code == 302 and "/status?reference=" in stranger.location
    browser = applicant(app, case.reference, code)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    forged = reply(browser, case.reference)
    assert forged.status_code == 400
    page = text(browser.get(f"/status/{case.reference}"))
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', thread_html(page)).group(1)
    sent = browser.post(f"/status/{case.reference}/messages", data={"body": "Avec jeton", "csrf_token": token})
    assert sent.status_code == 302
    assert [m.body for m in db.session.execute(db.select(Message)).scalars()] == ["Avec jeton"]


def test_the_status_page_shows_no_personal_data_beyond_the_applicants_own_words(app, assigned, staff):
    case, code = assigned
    messages.post_staff_message(case, "Bonjour, merci de préciser.", actor=staff["officer"])
    messages.post_applicant_reply(case, "Voici ma précision.")
    page = text(applicant(app, case.reference, code).get(f"/status/{case.reference}"))
    party = case.party
    for secret in (party.first_name, party.last_name, party.id_number, party.email, party.address, party.phone,
                   code, staff["officer"].full_name):
        assert secret not in page, secret
    assert "Voici ma précision." in page


def test_the_officer_sees_new_replies_on_his_dashboard_until_he_opens_the_case(app, assigned, staff):
    case, _ = assigned
    messages.post_applicant_reply(case, "Une précision importante.")
    officer = signed_in(app, "officer")
    dashboard = text(officer.get("/staff/?lang=fr"))
    assert 'id="queue-replies"' in dashboard and case.reference in dashboard.split('id="queue-replies"')[1]
    assert "1 nouveau message" in dashboard
    supervisor_board = text(signed_in(app, "supervisor").get("/staff/"))
    assert 'id="queue-replies"' not in supervisor_board      # assigned: the officer's to read
    page = text(officer.get(f"/staff/cases/{case.reference}?lang=fr"))
    assert "Une précision importante." in thread_html(page) and "badge new" in thread_html(page)
    assert 'id="queue-replies"' not in text(officer.get("/staff/"))
    assert "badge new" not in thread_html(text(officer.get(f"/staff/cases/{case.reference}")))


def test_staff_ask_for_clarification_from_the_case_page(app, assigned):
    case, _ = assigned
    officer = signed_in(app, "officer")
    page = text(officer.get(f"/staff/cases/{case.reference}?lang=fr"))
    assert 'name="clarification"' in thread_html(page) and "continue de courir" in thread_html(page)
    response = officer.post(f"/staff/cases/{case.reference}/messages",
                            data={"body": "Précisez la période.", "clarification": "y"})
    assert response.status_code == 302 and response.location.endswith("#messages")
    page = text(officer.get(response.location))
    assert "La demande de précisions a été envoyée" in page
    assert "Une demande de précisions attend la réponse du demandeur." in thread_html(page)
    assert 'name="clarification"' not in thread_html(page)          # one awaiting reply at a time
    [message] = db.session.execute(db.select(Message)).scalars().all()
    assert message.clarification and message.author.username == "officer"
    assert "clarification" in [e.kind for e in case.events]


def test_a_bad_message_re_renders_with_the_field_error_and_a_stranger_is_refused(app, assigned, make_user):
    case, _ = assigned
    officer = signed_in(app, "officer")
    response = officer.post(f"/staff/cases/{case.reference}/messages", data={"body": "x" * 5001})
    assert response.status_code == 422 and "5000" in thread_html(text(response))
    make_user("officer2", "information_officer")
    other = signed_in(app, "officer2")
    refused = other.post(f"/staff/cases/{case.reference}/messages", data={"body": "Bonjour"}, follow_redirects=True)
    assert refused.status_code == 200 and 'name="body"' not in thread_html(text(refused))
    assert db.session.execute(db.select(db.func.count(Message.id))).scalar_one() == 0


def test_an_answered_request_offers_messages_but_no_clarification(app, assigned, staff):
    case, _ = assigned
    fire(case, "answer", {"outcome": "granted", "text": "Ci-joint."}, actor=staff["officer"])
    page = thread_html(text(signed_in(app, "officer").get(f"/staff/cases/{case.reference}")))
    assert 'name="body"' in page and 'name="clarification"' not in page


def test_requests_accept_attachments_on_the_portal_and_at_the_counter(app, staff):
    client = app.test_client()
    form = dict(REQUEST_FORM, attachments=[(io.BytesIO(PDF), "procuration.pdf")])
    response = client.post("/requests/new", data=form, content_type="multipart/form-data")
    assert response.status_code == 200 and "DAI-" in text(response) and "has-error" not in text(response)
    bad = client.post("/requests/new", data=dict(REQUEST_FORM, attachments=[(io.BytesIO(EXE), "x.pdf")]),
                      content_type="multipart/form-data")
    assert bad.status_code == 200 and "PDF" in text(bad) and "has-error" in text(bad)
    officer = signed_in(app, "officer")
    counter = dict({k: v for k, v in REQUEST_FORM.items() if k not in ("urgency", "urgency_reason")},
                   channel="counter", received_at=(datetime.now() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
                   attachments=[(io.BytesIO(PDF), "courrier scanné.pdf")])
    registered = officer.post("/staff/cases/new?type=information_request", data=counter,
                              content_type="multipart/form-data")
    assert registered.status_code == 200 and "has-error" not in text(registered), text(registered)[:2000]
    names = sorted(db.session.execute(db.select(Attachment.original_name)).scalars())
    assert names == ["courrier scanné.pdf", "procuration.pdf"]
