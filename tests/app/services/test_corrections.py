"""A holiday added after a deadline expired: a correction event and the supervisors alerted (issue 8 §3)."""
from datetime import date, datetime

from app.extensions import db
from app.models.notification import Notification
from app.services import holidays, recompute
from app.services.cases import get_case
from app.services.corrections import REASON
from app.services.deadlines import sweep
from tests.app.services.test_deadlines import assigned, team  # noqa: F401  (fixtures)
from tests.app.services.test_notifications import quick_letters  # noqa: F401  (fixture)
from tests.app.views.staff_support import signed_in


def corrections(case) -> list:
    db.session.expire_all()
    return [e for e in get_case(case.reference).events if e.kind == "correction"]


def alerts() -> list[Notification]:
    return db.session.execute(db.select(Notification).where(Notification.dedup_key.like("correction:%"))
                              .order_by(Notification.recipient)).scalars().all()


def test_a_holiday_added_after_a_deemed_refusal_fired_raises_a_correction(app, assigned, team):
    # Received Mon 2025-10-27, due Wed 2025-11-26; deemed refused by the pass of Thu 27 Nov, 02:00.
    assert sweep(datetime(2025, 11, 27, 1, 0)).deemed_refusals == 1
    answer_clock = next(c.id for c in assigned.clocks if c.period == "answer")
    team["supervisor"].full_name_ar = "سعيد البصري"   # the e-mail is in Arabic: so is the greeting
    db.session.commit()
    # Then a closure on Mon 10 Nov is recorded: the last day would have been Thu 27 Nov —
    # the very day the refusal was deemed, too early.
    holidays.add_holiday(date(2025, 11, 10), "closure", kind="closure", status="confirmed", actor=team["admin"])
    recompute.run_pending()
    [event] = corrections(assigned)
    assert (event.actor_label, event.actor_id, event.reason) == ("admin", team["admin"].id, REASON)
    assert event.data == {"clock_id": answer_clock, "period": "answer", "article": "16", "recorded_last_day": "2025-11-26",
                          "acted_on": "2025-11-27", "correct_due": "2025-11-27", "correct_last_day": "2025-11-27"}
    # Nothing silently rewritten: the deemed refusal and the expired clock stay as recorded.
    case = get_case(assigned.reference)
    assert case.state == "deemed_refused"
    expired = next(c for c in case.clocks if c.period == "answer")
    assert (expired.status, expired.last_day) == ("expired", date(2025, 11, 26))
    [alert] = alerts()
    assert alert.recipient == "supervisor@region.example" and assigned.reference in alert.subject
    assert "2025-11-27" in alert.body and "السيد(ة) سعيد البصري" in alert.body
    # Run again (another change over the same span): no second event, no second e-mail.
    row = holidays.table_row(date(2025, 11, 10))
    holidays.move_holiday(row.id, date(2025, 11, 11), actor=team["admin"])
    recompute.run_pending()
    assert len(corrections(assigned)) == 1 and len(alerts()) == 1
    page = signed_in(app, "supervisor").get(f"/staff/cases/{assigned.reference}?lang=fr").get_data(as_text=True)
    assert "Correction de date" in page and "le dernier jour aurait été le 2025-11-27" in page


def test_an_expiry_acted_on_after_the_corrected_last_day_needs_no_correction(assigned, team):
    assert sweep(datetime(2025, 11, 28, 8, 0)).deemed_refusals == 1          # Fri 28 Nov
    holidays.add_holiday(date(2025, 11, 10), "closure", kind="closure", status="confirmed", actor=team["admin"])
    recompute.run_pending()
    assert corrections(assigned) == [] and alerts() == []


def test_a_holiday_removed_after_the_expiry_needs_no_correction(assigned, team):
    assert sweep(datetime(2025, 11, 27, 1, 0)).deemed_refusals == 1
    holidays.remove_day(date(2025, 11, 18), actor=team["admin"])              # the count gets shorter
    recompute.run_pending()
    assert corrections(assigned) == []
