"""The status lookup: right and wrong codes, no personal data, letters, applicant actions."""
import re
from datetime import timedelta

import pytest
from itsdangerous.timed import TimestampSigner

from app.services.calendar import utc_now
from app.services.cases import fire
from tests.app.views.test_portal_support import case_of, database, portal  # noqa: F401
from tests.conftest import COMPLAINT, REQUEST


@pytest.fixture
def officers(portal):
    """Supervisor, information officer and complaints officer, made without holding an app context."""
    from app.extensions import db
    from app.models.user import DEFAULT_UNIT, Role, User

    with database(portal):
        for username, role in (("supervisor", Role.SUPERVISOR), ("officer", Role.INFORMATION_OFFICER),
                               ("complaints", Role.COMPLAINTS_OFFICER)):
            unit = DEFAULT_UNIT.get(role)
            user = User(username=username, full_name=username.title(), role=role.value,
                        unit=unit.value if unit else None)
            user.set_password("Secret-pass-2026")
            db.session.add(user)
        db.session.commit()


@pytest.fixture
def filed(portal, officers):
    """Factory: file a case now (plus optional staff steps); returns (reference, access code)."""
    from app.services.registration import register_case

    def make(kind="information_request", steps=(), received_at=None):
        with database(portal):
            now = utc_now()
            data = REQUEST if kind == "information_request" else COMPLAINT
            registered = register_case(kind, data, received_at=received_at or now - timedelta(hours=1), now=now)
            case = registered.case
            for trigger, payload, actor, when in steps:
                fire(case, trigger, payload, actor=_user(actor) if actor else None, now=when or now)
            return case.reference, registered.access_code
    return make


def look_up(client, reference, code):
    return client.post("/status", data={"reference": reference, "access_code": code})


def assert_code_never_in_urls(responses, code):
    for response in responses:
        assert code not in (response.location or "")
        assert code not in response.request.url


def test_right_code_shows_the_state(filed, client):
    reference, code = filed()
    response = look_up(client, reference, code.lower())
    assert response.status_code == 302 and response.location.endswith(f"/status/{reference}")
    page = client.get(response.location).get_data(as_text=True)
    assert "تم التوصل بالطلب" in page and reference in page
    assert "المادة 16" in page and "اليوم 0" in page           # clock article and counting note
    assert "المدة المتبقية" in page
    assert_code_never_in_urls([response], code)
    french = client.get(f"/status/{reference}?lang=fr").get_data(as_text=True)
    assert "Demande reçue" in french and "jour 0" in french and "art. 16" in french


def test_lookup_prefills_the_reference_from_the_qr_code_link(filed, client):
    reference, _ = filed()
    page = client.get(f"/status?reference={reference}").get_data(as_text=True)
    assert f'value="{reference}"' in page


def test_wrong_code_and_unknown_reference_give_the_same_bytes(filed, client, monkeypatch):
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: 1_700_000_000)
    reference, code = filed()
    client.get("/status")
    wrong = look_up(client, reference, "WRONGCODE1")
    unknown = look_up(client, "DAI-2026-999999", code)
    assert wrong.status_code == unknown.status_code == 200
    # The reference stays filled in as typed (issue 7 §7); apart from it, the two answers are the same bytes.
    assert f'value="{reference}"'.encode() in wrong.data and b'value="DAI-2026-999999"' in unknown.data
    assert wrong.data.replace(reference.encode(), b"REF") == unknown.data.replace(b"DAI-2026-999999", b"REF")
    assert list(wrong.headers.items()) == list(unknown.headers.items())
    assert "الرقم المرجعي أو رمز الولوج غير صحيح" in wrong.get_data(as_text=True)
    assert client.get(f"/status/{reference}").status_code == 302   # nothing was unlocked


def test_status_page_without_a_lookup_goes_to_the_form(filed, client):
    reference, _ = filed()
    response = client.get(f"/status/{reference}")
    assert response.status_code == 302 and f"/status?reference={reference}" in response.location


@pytest.mark.parametrize("kind, data, party", [
    ("information_request", REQUEST, "applicant"), ("complaint", COMPLAINT, "complainant")])
def test_status_page_never_shows_personal_data(filed, client, kind, data, party):
    reference, code = filed(kind)
    look_up(client, reference, code)
    pages = [client.get(f"/status/{reference}?lang={lang}").get_data(as_text=True) for lang in ("ar", "fr")]
    secrets = list(data[party].values())
    secrets += [data.get("information_requested"), data.get("subject"), data.get("description")]
    for page in pages:
        for value in filter(None, secrets):
            assert value not in page, value
        assert code not in page


def test_letters_download_after_lookup_or_with_the_code(filed, client, app):
    reference, code = filed()
    with database(app):
        letter_id = case_of(app, reference).letters[0].id
    path = f"/status/{reference}/letters/{letter_id}"
    assert client.get(path).status_code == 404                      # no lookup yet
    assert client.post(path, data={"access_code": "WRONGCODE1"}).status_code == 404
    by_code = client.post(path, data={"access_code": code})
    assert by_code.status_code == 200 and by_code.data.startswith(b"%PDF")
    look_up(client, reference, code)
    page = client.get(f"/status/{reference}").get_data(as_text=True)
    assert f'href="{path}"' in page and "وصل الإيداع" in page
    assert client.get(path).data.startswith(b"%PDF")
    assert client.get(f"/status/{reference}/letters/999999").status_code == 404


def test_forget_ends_the_session_access(filed, client):
    reference, code = filed()
    look_up(client, reference, code)
    assert client.get(f"/status/{reference}").status_code == 200
    client.post("/status/forget")
    assert client.get(f"/status/{reference}").status_code == 302


def refused_answer(when=None):
    payload = {"outcome": "refused", "grounds": ["exception_art7"], "text": "معلومات تتعلق بالحياة الخاصة"}
    return [("assign", {"officer": "officer"}, "supervisor", when), ("answer", payload, "officer", when)]


def test_complaint_to_the_head_from_the_status_page(filed, client, app):
    reference, code = filed(steps=refused_answer())
    look_up(client, reference, code)
    page = client.get(f"/status/{reference}").get_data(as_text=True)
    assert "/actions/complain_to_head" in page and "رئيس مجلس الجهة" in page
    response = client.post(f"/status/{reference}/actions/complain_to_head",
                           data={"text": "أطعن في قرار الرفض لأن المعلومات لا تمس الحياة الخاصة"})
    assert response.status_code == 302 and response.location.endswith(f"/status/{reference}")
    page = client.get(response.location).get_data(as_text=True)
    assert "شكاية لدى رئيس الهيئة قيد الدراسة" in page and "أطعن في قرار الرفض" not in page
    with database(app):
        case = case_of(app, reference)
        assert case.state == "appealed"
        assert "head_complaint_acknowledgment" in [l.kind for l in case.letters]
        assert case.events[-1].trigger == "complain_to_head" or any(
            e.trigger == "complain_to_head" for e in case.events)
    assert_code_never_in_urls([response], code)


def test_complaint_to_the_head_outside_the_window_is_refused_with_the_reason(filed, client, app):
    past = utc_now() - timedelta(days=120)
    reference, code = filed(steps=refused_answer(past), received_at=past - timedelta(days=2))
    look_up(client, reference, code)
    client.get("/?lang=fr")
    assert "/actions/complain_to_head" not in client.get(f"/status/{reference}").get_data(as_text=True)
    with database(app):
        before = case_of(app, reference).version
    response = client.post(f"/status/{reference}/actions/complain_to_head", data={"text": "trop tard"})
    page = client.get(response.location).get_data(as_text=True)
    assert "Le délai pour présenter une réclamation auprès du chef de l&#39;organisme a pris fin le" in page \
        or "Le délai pour présenter une réclamation auprès du chef de l'organisme a pris fin le" in page
    with database(app):
        case = case_of(app, reference)
        assert (case.state, case.version) == ("answered", before)


def answered_complaint():
    return [("assign", {"officer": "complaints"}, "supervisor", None),
            ("answer", {"text": "Les travaux sont programmés pour mars."}, "complaints", None)]


def test_rate_then_reopen_once_from_the_status_page(filed, client, app):
    reference, code = filed("complaint", steps=answered_complaint())
    look_up(client, reference, code)
    page = client.get(f"/status/{reference}").get_data(as_text=True)
    assert "/actions/rate" in page and "/actions/reopen" in page
    assert client.post(f"/status/{reference}/actions/rate", data={"rating": "9"}).status_code == 302
    with database(app):
        assert case_of(app, reference).rating is None
    client.post(f"/status/{reference}/actions/rate", data={"rating": "4"})
    again = client.post(f"/status/{reference}/actions/rate", data={"rating": "5"})
    assert "سبق تقييم هذا الرد" in client.get(again.location).get_data(as_text=True)
    with database(app):
        case = case_of(app, reference)
        assert case.rating == 4 and any(e.kind == "rating" and e.data == {"rating": 4, "reason_code": "by_applicant"} for e in case.events)
    client.post(f"/status/{reference}/actions/reopen", data={"text": "Rien n'a changé sur la route."})
    with database(app):
        case = case_of(app, reference)
        assert (case.state, case.reopen_count, case.rating) == ("assigned", 1, None)
        fire(case, "answer", {"text": "Nouvelle réponse."}, actor=_user("complaints"))
    response = client.post(f"/status/{reference}/actions/reopen", data={"text": "encore"})
    assert "سبق أن أعيد فتح هذه الشكاية مرة واحدة" in client.get(response.location).get_data(as_text=True)
    with database(app):
        assert case_of(app, reference).state == "answered"


def _user(username):
    from app.extensions import db
    from app.models.user import User

    return db.session.execute(db.select(User).filter_by(username=username)).scalar_one()


def test_withdraw_a_request_from_the_status_page(filed, client, app):
    reference, code = filed()
    look_up(client, reference, code)
    assert "/actions/withdraw" in client.get(f"/status/{reference}").get_data(as_text=True)
    client.post(f"/status/{reference}/actions/withdraw")        # not confirmed: nothing happens
    with database(app):
        assert case_of(app, reference).state != "closed"
    client.post(f"/status/{reference}/actions/withdraw", data={"confirm": "y"})
    with database(app):
        case = case_of(app, reference)
        assert (case.state, case.outcome) == ("closed", "withdrawn")
    page = client.get(f"/status/{reference}").get_data(as_text=True)
    assert "/actions/" not in page


def test_actions_need_a_lookup_first(filed, client, app):
    reference, _ = filed(steps=refused_answer())
    response = client.post(f"/status/{reference}/actions/complain_to_head", data={"text": "x"})
    assert response.status_code == 302 and "/status?reference=" in response.location
    with database(app):
        assert case_of(app, reference).state == "answered"


def test_submitted_flow_never_puts_the_code_in_a_url(portal, client):
    from tests.app.views.test_portal_support import REQUEST_FORM

    response = client.post("/requests/new", data=REQUEST_FORM, follow_redirects=True)
    code = re.search(r'<span class="ltr code">([A-Z0-9]{10})</span>', response.get_data(as_text=True)).group(1)
    assert_code_never_in_urls(list(response.history) + [response], code)
    reference = re.search(r"(DAI-\d{4}-\d{6})", response.get_data(as_text=True)).group(1)
    followed = client.post("/status", data={"reference": reference, "access_code": code}, follow_redirects=True)
    assert_code_never_in_urls(list(followed.history) + [followed], code)
    assert code not in followed.get_data(as_text=True)
