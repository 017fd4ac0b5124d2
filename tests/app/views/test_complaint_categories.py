"""Complaint categories: kept by an administrator, offered at intake, changed on a case by staff (audited)."""
from app.extensions import db
from app.models import CaseEvent, ComplaintCategory
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401


def _category(code):
    return db.session.execute(db.select(ComplaintCategory).filter_by(code=code)).scalar_one()


def test_the_ten_first_categories_keep_their_codes(ctx):
    from app.services.complaint_categories import active_codes

    assert active_codes() == ["subsidies", "roads", "transport", "water", "environment", "services",
                              "participation", "urbanism", "economy", "other"]


def test_an_admin_adds_a_category_and_the_portal_offers_it(app, staff, client):
    admin = signed_in(app, "admin")
    response = admin.post("/staff/admin/categories", data={"code": "health", "name_ar": "الصحة",
                                                           "name_fr": "Santé"})
    assert response.status_code == 302
    assert 'value="health"' in client.get("/complaints/new?lang=fr").get_data(as_text=True)
    again = admin.post("/staff/admin/categories", data={"code": "health", "name_ar": "x", "name_fr": "y"})
    assert again.status_code == 422


def test_an_inactive_category_is_no_longer_accepted_but_keeps_its_cases(app, staff, register):
    case = register("complaint").case            # filed under "roads"
    roads = _category("roads")
    admin = signed_in(app, "admin")
    response = admin.post(f"/staff/admin/categories/{roads.id}", data={
        f"c{roads.id}-name_ar": roads.name_ar, f"c{roads.id}-name_fr": "Routes", f"c{roads.id}-position": "5"})
    assert response.status_code == 302
    db.session.expire_all()
    assert _category("roads").active is False and _category("roads").name_fr == "Routes"
    assert db.session.get(type(case), case.id).category == "roads"
    api = app.test_client().post("/api/v1/complaints", json={
        **__import__("tests.conftest", fromlist=["COMPLAINT"]).COMPLAINT, "category": "roads"})
    assert api.status_code == 422 and "category" in api.json["errors"]


def test_the_default_category_stays_active(app, staff):
    other = _category("other")
    response = signed_in(app, "admin").post(f"/staff/admin/categories/{other.id}", data={
        f"c{other.id}-name_ar": other.name_ar, f"c{other.id}-name_fr": other.name_fr, f"c{other.id}-position": "1"})
    assert response.status_code == 422


def test_supervisors_see_the_list_but_cannot_change_it(app, staff):
    supervisor = signed_in(app, "supervisor")
    assert supervisor.get("/staff/admin/categories").status_code == 200
    assert supervisor.post("/staff/admin/categories", data={"code": "x1", "name_ar": "x", "name_fr": "x"}
                           ).status_code == 403


def test_staff_change_a_complaints_category_on_the_timeline(app, staff, register):
    case = register("complaint").case
    response = signed_in(app, "complaints").post(f"/staff/cases/{case.reference}/category",
                                                  data={"category": "water"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(type(case), case.id).category == "water"
    event = db.session.execute(db.select(CaseEvent).filter_by(case_id=case.id, kind="category")).scalar_one()
    assert event.data == {"from": "roads", "to": "water", "reason_code": "category_changed"}
    assert event.actor_label == "complaints"
    refused = signed_in(app, "complaints").post(f"/staff/cases/{case.reference}/category",
                                                 data={"category": "potholes"})
    assert refused.status_code == 302
    db.session.expire_all()
    assert db.session.get(type(case), case.id).category == "water"


def test_a_request_has_no_category_to_change(app, staff, register):
    case = register().case
    assert signed_in(app, "supervisor").post(f"/staff/cases/{case.reference}/category",
                                             data={"category": "water"}).status_code == 404
