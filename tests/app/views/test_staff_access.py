"""Role and unit checks on EVERY route of the staff blueprints (walks app.url_map)."""
from datetime import date

import pytest
from flask import url_for

from app.extensions import db
from app.models.attachment import Attachment
from app.models.case_link import CaseLink
from app.models.holiday import Holiday
from app.models.letter_draft import LetterDraft
from app.models.released_document import ReleasedDocument
from app.models.text_module import TextModule
from app.models.tag import Tag
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401

STAFF_BLUEPRINTS = {"staff_auth", "cases", "admin", "privacy", "tokens", "staff_statistics"}
EVERYONE = {"admin", "supervisor", "officer", "complaints", "head", "viewer"}
ADMINS = {"admin"}
REGISTRARS = {"admin", "supervisor", "officer", "complaints"}
PUBLISHERS = {"admin", "supervisor", "officer"}   # the disclosure log: designated officers and supervisors

# endpoint → the cast members (usernames of the ``staff`` fixture) allowed to use it
ALLOWED = {
    "staff_auth.login": None,                      # the sign-in page itself is public
    "staff_auth.logout": EVERYONE,
    "cases.dashboard": EVERYONE,
    "cases.case_page": EVERYONE,
    "cases.letter_pdf": EVERYONE,
    "cases.attachment": EVERYONE,
    "cases.act": EVERYONE - {"viewer"},
    "cases.post_message": {"admin", "supervisor", "officer", "complaints"},
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
    # h1-deliver: released documents, letter drafts and sign-off, text modules
    "cases.add_documents": EVERYONE - {"viewer"},
    "cases.remove_document": EVERYONE - {"viewer"},
    "cases.document": EVERYONE,
    "cases.compose": EVERYONE - {"viewer"},
    "cases.preview": EVERYONE - {"viewer"},
    "cases.draft_page": EVERYONE,
    "cases.update_draft": EVERYONE - {"viewer"},
    "cases.draft_preview": EVERYONE,
    "cases.submit_draft": EVERYONE - {"viewer"},
    "cases.approve_draft": {"admin", "supervisor", "head"},
    "cases.reject_draft": {"admin", "supervisor", "head"},
    "cases.discard_draft": EVERYONE - {"viewer"},
    "cases.approvals": {"admin", "supervisor", "head"},
    "cases.text_module_list": {"admin", "supervisor"},
    "cases.create_text_module": {"admin", "supervisor"},
    "cases.edit_text_module": {"admin", "supervisor"},
    "cases.delete_text_module": {"admin", "supervisor"},
    # Law 09-08: the applicant's rights through staff, and the access log.
    "privacy.rectify": REGISTRARS,
    "privacy.export_json": REGISTRARS,
    "privacy.export_document": REGISTRARS,
    "privacy.new_access_code": REGISTRARS,
    "privacy.access_log_page": ADMINS,
    # API tokens: one's own; another's (the spare account's) only by the administrator.
    "tokens.mine": EVERYONE,
    "tokens.create": EVERYONE,
    "tokens.revoke": ADMINS,
    "tokens.all_tokens": ADMINS,
    "cases.case_list": EVERYONE,
    "cases.export": EVERYONE,
    "cases.bulk_assign_cases": {"admin", "supervisor"},
    "cases.add_note": EVERYONE - {"viewer"},
    "cases.set_tags": EVERYONE - {"viewer"},
    "cases.add_link": EVERYONE - {"viewer"},
    "cases.remove_link": EVERYONE - {"viewer"},
    "cases.print_case": EVERYONE,
    "admin.tags": {"admin", "supervisor"},
    "admin.create_tag": {"admin", "supervisor"},
    "admin.change_tag": {"admin", "supervisor"},
    "admin.assignment_policies": {"admin", "supervisor"},
    "admin.set_assignment_policy": ADMINS,
    "admin.categories": {"admin", "supervisor"},
    "admin.add_category": ADMINS,
    "admin.edit_category": ADMINS,
    "cases.change_category": {"admin", "supervisor", "complaints"},
    "staff_statistics.index": {"admin", "supervisor", "head"},
    # h9b-disclosure: the disclosure log (the walked request is not answered: 404 past the role checks)
    "cases.disclosure_page": EVERYONE,
    "cases.save_disclosure_summary": PUBLISHERS,
    "cases.publish_answer": PUBLISHERS,
    "cases.withhold_answer": PUBLISHERS,
    "cases.set_file_treatment": PUBLISHERS,
    "cases.redaction_page": EVERYONE,
    "cases.page_image": EVERYONE,
    "cases.add_redaction_box": PUBLISHERS,
    "cases.add_text_redaction": PUBLISHERS,
    "cases.redact_applicant": PUBLISHERS,
    "cases.remove_redaction_box": PUBLISHERS,
    "cases.disclosure_log_page": EVERYONE,
    "cases.new_register_entry": PUBLISHERS,
    "cases.take_down_register_entry": PUBLISHERS,
    # h8b-receipt: a letter's delivery by post or by hand
    "cases.record_delivery_page": REGISTRARS,
    # h8d-chain: correcting a delivery staff recorded
    "cases.correct_delivery_page": {"admin", "supervisor"},
}
CASE_SCOPED = {"cases.case_page", "cases.letter_pdf", "cases.attachment", "cases.act", "cases.registered",
               "cases.post_message",
               "cases.add_documents", "cases.remove_document", "cases.document", "cases.compose", "cases.preview",
               "cases.draft_page", "cases.update_draft", "cases.draft_preview", "cases.submit_draft",
               "cases.approve_draft", "cases.reject_draft", "cases.discard_draft",
               "privacy.rectify", "privacy.export_json", "privacy.export_document", "privacy.new_access_code",
               "cases.add_note", "cases.set_tags", "cases.add_link", "cases.remove_link", "cases.print_case",
               "cases.change_category",
               "cases.disclosure_page", "cases.save_disclosure_summary", "cases.publish_answer",
               "cases.withhold_answer", "cases.set_file_treatment", "cases.redaction_page", "cases.page_image",
               "cases.add_redaction_box", "cases.add_text_redaction", "cases.redact_applicant",
               "cases.remove_redaction_box",
               "cases.applicant_receipt", "cases.record_delivery_page", "cases.correct_delivery_page"}


def staff_rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint.split(".")[0] in STAFF_BLUEPRINTS]


def requests_for(app, rule, values):
    """(method, url) pairs for ``rule`` with its arguments filled from ``values``."""
    args = {name: values[name] for name in rule.arguments}
    if rule.endpoint in ("cases.compose", "cases.preview"):
        args["trigger"] = "answer"          # an action that issues a letter
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
    module = TextModule(title="Formule", body_ar="نص", body_fr="texte")
    drafts = {case.reference: LetterDraft(case_id=case.id, trigger="answer", letter_kind=kind,
                                          payload={"text": "x"}, author_id=staff["officer"].id)
              for case, kind in ((request, "answer"), (complaint, "complaint_answer"))}
    documents = {case.reference: ReleasedDocument(case_id=case.id, original_name="d.pdf", stored_name=f"none-{n}.pdf",
                                                  content_type="application/pdf", size=1, sha256="0" * 64)
                 for n, case in enumerate((request, complaint))}
    db.session.add_all([holiday, attachment, module, *drafts.values(), *documents.values()])
    spare.issue_token("spare's integration")
    db.session.commit()
    tag = Tag(name="presse")
    other = register().case
    link = CaseLink(case_id=request.id, linked_id=other.id, kind="related")
    db.session.add_all([tag, link])
    db.session.commit()
    from app.services.complaint_categories import all_categories

    values = {"reference": request.reference, "letter_id": request.letters[0].id, "trigger": "assign",
              "attachment_id": attachment.id, "user_id": spare.id, "holiday_id": holiday.id,
              "module_id": module.id, "draft_id": drafts[request.reference].id,
              "document_id": documents[request.reference].id, "token_id": spare.api_tokens[0].id,
              "fmt": "csv", "link_id": link.id, "tag_id": tag.id, "change": "retire",
              "category_id": all_categories()[0].id, "file_id": 1, "box_id": 1, "page": 1}
    ids = {ref: {"draft_id": drafts[ref].id, "document_id": documents[ref].id} for ref in drafts}
    return {"values": values, "request": request, "complaint": complaint, "ids": ids}


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
            values = dict(world["values"], reference=case.reference, letter_id=case.letters[0].id,
                          **world["ids"][case.reference])
            for method, url in requests_for(app, rule, values):
                assert client.open(url, method=method).status_code == 403, (method, url)
