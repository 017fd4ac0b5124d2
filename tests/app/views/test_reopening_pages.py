"""A lapsed case reopened from the staff case page by a filing proved made in time (arts. 20–21)."""
from datetime import datetime

from app.extensions import db
from tests.app.services.test_notifications import quick_letters  # noqa: F401  (fixture)
from tests.app.services.test_remedies import appealed  # noqa: F401  (fixture)
from tests.app.services.test_remedy_reopening import lapsed  # noqa: F401  (fixture)
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401
from tests.app.views.test_letter_delivery_pages import frozen


def test_a_supervisor_reopens_the_lapsed_case_from_its_page(app, lapsed):  # noqa: F811
    url = f"/staff/cases/{lapsed.reference}"
    with frozen(datetime(2026, 1, 5, 9)):
        assert "action-complain_to_cdai" not in signed_in(app, "officer").get(url).get_data(as_text=True)
        supervisor = signed_in(app, "supervisor")
        assert "action-complain_to_cdai" in supervisor.get(url).get_data(as_text=True)
        late = supervisor.post(f"{url}/actions/complain_to_cdai",
                               data={"complain_to_cdai-filed_on": "2025-12-23", "complain_to_cdai-cdai_reference": "C"})
        page = (supervisor.get(late.location) if late.status_code == 302 else late).get_data(as_text=True)
        assert "انقضى أجل تقديم الشكاية إلى لجنة الحق في الحصول على المعلومات بتاريخ" in page   # cdai_window_closed
        assert "(المادة 20)" in page
        db.session.expire_all()
        assert lapsed.state == "closed"
        done = supervisor.post(f"{url}/actions/complain_to_cdai",
                               data={"complain_to_cdai-filed_on": "2025-12-22", "complain_to_cdai-cdai_reference": "C"})
        assert done.status_code == 302
    db.session.expire_all()
    assert lapsed.state == "at_cdai" and lapsed.closed_at is None
