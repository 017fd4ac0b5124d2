"""The public intake forms: information request and complaint, happy paths, bad input, CSRF."""
import io
import re

import pytest

from tests.app.views.test_portal_support import (COMPLAINT_FORM, PDF, PNG, REQUEST_FORM, assert_no_case_rows,
                                                 case_of, database, portal, shown_once, submit)  # noqa: F401


def test_home_links_to_both_forms_and_the_lookup(portal, client, app):
    page = client.get("/").get_data(as_text=True)
    assert 'dir="rtl"' in page and "31.13" in page and "2.17.265" in page
    for path in ("/requests/new", "/complaints/new", "/status"):
        assert f'href="{path}"' in page
    assert 'dir="ltr"' in client.get("/?lang=fr").get_data(as_text=True)


def test_request_form_has_every_art_14_field_with_bound_labels(portal, client, app):
    page = client.get("/requests/new").get_data(as_text=True)
    for name in ("first_name", "last_name", "id_number", "address", "email", "phone",
                 "information_requested", "urgency_reason"):
        assert f'<label for="{name}">' in page and f'id="{name}"' in page
    for value in ("ordinary", "urgent", "consultation", "paper_copy", "electronic_copy", "ar", "fr"):
        assert f'value="{value}"' in page


def test_request_happy_path_shows_code_once_and_gives_the_receipt(portal, client, app):
    response = submit(client, "/requests/new", REQUEST_FORM)
    reference, code, page = shown_once(response)      # in the answer to the post itself
    assert re.fullmatch(r"DAI-\d{4}-\d{6}", reference)
    assert "salma.b@example.org" not in page and "البريد الإلكتروني" in page
    with database(app):
        case = case_of(app, reference)
        assert (case.channel, case.kind, case.access_form, case.urgent, case.language) == (
            "portal", "information_request", "electronic_copy", False, "ar")
        assert case.party.id_number == "SH123456" and case.party.first_name == "سلمى"
    assert f'action="/receipt/{reference}"' in page and f'name="access_code" value="{code}"' in page
    receipt = client.post(f"/receipt/{reference}", data={"access_code": code})
    assert receipt.status_code == 200 and receipt.data.startswith(b"%PDF")
    assert receipt.headers["Cache-Control"] == "no-store"
    again = client.get("/submitted")
    assert again.status_code == 302 and code not in again.get_data(as_text=True)
    # The code is in no cookie and no URL: the session holds nothing of it.
    assert code not in again.location and code not in (response.headers.get("Set-Cookie") or "")
    with client.session_transaction() as session:
        assert code not in repr(dict(session))


def test_the_receipt_copy_needs_the_code(portal, client, app):
    reference, code, _ = shown_once(submit(client, "/requests/new", REQUEST_FORM))
    assert app.test_client().post(f"/receipt/{reference}", data={"access_code": "WRONG23456"}).status_code == 404
    assert app.test_client().post(f"/receipt/{reference}", data={}).status_code == 404
    assert app.test_client().post(f"/receipt/{reference}", data={"access_code": code}).status_code == 200


def test_urgent_request_with_reason_is_on_the_urgent_clock(portal, client, app):
    data = dict(REQUEST_FORM, urgency="urgent", urgency_reason="حالة مرضية تهدد حياة طفل", language="fr")
    reference, _, _ = shown_once(submit(client, "/requests/new", data))
    with database(app):
        case = case_of(app, reference)
        assert case.urgent and case.language == "fr" and case.clock("urgent_answer") is not None


@pytest.mark.parametrize("change, field, message", [
    ({"first_name": ""}, "first_name", "هذا الحقل إلزامي"),
    ({"address": "  "}, "address", "هذا الحقل إلزامي"),
    ({"id_number": "12-34"}, "id_number", "SH123456"),
    ({"email": "salma@"}, "email", "name@example.org"),
    ({"urgency": "urgent", "urgency_reason": ""}, "urgency_reason", "المادة 17"),
    ({"information_requested": ""}, "information_requested", "هذا الحقل إلزامي"),
    ({"phone": "call me"}, "phone", "+"),
])
def test_request_bad_input_rerenders_with_the_message_next_to_the_field(portal, client, app, change, field, message):
    data = dict(REQUEST_FORM, **change)
    response = submit(client, "/requests/new", data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    error = re.search(rf'<p class="field-error" id="{field}-error">([^<]*)</p>', page)
    assert error and message in error.group(1)
    assert f'aria-describedby="{field}-help {field}-error"' in page or \
        f'aria-describedby="{field}-error"' in page
    for name in ("last_name", "address", "information_requested"):
        if data[name].strip():
            assert data[name].replace("،", "،") in page  # every typed value kept
    assert_no_case_rows(app)


def test_request_errors_are_in_french_on_the_french_page(portal, client, app):
    client.get("/?lang=fr")
    page = submit(client, "/requests/new", dict(REQUEST_FORM, first_name="", id_number="x")).get_data(as_text=True)
    assert "Ce champ est obligatoire." in page and "identité nationale électronique (CNIE)" in page
    assert_no_case_rows(app)


def test_complaint_happy_path_with_attachments(portal, client, app):
    files = [(io.BytesIO(PDF), "constat.pdf"), (io.BytesIO(PNG), "photo.png")]
    response = submit(client, "/complaints/new", dict(COMPLAINT_FORM, attachments=files),
                      content_type="multipart/form-data")
    reference, code, page = shown_once(response)
    assert re.fullmatch(r"REC-\d{4}-\d{6}", reference)
    with database(app):
        case = case_of(app, reference)
        assert (case.complaint_kind, case.category, case.channel) == ("complaint", "roads", "portal")
        stored = sorted(case.attachments, key=lambda a: a.original_name)
    assert [(a.original_name, a.content_type, a.size) for a in stored] == [
        ("constat.pdf", "application/pdf", len(PDF)), ("photo.png", "image/png", len(PNG))]
    folder = app.config["ATTACHMENTS_DIR"]
    assert (folder / stored[0].stored_name).read_bytes() == PDF
    assert "constat" not in stored[0].stored_name
    assert client.post(f"/receipt/{reference}", data={"access_code": code}).data.startswith(b"%PDF")


def test_complaint_without_attachment_is_accepted(portal, client, app):
    reference, _, _ = shown_once(submit(client, "/complaints/new", COMPLAINT_FORM))
    assert reference.startswith("REC-")


def _files(folder):
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("files, message", [
    ([(io.BytesIO(b"MZ\x90\x00 not a pdf"), "report.pdf", "application/pdf")], "PDF"),
    ([(io.BytesIO(b"GIF89a" + b"\x00" * 20), "photo.png", "image/png")], "PNG"),
    ([(io.BytesIO(b"%PDF-1.4" + b"x" * 5000), "big.pdf")], "4\u202fko"),     # the unit in the page's language
    ([(io.BytesIO(PDF), f"f{i}.pdf") for i in range(4)], "3"),
])
def test_complaint_with_a_bad_file_saves_nothing(portal, client, app, monkeypatch, files, message):
    monkeypatch.setitem(app.config, "MAX_ATTACHMENT_BYTES", 4096)
    before = _files(app.config["ATTACHMENTS_DIR"])
    client.get("/?lang=fr")
    data = dict(COMPLAINT_FORM, attachments=files, description="")
    response = submit(client, "/complaints/new", data, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    error = re.search(r'<p class="field-error" id="attachments-error">([^<]*)</p>', page)
    assert error and message in error.group(1)
    assert 'id="description-error"' in page          # the other fields' errors at once
    assert "Route régionale dégradée" in page          # typed values kept
    assert_no_case_rows(app)
    assert _files(app.config["ATTACHMENTS_DIR"]) == before


def test_complaint_bad_fields_with_good_file_saves_nothing(portal, client, app):
    before = _files(app.config["ATTACHMENTS_DIR"])
    data = dict(COMPLAINT_FORM, email="nope", kind="", attachments=[(io.BytesIO(PDF), "a.pdf")])
    page = submit(client, "/complaints/new", data, content_type="multipart/form-data").get_data(as_text=True)
    assert 'id="email-error"' in page and 'id="kind-error"' in page
    assert_no_case_rows(app)
    assert _files(app.config["ATTACHMENTS_DIR"]) == before


def test_post_without_csrf_token_is_rejected(portal, client, app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert submit(client, "/requests/new", REQUEST_FORM).status_code == 400
    assert submit(client, "/complaints/new", COMPLAINT_FORM).status_code == 400
    assert submit(client, "/status", {"reference": "DAI-2026-000001", "access_code": "X"}).status_code == 400
    assert_no_case_rows(app)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                      client.get("/requests/new").get_data(as_text=True)).group(1)
    reference, code, page = shown_once(submit(client, "/requests/new", dict(REQUEST_FORM, csrf_token=token)))
    # The receipt form of the one-time page carries its own token.
    assert submit(client, f"/receipt/{reference}", {"access_code": code}).status_code == 400
    receipt_token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert submit(client, f"/receipt/{reference}", {"access_code": code, "csrf_token": receipt_token}).status_code == 200


@pytest.mark.parametrize("change, field", [
    ({"subject": ""}, "subject"), ({"description": ""}, "description"), ({"id_number": "SH-12"}, "id_number"),
    ({"last_name": ""}, "last_name"), ({"email": "mina@@example"}, "email")])
def test_complaint_bad_input_rerenders_with_the_message_next_to_the_field(portal, client, app, change, field):
    response = submit(client, "/complaints/new", dict(COMPLAINT_FORM, **change))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and f'id="{field}-error"' in page
    assert "Route de Smara, Laâyoune" in page
    assert_no_case_rows(app)


def test_attachment_error_escapes_the_file_name(portal, client, app):
    files = [(io.BytesIO(b"<svg onload=alert(1)>"), "<img src=x onerror=alert(1)>.pdf")]
    page = submit(client, "/complaints/new", dict(COMPLAINT_FORM, attachments=files),
                  content_type="multipart/form-data").get_data(as_text=True)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;.pdf" in page
    assert_no_case_rows(app)
