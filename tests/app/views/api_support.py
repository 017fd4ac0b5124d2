"""Helpers for the API tests: bearer tokens for the usual cast, JSON calls, a case walked forward."""
import copy

import pytest

from tests.conftest import COMPLAINT, REQUEST


def bearer(user) -> dict:
    """Issue (and commit) a token for ``user``; the Authorization header that carries it."""
    from app.extensions import db

    token = user.issue_token()
    db.session.commit()
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def tokens(staff):
    """name → Authorization header, for each member of the ``staff`` cast."""
    return {name: bearer(user) for name, user in staff.items()}


def request_body(**changes) -> dict:
    """A fresh copy of the test information request, with top-level ``changes``."""
    return {**copy.deepcopy(REQUEST), **changes}


def complaint_body(**changes) -> dict:
    return {**copy.deepcopy(COMPLAINT), **changes}


def submit(client, kind="requests", body=None):
    """POST a public submission; returns the response."""
    body = body if body is not None else (request_body() if kind == "requests" else complaint_body())
    return client.post(f"/api/v1/{kind}", json=body)


def act(client, headers, reference, trigger, payload=None):
    """POST an action; returns the response."""
    return client.post(f"/api/v1/cases/{reference}/actions/{trigger}", json=payload or {}, headers=headers)


def status(client, reference, code, path=""):
    return client.get(f"/api/v1/status/{reference}{path}", headers={"X-Access-Code": code})
