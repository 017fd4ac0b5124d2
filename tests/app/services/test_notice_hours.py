"""Reminders and overdue notices go out at 09:00 Casablanca on working days only (issue 8 §3).

A pass at any other time queues none (deemed refusals still fire, their notices held in
the outbox until 09:00); the next 09:00 pass catches up, nothing lost, nothing doubled.
"""
from datetime import datetime

from app.extensions import db
from app.models.notification import Notification
from app.services.deadlines import sweep
from app.services.outbox import deliver_pending
from tests.app.services.test_deadlines import assigned, notices, recipients, team  # noqa: F401  (fixtures)
from tests.app.services.test_notifications import quick_letters, smtp  # noqa: F401  (fixtures)

def all_mail():
    return db.session.execute(db.select(Notification).order_by(Notification.id)).scalars().all()


# Casablanca is UTC+1 in November 2025: 01:00 UTC is 02:00 there, 08:00 UTC is 09:00.


def test_no_reminder_at_night_nor_on_a_saturday_and_the_monday_pass_catches_up(assigned, team):
    # The answer is due Wed 2025-11-26: reminders are due from Fri 21 Nov (3 working days left).
    night = sweep(datetime(2025, 11, 21, 1, 0))                   # Friday 02:00
    assert (night.reminders, night.notices_now) == (0, False)
    assert "reminders wait for the 09:00 pass" in str(night)
    assert sweep(datetime(2025, 11, 21, 9, 30)).reminders == 0    # Friday 10:30: the hour has passed
    assert sweep(datetime(2025, 11, 22, 8, 0)).reminders == 0     # Saturday 09:00
    assert notices("reminder") == []
    monday = sweep(datetime(2025, 11, 24, 8, 0))                  # Monday 09:00
    assert (monday.reminders, monday.notices_now) == (2, True)
    assert recipients("reminder") == ["officer@region.example", "supervisor@region.example"]
    assert sweep(datetime(2025, 11, 24, 8, 15)).reminders == 0    # the next pass doubles nothing
    assert len(notices("reminder")) == 2


def test_no_notice_on_a_holiday(assigned, team):
    # Tue 18 Nov 2025 (Independence Day) at 09:00: no notice hour.
    assert sweep(datetime(2025, 11, 18, 8, 0)).notices_now is False


def test_a_deemed_refusal_fires_at_night_and_its_notices_wait_for_nine(assigned, team, smtp):  # noqa: F811
    before = {n.id for n in all_mail()}
    report = sweep(datetime(2025, 11, 27, 1, 0))                  # Thursday 02:00, the day after the due day
    assert (report.deemed_refusals, report.overdue_notices) == (1, 2)
    assert assigned.state == "deemed_refused"
    held = notices("overdue")
    assert {n.next_attempt_at for n in held} == {datetime(2025, 11, 27, 8, 0)}
    # The applicant's e-mail of the deemed refusal waits for the same hour (as a silence's does).
    applicant_mail = [n for n in all_mail() if n.recipient == assigned.party.email and n.id not in before]
    assert applicant_mail and {n.next_attempt_at for n in applicant_mail} == {datetime(2025, 11, 27, 8, 0)}
    deliver_pending(now=datetime(2025, 11, 27, 1, 5))
    assert {n.status for n in notices("overdue")} == {"pending"}
    deliver_pending(now=datetime(2025, 11, 27, 8, 0))
    assert {n.status for n in notices("overdue")} == {"sent"}
    assert sweep(datetime(2025, 11, 27, 8, 0)).overdue_notices == 0   # the 09:00 pass doubles nothing


def test_a_deemed_refusal_on_a_friday_night_holds_its_notices_until_monday(register, team, quick_letters):  # noqa: F811
    # Received Wed 2025-10-22: due Fri 2025-11-21 (31 Oct and 6 Nov are holidays), deemed refused Sat 22 Nov.
    case = register(received_at=datetime(2025, 10, 22, 9, 0)).case
    assert case.clock("answer").last_day.isoformat() == "2025-11-21"
    report = sweep(datetime(2025, 11, 22, 1, 0))
    assert report.deemed_refusals == 1
    assert {n.next_attempt_at for n in notices("overdue")} == {datetime(2025, 11, 24, 8, 0)}
