"""Signing out ends the session everywhere; tokens open /api only; the token pages."""
import re

from app.extensions import db
from app.models.staff_session import StaffSession
from tests.app.views.api_support import bearer
from tests.app.views.staff_support import fresh_request_state, login, signed_in  # noqa: F401


def cookie_copy(app, client):
    """A second browser holding a copy of ``client``'s session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session", domain="nafida.test").value, domain="nafida.test")
    return thief


def test_a_cookie_copied_before_logout_is_refused_after(app, staff):
    client = signed_in(app, "officer")
    thief = cookie_copy(app, client)
    assert thief.get("/staff/").status_code == 200          # the copy works while the session lives
    assert client.post("/staff/logout").status_code == 302
    refused = thief.get("/staff/")
    assert refused.status_code == 302 and "/staff/login" in refused.location
    with app.app_context():
        (record,) = db.session.execute(db.select(StaffSession)).scalars()
        assert record.ended_at is not None


def test_two_sign_ins_are_two_sessions_and_ending_one_keeps_the_other(app, staff):
    laptop, phone = signed_in(app, "officer"), signed_in(app, "officer")
    laptop.post("/staff/logout")
    assert phone.get("/staff/").status_code == 200
    assert laptop.get("/staff/").status_code == 302


def test_a_session_expires_after_staff_session_hours(app, staff, monkeypatch):
    monkeypatch.setitem(app.config, "STAFF_SESSION_HOURS", 0)
    client = signed_in(app, "officer")
    assert client.get("/staff/").status_code == 302


def test_a_bearer_token_does_not_open_the_staff_pages(app, staff):
    with app.app_context():
        headers = bearer(db.session.merge(staff["admin"]))
    client = app.test_client()
    assert client.get("/api/v1/cases", headers=headers).status_code == 200
    for path in ("/staff/", "/staff/admin/users", "/staff/tokens"):
        response = client.get(path, headers=headers)
        assert response.status_code == 302 and "/staff/login" in response.location


def test_a_member_creates_sees_once_and_revokes_a_token(app, staff):
    client = signed_in(app, "viewer")
    page = client.post("/staff/tokens", data={"name": "tableau de bord", "days": "30"})
    assert page.status_code == 200
    token = re.search(r'<code class="ltr code token">([^<]+)</code>', page.get_data(as_text=True)).group(1)
    api = app.test_client()
    assert api.get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    listing = client.get("/staff/tokens").get_data(as_text=True)
    assert "tableau de bord" in listing and token not in listing
    token_id = re.search(r'/staff/tokens/(\d+)/revoke', listing).group(1)
    assert client.post(f"/staff/tokens/{token_id}/revoke").status_code == 302
    assert api.get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_token_form_errors_are_shown(app, staff):
    client = signed_in(app, "viewer")
    page = client.post("/staff/tokens?lang=fr", data={"name": "", "days": "999"})
    assert page.status_code == 422 and 'aria-invalid="true"' in page.get_data(as_text=True)


def test_the_administrator_lists_and_revokes_anyones_token(app, staff):
    with app.app_context():
        headers = bearer(db.session.merge(staff["officer"]))
    admin = signed_in(app, "admin")
    page = admin.get("/staff/admin/tokens?lang=fr").get_data(as_text=True)
    assert "officer" in page and "1 jeton au total." in page
    token_id = re.search(r'/staff/tokens/(\d+)/revoke', page).group(1)
    assert signed_in(app, "supervisor").post(f"/staff/tokens/{token_id}/revoke").status_code == 403
    assert admin.post(f"/staff/tokens/{token_id}/revoke").status_code == 302
    assert app.test_client().get("/api/v1/cases", headers=headers).status_code == 401
