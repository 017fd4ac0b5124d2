"""Staff sign-in and sign-out; sessions end when an account is deactivated or its password changes."""
import pytest

from tests.app.views.staff_support import fresh_request_state, login, signed_in  # noqa: F401


def test_login_page_renders_in_arabic_by_default(client, ctx):
    page = client.get("/staff/login")
    assert page.status_code == 200
    assert 'dir="rtl"' in page.get_data(as_text=True)


def test_login_then_dashboard_then_logout(client, staff):
    response = login(client, "officer")
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/")
    assert client.get("/staff/").status_code == 200
    assert client.post("/staff/logout").status_code == 302
    assert client.get("/staff/").status_code == 302


def test_wrong_password_is_refused_with_one_message(client, staff):
    response = login(client, "officer", "not-the-password")
    assert response.status_code == 401
    assert client.get("/staff/").status_code == 302
    unknown = login(client, "nobody", "whatever-password")
    assert unknown.status_code == 401


def test_deactivated_account_cannot_sign_in(client, staff):
    from app.extensions import db

    staff["viewer"].deactivate()
    db.session.commit()
    assert login(client, "viewer").status_code == 401


def test_next_parameter_only_goes_to_a_local_path(client, staff):
    response = client.post("/staff/login?next=/staff/admin/users",
                           data={"username": "admin", "password": "Secret-pass-2026"})
    assert response.headers["Location"].endswith("/staff/admin/users")
    client.post("/staff/logout")
    response = client.post("/staff/login?next=https://evil.example/x",
                           data={"username": "admin", "password": "Secret-pass-2026"})
    assert response.headers["Location"].endswith("/staff/")


def test_anonymous_dashboard_redirects_to_login(client, ctx):
    response = client.get("/staff/")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


def test_deactivation_through_the_admin_ui_ends_the_session(app, staff):
    officer = signed_in(app, "officer")
    admin = signed_in(app, "admin")
    assert officer.get("/staff/").status_code == 200
    assert admin.post(f"/staff/admin/users/{staff['officer'].id}/deactivate").status_code == 302
    response = officer.get("/staff/")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


def test_password_reset_through_the_admin_ui_ends_the_session(app, staff):
    officer = signed_in(app, "officer")
    admin = signed_in(app, "admin")
    response = admin.post(f"/staff/admin/users/{staff['officer'].id}/password",
                          data={"password": "A-brand-new-pass-1"})
    assert response.status_code == 302
    assert officer.get("/staff/").status_code == 302
    assert login(app.test_client(), "officer").status_code == 401
    assert login(app.test_client(), "officer", "A-brand-new-pass-1").status_code == 302


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_csrf_is_enforced_on_staff_forms(client, staff, csrf_on):
    assert login(client, "officer").status_code == 400   # no token: refused before the view
    page = client.get("/staff/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/staff/login", data={"username": "officer", "password": "Secret-pass-2026",
                                                 "csrf_token": token})
    assert response.status_code == 302
    assert client.post("/staff/logout").status_code == 400
