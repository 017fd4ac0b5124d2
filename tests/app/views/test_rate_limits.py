"""Staff sign-in and status lookups are throttled per client address (Flask-Limiter)."""
import pytest

from config import TestConfig


@pytest.fixture
def limited_app(app, tmp_path):
    """A second app with the limits on; the shared limiter is switched back off afterwards."""
    from app import create_app
    from app.extensions import limiter

    was_enabled = limiter.enabled

    class Limited(TestConfig):
        INSTANCE_DIR = tmp_path
        SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
        RATELIMIT_ENABLED = True
        LOGIN_RATE_LIMIT = LOOKUP_RATE_LIMIT = "3 per minute"

    yield create_app(Limited)
    limiter.reset()
    limiter.enabled = was_enabled


def test_staff_sign_in_is_throttled(limited_app):
    client = limited_app.test_client()
    codes = [client.post("/staff/login", data={"username": "nobody", "password": "wrong"},
                         environ_base={"REMOTE_ADDR": "127.0.9.1"}).status_code for _ in range(4)]
    assert codes[:3] != [429] * 3 and codes[3] == 429
    other = client.post("/staff/login", data={"username": "nobody", "password": "wrong"},
                        environ_base={"REMOTE_ADDR": "127.0.9.2"})
    assert other.status_code != 429


def test_status_lookups_are_throttled_with_a_json_answer_on_the_api(limited_app):
    client = limited_app.test_client()
    answers = [client.get("/api/v1/status/DAI-2025-000001", headers={"X-Access-Code": "ABCDEFGH"},
                          environ_base={"REMOTE_ADDR": "127.0.9.3"}) for _ in range(4)]
    assert [a.status_code for a in answers] == [404, 404, 404, 429]
    assert answers[3].json["error"] == "too_many_requests"
    page = [client.post("/status", data={"reference": "DAI-2025-000001", "access_code": "ABCDEFGH"},
                        environ_base={"REMOTE_ADDR": "127.0.9.4"}) for _ in range(4)]
    assert page[3].status_code == 429
