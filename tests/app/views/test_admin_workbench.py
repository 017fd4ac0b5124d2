"""Administration of tags and of the units' assignment policies."""
from app.extensions import db
from app.models.tag import Tag
from app.services.auto_assignment import policy_of
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401


def test_supervisors_keep_the_tag_list(app, staff):
    supervisor = signed_in(app, "supervisor")
    assert supervisor.post("/staff/admin/tags", data={"name": "صحافة"}).status_code == 302
    again = supervisor.post("/staff/admin/tags?lang=fr", data={"name": "صحافة"})
    assert again.status_code == 422 and "field-error" in again.get_data(as_text=True)
    tag = db.session.execute(db.select(Tag)).scalar_one()
    assert supervisor.post(f"/staff/admin/tags/{tag.id}/retire").status_code == 302
    db.session.expire_all()
    assert tag.active is False
    supervisor.post(f"/staff/admin/tags/{tag.id}/restore")
    db.session.expire_all()
    assert tag.active is True
    assert "صحافة" in supervisor.get("/staff/admin/tags").get_data(as_text=True)


def test_the_admin_sets_a_policy_and_supervisors_may_look(app, staff):
    page = signed_in(app, "supervisor").get("/staff/admin/assignment").get_data(as_text=True)
    assert 'id="policy-information"' not in page            # supervisors read the policy, no form
    assert "Officer" in page and "Complaints" in page        # the units' active officers, with their load
    assert signed_in(app, "supervisor").post("/staff/admin/assignment", data={
        "unit": "information", "assignment": "round_robin"}).status_code == 403
    admin = signed_in(app, "admin")
    assert admin.post("/staff/admin/assignment", data={"unit": "information",
                                                       "assignment": "least_loaded"}).status_code == 302
    assert policy_of("information") == "least_loaded"
    assert admin.post("/staff/admin/assignment", data={"unit": "archives", "assignment": "none"}).status_code == 400
    assert 'id="policy-information"' in admin.get("/staff/admin/assignment").get_data(as_text=True)
