"""Staff case list, exports, bulk assignment, the unit's queue with Take, notes on pages, the print view."""
import csv
import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from app.extensions import db
from app.services import case_notes
from app.services.calendar import utc_now
from app.services.cases import fire
from tests.app.services.search_support import complaint_data, request_data
from tests.app.views.api_support import bearer, status
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401


def text(response):
    return response.get_data(as_text=True)


@pytest.fixture
def fresh(register):
    """Factory: a case received an hour ago (its clocks run from today)."""
    def make(kind="information_request", data=None, **kwargs):
        now = utc_now()
        data = data or (request_data() if kind == "information_request" else complaint_data())
        return register(kind, data=data, received_at=now - timedelta(hours=1), now=now, **kwargs)
    return make


def test_an_officer_takes_a_new_urgent_request_from_the_unit_queue(app, fresh, staff):
    ordinary = fresh().case
    urgent = fresh(data=request_data("أمينة", "السوسي", urgent=True, urgency_reason="حالة استعجال طبية")).case
    officer = signed_in(app, "officer")
    queue = text(officer.get("/staff/")).split('id="queue-unassigned"')[1].split("</section>")[0]
    assert queue.index(urgent.reference) < queue.index(ordinary.reference)     # most urgent first
    assert f"/staff/cases/{urgent.reference}/actions/take" in queue
    response = officer.post(f"/staff/cases/{urgent.reference}/actions/take")
    assert response.status_code == 302 and response.location.endswith(f"/staff/cases/{urgent.reference}")
    db.session.expire_all()
    assert urgent.state == "assigned" and urgent.assignee.username == "officer"
    page = text(officer.get("/staff/"))
    assert urgent.reference in page.split('id="queue-mine"')[1].split("</section>")[0]
    assert urgent.reference not in page.split('id="queue-unassigned"')[1].split("</section>")[0]
    assert "Take" not in text(signed_in(app, "supervisor").get("/staff/")).split('id="queue-unassigned"')[1]


def test_the_take_api_action(app, client, fresh, staff):
    reference = fresh().case.reference
    response = client.post(f"/api/v1/cases/{reference}/actions/take", headers=bearer(staff["officer"]))
    assert response.status_code == 200 and response.json["assignee"] == "officer"
    again = client.post(f"/api/v1/cases/{reference}/actions/take", headers=bearer(staff["supervisor"]))
    assert again.status_code == 403


def test_dashboard_queues_show_a_bounded_page_and_link_to_the_list(app, fresh, staff):
    for _ in range(12):
        fresh()
    page = text(signed_in(app, "supervisor").get("/staff/"))
    queue = page.split('id="queue-unassigned"')[1].split("</section>")[0]
    assert queue.count("/staff/cases/DAI-") == 10 and '<span class="count">12</span>' in queue
    link = queue.split('<p class="more"><a href="')[1].split('"')[0]
    assert link.startswith("/staff/cases?") and {"assignee=none", "state=received"} == set(link[13:].split("&amp;"))


@pytest.mark.parametrize("lang, query", [("ar", "فاطمه"), ("ar", "فاطمة"), ("fr", "fatima"), ("fr", "elise")])
def test_the_list_page_searches_as_people_type(app, fresh, staff, lang, query):
    fatima = fresh(data=request_data("فاطمة", "الزهراء", "JB100200")).case
    fatima.party.first_name = "فاطمة" if query != "fatima" else "Fatima"
    db.session.commit()
    elise = fresh("complaint", data=complaint_data("Élise", "Lefèvre")).case
    response = signed_in(app, "supervisor").get(f"/staff/cases?q={query}&lang={lang}")
    assert response.status_code == 200
    found = elise if query == "elise" else fatima
    other = fatima if found is elise else elise
    assert found.reference in text(response) and other.reference not in text(response)


def test_bad_filters_are_shown_on_their_fields(app, staff):
    response = signed_in(app, "supervisor").get("/staff/cases?q=اب&received_from=2025-13-01&state=lost&lang=fr")
    assert response.status_code == 422
    page = text(response)
    assert page.count('class="field-error"') == 3
    # In the reader's language (not the API's English reasons), and the page says it failed.
    assert "must be one of" not in page and "not a day of the calendar" not in page
    assert "Choisissez l'une des valeurs proposées." in page and "Indiquez un jour du calendrier" in page
    assert "<title>Erreur" in page and 'href="#f-state"' in page


@pytest.mark.parametrize("query, message", [("tag=disparue", "لا يوجد وسم بهذا الاسم"),
                                            ("cursor=zz", "صفحة النتائج هذه غير موجودة"),
                                            ("page=abc", "صفحة النتائج هذه غير موجودة"),
                                            ("stage=x", "اختر إحدى القيم المقترحة")])
def test_a_bad_parameter_without_a_field_is_named_in_the_summary(app, staff, query, message):
    page = text(signed_in(app, "supervisor").get(f"/staff/cases?{query}&lang=ar"))
    assert "<title>خطأ" in page and message in page


def test_the_list_paginates_with_a_bounded_count(app, fresh, staff):
    made = [fresh().case.reference for _ in range(5)]
    client = signed_in(app, "officer")
    first, second = text(client.get("/staff/cases?per_page=2")), text(client.get("/staff/cases?per_page=2&page=3"))
    assert sum(r in first for r in made) == 2 and sum(r in second for r in made) == 1
    assert "page=2" in first


def test_exports_from_the_page_open_with_arabic_intact_and_formulas_neutralised(app, fresh, staff):
    fresh(data=request_data("=HYPERLINK(1)", "البناني", text="محضر الدورة"))
    client = signed_in(app, "supervisor")
    response = client.get("/staff/cases/export.csv?q=البناني")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[0][0] == "المرجع" and "'=HYPERLINK(1) البناني" in rows[1]


def test_the_xlsx_export_speaks_the_readers_language(app, fresh, staff):
    fresh(data=request_data("=HYPERLINK(1)", "البناني", text="محضر الدورة"))
    book = signed_in(app, "supervisor").get("/staff/cases/export.xlsx?q=البناني&lang=fr")
    assert book.status_code == 200 and book.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(book.data)).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "Référence" and "'=HYPERLINK(1) البناني" in values[1]
    assert "محضر الدورة" in values[1][values[0].index("Objet ou demande")]
    assert sheet.sheet_view.rightToLeft is not True


def test_exports_from_the_api_take_the_list_parameters(client, fresh, staff):
    fresh(data=request_data("سلمى", "العلوي"))
    fresh("complaint")
    headers = bearer(staff["officer"])
    response = client.get("/api/v1/cases/export.csv?q=العلوي", headers=headers)
    assert response.status_code == 200
    assert len(list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))) == 2
    xlsx = client.get("/api/v1/cases/export.xlsx?type=complaint", headers=bearer(staff["supervisor"]))
    assert len(list(load_workbook(io.BytesIO(xlsx.data)).active.iter_rows())) == 2
    bad = client.get("/api/v1/cases/export.csv?q=ab", headers=headers)
    assert bad.status_code == 422 and set(bad.json["errors"]) == {"q"}


def test_api_search_and_keyset_pages(client, fresh, staff):
    made = {fresh(data=request_data("مريم", "الإدريسي")).case.reference for _ in range(3)}
    fresh(data=request_data("خديجة", "بنعلي"))
    headers = bearer(staff["supervisor"])
    first = client.get("/api/v1/cases?q=الادريسي&per_page=2", headers=headers).json
    assert first["total"] == 3 and first["total_exact"] is True and len(first["items"]) == 2
    second = client.get(first["next"], headers=headers).json
    assert second["next_cursor"] is None
    assert {i["reference"] for i in first["items"] + second["items"]} == made


def test_bulk_assignment_reports_each_case(app, fresh, staff):
    waiting = fresh().case
    closed = fresh().case
    fire(closed, "withdraw", {}, actor=staff["supervisor"])
    complaint = fresh("complaint").case
    response = signed_in(app, "supervisor").post("/staff/cases/bulk-assign", data={
        "references": [waiting.reference, closed.reference, complaint.reference], "officer": "officer",
        "query": "state=received"})
    assert response.status_code == 200
    page = text(response)
    rows = {ref: page.split(ref)[2].split("</tr>")[0] for ref in (waiting.reference, closed.reference,
                                                                   complaint.reference)}
    assert "Refused" not in rows[waiting.reference] and "ليس" not in rows[waiting.reference]
    assert "overdue" in rows[closed.reference] and "overdue" in rows[complaint.reference]
    db.session.expire_all()
    assert waiting.assignee.username == "officer" and closed.assignee is None and complaint.assignee is None
    assert "/staff/cases?state=received" in page


def test_bulk_assignment_is_for_supervisors(app, fresh, staff):
    case = fresh().case
    response = signed_in(app, "officer").post("/staff/cases/bulk-assign",
                                              data={"references": [case.reference], "officer": "officer"})
    assert response.status_code == 403


def test_notes_tags_and_links_on_the_case_page_never_on_the_status_page(app, client, fresh, staff):
    registered = fresh()
    case, code = registered.case, registered.access_code
    other = fresh().case
    press = case_notes.create_tag("صحافة")
    officer = signed_in(app, "officer")
    assert officer.post(f"/staff/cases/{case.reference}/notes", data={"text": "سري NOTE-4412"}).status_code == 302
    assert officer.post(f"/staff/cases/{case.reference}/tags", data={"tags": [str(press.id)]}).status_code == 302
    assert officer.post(f"/staff/cases/{case.reference}/links",
                        data={"reference": other.reference, "kind": "duplicate"}).status_code == 302
    page = text(officer.get(f"/staff/cases/{case.reference}"))
    assert "NOTE-4412" in page and "صحافة" in page and other.reference in page
    assert case.reference in text(officer.get(f"/staff/cases/{other.reference}"))        # both directions
    detail = client.get(f"/api/v1/cases/{case.reference}", headers=bearer(staff["supervisor"])).json
    assert detail["notes"][0]["text"] == "سري NOTE-4412" and detail["tags"] == ["صحافة"]
    assert detail["links"] == [{"reference": other.reference, "role": "duplicate_of", "kind": "duplicate",
                                "url": f"/api/v1/cases/{other.reference}"}]
    other_detail = client.get(f"/api/v1/cases/{other.reference}", headers=bearer(staff["supervisor"])).json
    assert other_detail["links"][0]["role"] == "duplicated_by"
    public = client.post("/status", data={"reference": case.reference, "access_code": code}, follow_redirects=True)
    assert public.status_code == 200 and "NOTE-4412" not in text(public) and "صحافة" not in text(public)
    assert "NOTE-4412" not in text(status(client, case.reference, code))


def test_an_empty_note_rerenders_the_case_page_with_the_message(app, fresh, staff):
    case = fresh().case
    response = signed_in(app, "officer").post(f"/staff/cases/{case.reference}/notes?lang=fr", data={"text": " "})
    assert response.status_code == 422 and "field-error" in text(response).split('id="notes"')[1]


def test_viewers_read_but_do_not_write(app, fresh, staff):
    case = fresh().case
    viewer = signed_in(app, "viewer")
    assert 'action="/staff/cases/' + case.reference + '/notes"' not in text(viewer.get(f"/staff/cases/{case.reference}"))
    assert viewer.post(f"/staff/cases/{case.reference}/notes", data={"text": "x"}).status_code == 403


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_print_view_has_the_file_and_a_print_stylesheet(app, fresh, staff, lang):
    case = fresh().case
    case_notes.add_note(case, "ملاحظة للأرشيف", staff["officer"])
    page = text(signed_in(app, "viewer").get(f"/staff/cases/{case.reference}/print?lang={lang}"))
    assert "print.css" in page and "print.js" in page and f'dir="{"rtl" if lang == "ar" else "ltr"}"' in page
    assert case.reference in page and case.clock("answer").due_on.isoformat() in page
    assert case.letters[0].sha256 in page and "ملاحظة للأرشيف" in page and "SH123456" in page


def test_supervisors_assign_in_bulk_from_the_dashboard_queues_too(app, fresh, staff):
    case = fresh().case
    page = text(signed_in(app, "supervisor").get("/staff/"))
    assert 'id="bulk"' in page and f'value="{case.reference}" form="bulk"' in page
    assert 'form="bulk"' not in text(signed_in(app, "officer").get("/staff/"))
