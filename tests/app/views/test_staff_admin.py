"""Administration pages: staff accounts and the holiday table (changes recompute open cases)."""
import re
from datetime import date

from app.extensions import db
from app.services import recompute
from app.models.holiday import Holiday
from app.models.user import User
from tests.app.views.staff_support import fresh_request_state, login, signed_in  # noqa: F401


def user(name):
    return db.session.execute(db.select(User).filter_by(username=name)).scalar_one()


def test_admin_creates_an_officer_who_can_sign_in(app, staff):
    admin = signed_in(app, "admin")
    response = admin.post("/staff/admin/users", data={"username": "khadija", "full_name": "Khadija Ennaciri",
                                                      "full_name_ar": "خديجة الناصري",
                                                      "role": "complaints_officer", "unit": "",
                                                      "password": "Long-enough-pass"})
    assert response.status_code == 302
    created = user("khadija")
    assert (created.role, created.unit, created.active) == ("complaints_officer", "complaints", True)
    assert (created.name_in("ar"), created.name_in("fr")) == ("خديجة الناصري", "Khadija Ennaciri")
    assert login(app.test_client(), "khadija", "Long-enough-pass").status_code == 302


def test_invalid_account_rerenders_with_errors(app, staff):
    admin = signed_in(app, "admin")
    response = admin.post("/staff/admin/users", data={"username": "officer", "full_name": "Doublon",
                                                      "role": "information_officer", "unit": "complaints",
                                                      "password": "Long-enough-pass"})
    assert response.status_code == 422
    assert "Doublon" in response.get_data(as_text=True)
    short = admin.post("/staff/admin/users", data={"username": "x", "full_name": "X", "role": "viewer",
                                                   "unit": "", "password": "short"})
    assert short.status_code == 422
    assert db.session.execute(db.select(db.func.count(User.id))).scalar() == len(staff)


def test_admin_cannot_deactivate_own_account(app, staff):
    admin = signed_in(app, "admin")
    admin.post(f"/staff/admin/users/{staff['admin'].id}/deactivate")
    db.session.expire_all()
    assert user("admin").active


def test_supervisor_sees_accounts_and_holidays_without_edit_forms(app, staff):
    supervisor = signed_in(app, "supervisor")
    page = supervisor.get("/staff/admin/users").get_data(as_text=True)
    assert "officer" in page and "/deactivate" not in page
    holidays = supervisor.get("/staff/admin/holidays?year=2025").get_data(as_text=True)
    assert "2025-06-09" in holidays and "/remove" not in holidays


def test_holiday_page_merges_package_and_table(app, staff):
    page = signed_in(app, "admin").get("/staff/admin/holidays?year=2026").get_data(as_text=True)
    assert "2026-01-01" in page                 # package baseline
    assert "2026-03-23" in page                 # closure from the official table
    assert "/remove" in page                    # table rows can be changed


def test_adding_a_closure_recomputes_open_cases(app, register, staff):
    case = register().case                      # received Mon 2025-10-27, due Wed 2025-11-26
    admin = signed_in(app, "admin")
    response = admin.post("/staff/admin/holidays?year=2025", data={
        "day": "2025-11-10", "key": "closure", "kind": "closure", "status": "estimated"})
    assert response.status_code == 302
    db.session.expire_all()
    # The request only recorded the change; the page shows the job waiting for the scheduler.
    assert case.clock("answer").due_on == date(2025, 11, 26)
    page = admin.get(response.location).get_data(as_text=True)
    assert "إعادة حساب الآجال الجارية" in page and "في انتظار المجدول" in page and "2025-11-10" in page
    assert recompute.run_pending() == 1
    db.session.expire_all()
    assert case.clock("answer").due_on == date(2025, 11, 27)
    page = admin.get(response.location).get_data(as_text=True)
    assert "منتهية" in page and "تغيّر أجل واحد<br>في ملف واحد" in page
    row = db.session.execute(db.select(Holiday).filter_by(day=date(2025, 11, 10))).scalar_one()
    admin.post(f"/staff/admin/holidays/{row.id}/confirm?year=2025")   # the date is no longer provisional
    admin.post(f"/staff/admin/holidays/{row.id}/move?year=2025", data={"day": "2025-12-10"})
    assert recompute.run_pending() == 2
    db.session.expire_all()
    assert (row.status, row.day) == ("confirmed", date(2025, 12, 10))
    assert case.clock("answer").due_on == date(2025, 11, 26)
    admin.post(f"/staff/admin/holidays/{row.id}/remove?year=2025")
    assert db.session.get(Holiday, row.id) is None


def test_adding_a_date_twice_shows_the_error(app, staff):
    admin = signed_in(app, "admin")
    response = admin.post("/staff/admin/holidays?year=2025", data={
        "day": "2025-06-09", "key": "closure", "kind": "closure", "status": "confirmed"})
    assert response.status_code == 422
    assert re.search(r'field-error', response.get_data(as_text=True))
