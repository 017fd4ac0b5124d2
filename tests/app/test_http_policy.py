"""Cookies, HSTS, no-store, JSON-only API bodies, and a secret key that is never the published one."""
import os
import stat
import subprocess
import sys

import pytest

from app import create_app
from app.secret_key import instance_key
from config import BASE_DIR, DEV_SECRET, TestConfig
from tests.app.views.staff_support import PASSWORD


def production(tmp_path, app, **settings):
    class Production(TestConfig):
        NAFIDA_ENV = "production"
        SECRET_KEY = "k" * 40
        ACCESS_CODE_KEYS = "a" * 64
        INSTANCE_DIR = tmp_path
        SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
    for name, value in settings.items():
        setattr(Production, name, value)
    return Production


def set_cookie(response) -> str:
    return "; ".join(response.headers.getlist("Set-Cookie"))


def test_session_cookie_is_httponly_and_lax_not_secure_in_development(client, staff):
    response = client.post("/staff/login", data={"username": "officer", "password": PASSWORD})
    cookie = set_cookie(response)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert "Strict-Transport-Security" not in response.headers


def test_production_cookies_are_secure_and_answers_carry_hsts(app, staff, tmp_path):
    prod = create_app(production(tmp_path, app))
    client = prod.test_client()
    response = client.post("/staff/login", data={"username": "officer", "password": PASSWORD})
    cookie = set_cookie(response)
    assert response.status_code == 302
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert client.get("/").headers["Strict-Transport-Security"] == "max-age=31536000"


@pytest.mark.parametrize("path", ["/staff/login", "/staff/", "/api/v1/cases", "/api/v1/status/DAI-2025-000001",
                                  "/api/v1/openapi.json", "/status", "/access-code/lost"])
def test_staff_api_and_applicant_answers_are_never_stored(client, ctx, path):
    assert "no-store" in client.get(path).headers["Cache-Control"]


def test_staff_pages_signed_in_are_not_stored(app, staff):
    from tests.app.views.staff_support import signed_in

    client = signed_in(app, "viewer")
    assert client.get("/staff/").headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("content_type, body", [
    ("application/x-www-form-urlencoded", b"applicant=x"),
    ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data; name=a\r\n\r\nb\r\n--x--\r\n"),
    ("text/plain", b'{"applicant": {}}'),                # what a cross-site form can send as "JSON"
    (None, b'{"applicant": {}}'),
])
def test_the_api_refuses_bodies_that_are_not_json(client, ctx, content_type, body):
    from app.extensions import db
    from app.models.case import Case

    for path in ("/api/v1/requests", "/api/v1/complaints", "/api/v1/cases",
                 "/api/v1/status/DAI-2025-000001/actions/withdraw"):
        headers = {"Content-Type": content_type} if content_type else {}
        response = client.post(path, data=body, headers=headers)
        assert response.status_code == 415, (path, response.status_code)
        assert response.json["error"] == "unsupported_media_type" and "application/json" in response.json["reason"]
    assert db.session.execute(db.select(db.func.count(Case.id))).scalar() == 0


def test_an_empty_body_is_still_allowed_where_the_body_is_optional(client, ctx):
    response = client.post("/api/v1/status/DAI-2025-000001/actions/withdraw", headers={"X-Access-Code": "X"})
    assert response.status_code == 404


def test_the_openapi_document_declares_415_and_429(client, ctx):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert "415" in paths["/api/v1/requests"]["post"]["responses"]
    assert "429" in paths["/api/v1/requests"]["post"]["responses"]
    assert "429" in paths["/api/v1/status/{reference}/letters/{letter_id}"]["get"]["responses"]
    assert "429" not in paths["/api/v1/cases"]["get"]["responses"]


def test_the_instance_key_is_written_once_owner_only(tmp_path):
    key = instance_key(tmp_path / "instance")
    path = tmp_path / "instance" / "secret_key"
    assert len(key) >= 32 and key != DEV_SECRET
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert instance_key(tmp_path / "instance") == key


def test_a_server_started_without_a_key_uses_the_instance_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(NAFIDA_INSTANCE=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}")
    run = [sys.executable, "-c", "import wsgi; print(wsgi.app.secret_key)"]
    first = subprocess.run(run, cwd=BASE_DIR, env=env, capture_output=True, text=True)
    second = subprocess.run(run, cwd=BASE_DIR, env=env, capture_output=True, text=True)
    assert first.stdout.strip() == (tmp_path / "secret_key").read_text().strip() == second.stdout.strip()
    refused = subprocess.run(run, cwd=BASE_DIR, env={**env, "SECRET_KEY": DEV_SECRET}, capture_output=True, text=True)
    assert refused.returncode != 0 and "published development key" in refused.stderr


def test_production_needs_a_long_key_and_a_shared_limit_store(app, tmp_path):
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        create_app(production(tmp_path, app, SECRET_KEY=None))
    with pytest.raises(RuntimeError, match="at least 32"):
        create_app(production(tmp_path, app, SECRET_KEY="short"))
    with pytest.raises(RuntimeError, match="RATELIMIT_STORAGE_URI"):
        create_app(production(tmp_path, app, RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://"))
    assert not (tmp_path / "secret_key").exists()     # production never writes a key of its own
