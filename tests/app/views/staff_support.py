"""Helpers for the staff view tests: sign a test client in as one of the usual cast."""
import pytest
from flask import request_started

PASSWORD = "Secret-pass-2026"


def login(client, username, password=PASSWORD):
    """Post the sign-in form; returns the response (302 on success)."""
    return client.post("/staff/login", data={"username": username, "password": password})


def signed_in(app, username, password=PASSWORD):
    """A fresh test client signed in as ``username``."""
    client = app.test_client()
    response = login(client, username, password)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


def forget_request_state(sender, **extra):
    """Drop what Flask-Login, Flask-Babel and the calendar cache in ``g``.

    The ``ctx`` fixture keeps one application context open for the whole test, and
    the test client's requests reuse it, so ``g`` would otherwise carry the first
    request's user into the next one (in production each request has its own).
    """
    from flask import g

    g.pop("_login_user", None)
    g.pop("working_calendar", None)
    g.pop("_flask_babel", None)     # the page's language, chosen per request


@pytest.fixture(autouse=True)
def fresh_request_state(app):
    """Autouse in the modules that import it: each request starts with an empty ``g`` cache."""
    request_started.connect(forget_request_state, app)
    yield
    request_started.disconnect(forget_request_state, app)
