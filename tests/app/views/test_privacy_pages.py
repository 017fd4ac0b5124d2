"""Staff pages for the applicant's rights, the access log, attachment downloads, the forms' notice."""
import io
import json
import re
from datetime import datetime

import pytest
from sqlalchemy import event
from werkzeug.datastructures import FileStorage

from app.extensions import db
from app.models import AccessLogEntry
from app.services.attachments import check_uploads
from tests.app.views.api_support import bearer
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401
from tests.conftest import REQUEST

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


def log_rows(app):
    with app.app_context():
        return [(e.user.username, e.case.reference, e.what, e.item_id, e.channel)
                for e in db.session.execute(db.select(AccessLogEntry).order_by(AccessLogEntry.id)).scalars()]


class Statements:
    """Counts the SQL statements a block runs (by first word)."""

    def __init__(self, engine):
        self.engine, self.seen = engine, []

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._note)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._note)

    def _note(self, conn, cursor, statement, *args):
        self.seen.append(statement.split(None, 3)[:3])

    def inserts_into(self, table):
        return [s for s in self.seen if s[:3] == ["INSERT", "INTO", table]]


@pytest.fixture
def case(register):
    files = check_uploads([FileStorage(io.BytesIO(PDF), filename="facture.v2.exe")])
    return register(attachments=files).case


def test_every_staff_view_of_personal_data_is_logged_once(app, staff, case):
    client = signed_in(app, "supervisor")
    with app.app_context():
        letter_id, attachment_id = case.letters[0].id, case.attachments[0].id
    with Statements(db.engine) as seen:
        assert client.get(f"/staff/cases/{case.reference}").status_code == 200
    assert len(seen.inserts_into("access_log")) == 1
    client.get(f"/staff/cases/{case.reference}/letters/{letter_id}.pdf")
    client.get(f"/staff/cases/{case.reference}/attachments/{attachment_id}")
    assert signed_in(app, "complaints").get(f"/staff/cases/{case.reference}").status_code == 403   # not logged
    assert log_rows(app) == [("supervisor", case.reference, "case", None, "web"),
                             ("supervisor", case.reference, "letter", letter_id, "web"),
                             ("supervisor", case.reference, "attachment", attachment_id, "web")]


def test_a_list_naming_applicants_is_logged_with_one_insert(app, staff, register):
    cases = [register(received_at=datetime(2025, 10, 27, 9, n)).case for n in range(4)]
    client = signed_in(app, "supervisor")
    with Statements(db.engine) as seen:
        assert client.get("/staff/").status_code == 200
    assert len(seen.inserts_into("access_log")) == 1
    assert sorted(r[1] for r in log_rows(app) if r[2] == "list") == sorted(c.reference for c in cases)


def test_the_api_logs_the_case_and_letters_it_hands_out(app, client, staff, case):
    headers = bearer(staff["officer"])
    assert client.get(f"/api/v1/cases/{case.reference}", headers=headers).status_code == 200
    letter = case.letters[0].id
    assert client.get(f"/api/v1/cases/{case.reference}/letters/{letter}", headers=headers).status_code == 200
    assert client.get(f"/api/v1/cases/{case.reference}", headers=bearer(staff["complaints"])).status_code == 403
    assert log_rows(app) == [("officer", case.reference, "case", None, "api"),
                             ("officer", case.reference, "letter", letter, "api")]


def test_the_administrator_pages_through_the_log_with_a_fixed_number_of_queries(app, staff, register):
    case = register().case
    with app.app_context():
        rows = [AccessLogEntry(user_id=staff["viewer"].id, case_id=case.id, what="case") for _ in range(120)]
        db.session.add_all(rows)
        db.session.commit()
    admin = signed_in(app, "admin")
    with Statements(db.engine) as seen:
        page = admin.get(f"/staff/admin/access-log?reference={case.reference.lower()}&page=2&lang=fr")
    selects = [s for s in seen.seen if s[0] == "SELECT"]
    assert page.status_code == 200 and len(selects) <= 4       # session + user, count, one page with its joins
    text = page.get_data(as_text=True)
    assert "120 entrées." in text and "Page 2 sur 3" in text and text.count("Page du dossier") == 50
    assert admin.get("/staff/admin/access-log?user=nobody").status_code == 200
    assert signed_in(app, "supervisor").get("/staff/admin/access-log").status_code == 403


def test_attachments_are_named_for_their_sniffed_type(app, staff, case):
    client = signed_in(app, "viewer")
    with app.app_context():
        attachment_id = case.attachments[0].id
    response = client.get(f"/staff/cases/{case.reference}/attachments/{attachment_id}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == "attachment; filename=facture_v2.pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff" and response.data == PDF


def test_an_attachment_whose_bytes_changed_is_sent_as_octet_stream(app, staff, case):
    with app.app_context():
        attachment = case.attachments[0]
        (app.config["ATTACHMENTS_DIR"] / attachment.stored_name).write_bytes(b"<html>not a pdf")
        attachment_id = attachment.id
    response = signed_in(app, "viewer").get(f"/staff/cases/{case.reference}/attachments/{attachment_id}")
    assert response.mimetype == "application/octet-stream"
    assert response.headers["Content-Disposition"] == "attachment; filename=facture_v2.bin"


def test_the_rights_page_corrects_exports_and_gives_a_new_code(app, staff, case):
    client = signed_in(app, "officer")
    form = client.get(f"/staff/cases/{case.reference}/personal-data?lang=fr")
    assert form.status_code == 200 and 'value="SH123456"' in form.get_data(as_text=True)
    data = {**REQUEST["applicant"], "phone": "+212 6 11 22 33 44", "reason": "courrier du 2 novembre"}
    assert client.post(f"/staff/cases/{case.reference}/personal-data", data=data).status_code == 302
    page = client.get(f"/staff/cases/{case.reference}?lang=fr").get_data(as_text=True)
    assert "Rectifié" in page and "courrier du 2 novembre" in page and "+212611223344" in page
    bad = client.post(f"/staff/cases/{case.reference}/personal-data", data={**data, "id_number": "12"})
    assert bad.status_code == 422 and 'aria-invalid="true"' in bad.get_data(as_text=True)
    exported = client.get(f"/staff/cases/{case.reference}/personal-data.json")
    assert exported.headers["Content-Disposition"] == f'attachment; filename="{case.reference}-personal-data.json"'
    assert json.loads(exported.data)["applicant"]["phone"] == "+212611223344"   # E.164
    document = client.get(f"/staff/cases/{case.reference}/personal-data.pdf")
    assert document.mimetype == "application/pdf" and document.data.startswith(b"%PDF")
    issued = client.post(f"/staff/cases/{case.reference}/access-code", follow_redirects=True)
    code = re.search(r'<span class="ltr code">([A-Z0-9]{10})</span>', issued.get_data(as_text=True)).group(1)
    assert app.test_client().post("/status", data={"reference": case.reference, "access_code": code}).status_code == 302
    assert code not in client.get(f"/staff/cases/{case.reference}/personal-data").get_data(as_text=True)
    assert [r[2] for r in log_rows(app)].count("export_json") == 1


@pytest.mark.real_pdf
def test_the_exported_pdf_is_readable_in_the_case_language(app, staff, case):
    import subprocess

    client = signed_in(app, "supervisor")
    pdf = client.get(f"/staff/cases/{case.reference}/personal-data.pdf").data
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True).stdout.decode()
    assert "SH123456" in text and case.reference in text and "09.08" in text


@pytest.mark.parametrize("path, lang, expected", [
    ("/requests/new", "ar", ["معطياتكم الشخصية (القانون رقم 09.08)", "الاسم الشخصي", "المعلومات المطلوبة"]),
    ("/requests/new", "fr", ["Vos données personnelles (loi n° 09-08)", "Prénom", "Responsable du traitement"]),
    ("/complaints/new", "fr", ["Vos données personnelles (loi n° 09-08)", "Objet", "décret n° 2.17.265"]),
    ("/complaints/new", "ar", ["معطياتكم الشخصية (القانون رقم 09.08)", "الموضوع", "حقوقكم"]),
])
def test_every_public_form_carries_the_notice(app, client, path, lang, expected, monkeypatch):
    monkeypatch.setitem(app.config, "CNDP_REFERENCE", "D-GC-123/2026")
    page = client.get(f"{path}?lang={lang}").get_data(as_text=True)
    notice = page.split('class="card privacy-notice"', 1)[1]
    assert "D-GC-123/2026" in notice and "www.cndp.ma" in notice
    for text in expected:
        assert text in page


def test_the_staff_registration_form_carries_the_notice(app, staff):
    page = signed_in(app, "officer").get("/staff/cases/new?type=information_request&lang=fr").get_data(as_text=True)
    assert "Vos données personnelles (loi n° 09-08)" in page and 'name="email_verified"' in page


@pytest.mark.parametrize("months, words", [
    (0, "لمدة 0 شهر"), (1, "لمدة شهر واحد"), (2, "لمدة شهرين"), (3, "لمدة 3 أشهر"), (10, "لمدة 10 أشهر"),
    (11, "لمدة 11 شهرا"), (99, "لمدة 99 شهرا"), (100, "لمدة 100 شهر"), (102, "لمدة 102 شهر")])
def test_the_retention_period_reads_right_in_each_arabic_plural_category(app, client, monkeypatch, months, words):
    monkeypatch.setitem(app.config, "PERSONAL_DATA_RETENTION_MONTHS", months)
    assert words in client.get("/requests/new?lang=ar").get_data(as_text=True)


@pytest.mark.parametrize("months, words", [(1, "puis 1 mois après"), (24, "puis 24 mois après")])
def test_the_retention_period_in_french(app, client, monkeypatch, months, words):
    monkeypatch.setitem(app.config, "PERSONAL_DATA_RETENTION_MONTHS", months)
    assert words in client.get("/requests/new?lang=fr").get_data(as_text=True)


@pytest.mark.parametrize("ticked, confirmed_by, first_key", [("y", "counter", "letter:"), ("", None, "confirm:")])
def test_staff_registration_may_vouch_for_the_address(app, staff, ticked, confirmed_by, first_key):
    from app.models import Case, Notification

    form = {"channel": "counter", "received_at": "2025-10-27T09:00", "first_name": "Brahim",
            "last_name": "Ait Lahcen", "id_number": "SH445566", "address": "Hay Al Qods, Laâyoune",
            "email": "brahim@example.org", "information_requested": "Le budget 2025", "access_form": "paper_copy",
            "language": "fr", **({"email_verified": ticked} if ticked else {})}
    response = signed_in(app, "officer").post("/staff/cases/new?type=information_request", data=form)
    assert response.status_code == 200 and "SH445566" not in response.get_data(as_text=True)   # the one-time page
    with app.app_context():
        case = db.session.execute(db.select(Case)).scalar_one()
        assert case.party.email_confirmed_by == confirmed_by
        (key,) = db.session.execute(db.select(Notification.dedup_key)).scalars()
        assert key.startswith(first_key)


def test_the_api_registration_may_vouch_for_the_address(app, client, staff):
    from app.models import Case

    body = {**REQUEST, "type": "information_request", "channel": "email", "email_verified": True}
    response = client.post("/api/v1/cases", json=body, headers=bearer(staff["officer"]))
    assert response.status_code == 201
    case = db.session.execute(db.select(Case).filter_by(reference=response.json["reference"])).scalar_one()
    assert case.party.email_confirmed_by == "counter"
