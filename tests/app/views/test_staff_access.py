"""Role and unit checks on EVERY route of the staff blueprints (walks app.url_map)."""
from datetime import date

import pytest
from flask import url_for

from app.extensions import db
from app.models.attachment import Attachment
from app.models.holiday import Holiday
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401

STAFF_BLUEPRINTS = {"staff_auth", "cases", "admin"}
EVERYONE = {"admin", "supervisor", "officer", "complaints", "head", "viewer"}
ADMINS = {"admin"}

# endpoint → the cast members (usernames of the ``staff`` fixture) allowed to use it
ALLOWED = {
    "staff_auth.login": None,                      # the sign-in page itself is public
    "staff_auth.logout": EVERYONE,
    "cases.dashboard": EVERYONE,
    "cases.case_page": EVERYONE,
    "cases.letter_pdf": EVERYONE,
    "cases.attachment": EVERYONE,
    "cases.act": EVERYONE - {"viewer"},
    "cases.new_case": {"admin", "supervisor", "officer"},   # ?type=information_request
    "cases.registered": {"admin", "supervisor", "officer", "complaints"},
    "cases.applicant_receipt": {"admin", "supervisor", "officer", "complaints"},
    "admin.index": {"admin", "supervisor"},
    "admin.users": {"admin", "supervisor"},
    "admin.holiday_table": {"admin", "supervisor"},
    "admin.create_user": ADMINS,
    "admin.deactivate_user": ADMINS,
    "admin.reset_password": ADMINS,
    "admin.add_holiday": ADMINS,
    "admin.move_holiday": ADMINS,
    "admin.confirm_holiday": ADMINS,
    "admin.remove_holiday": ADMINS,
}
CASE_SCOPED = {"cases.case_page", "cases.letter_pdf", "cases.attachment", "cases.act", "cases.registered",
               "cases.applicant_receipt"}


def staff_rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint.split(".")[0] in STAFF_BLUEPRINTS]


def requests_for(app, rule, values):
    """(method, url) pairs for ``rule`` with its arguments filled from ``values``."""
    args = {name: values[name] for name in rule.arguments}
    if rule.endpoint == "cases.new_case":
        args["type"] = "information_request"
    with app.test_request_context():
        url = url_for(rule.endpoint, **args)
    return [(method, url) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]


@pytest.fixture
def world(register, staff, make_user, app):
    """One case of each kind with a letter and an attachment, a spare account and a spare date."""
    request = register().case
    complaint = register("complaint").case
    spare = make_user("spare", "viewer")
    holiday = Holiday(day=date(2031, 5, 5), key="closure", name_ar="عطلة", name_fr="fermeture",
                      kind="closure", status="estimated")
    attachment = Attachment(case_id=request.id, original_name="a.pdf", stored_name="none.pdf",
                            content_type="application/pdf", size=1, sha256="0" * 64)
    db.session.add_all([holiday, attachment])
    db.session.commit()
    values = {"reference": request.reference, "letter_id": request.letters[0].id, "trigger": "assign",
              "attachment_id": attachment.id, "user_id": spare.id, "holiday_id": holiday.id}
    return {"values": values, "request": request, "complaint": complaint}


def test_the_table_covers_every_staff_route(app):
    assert {r.endpoint for r in staff_rules(app)} == set(ALLOWED)


def test_anonymous_is_sent_to_the_login_page(app, world):
    client = app.test_client()
    for rule in staff_rules(app):
        if ALLOWED[rule.endpoint] is None:
            continue
        for method, url in requests_for(app, rule, world["values"]):
            response = client.open(url, method=method)
            assert response.status_code == 302, (method, url)
            assert "/staff/login" in response.headers["Location"], (method, url)


def test_roles_not_allowed_get_403_and_allowed_ones_pass(app, world):
    """Walks every route as each role (on an information request for the case routes)."""
    clients = {name: signed_in(app, name) for name in EVERYONE}
    for rule in staff_rules(app):
        allowed = ALLOWED[rule.endpoint]
        if allowed is None or rule.endpoint == "staff_auth.logout":
            continue
        if rule.endpoint in CASE_SCOPED:
            allowed = allowed - {"complaints"}    # the case walked is an information request
        for method, url in requests_for(app, rule, world["values"]):
            for name in sorted(EVERYONE):
                status = clients[name].open(url, method=method).status_code
                if name in allowed:
                    assert status not in (401, 403), (name, method, url, status)
                else:
                    assert status == 403, (name, method, url, status)


def test_officers_of_the_other_unit_get_403_on_every_case_route(app, world):
    officer, complaints = signed_in(app, "officer"), signed_in(app, "complaints")
    complaint, request = world["complaint"], world["request"]
    for rule in staff_rules(app):
        if rule.endpoint not in CASE_SCOPED:
            continue
        for case, client in ((complaint, officer), (request, complaints)):
            values = dict(world["values"], reference=case.reference, letter_id=case.letters[0].id)
            for method, url in requests_for(app, rule, values):
                assert client.open(url, method=method).status_code == 403, (method, url)
