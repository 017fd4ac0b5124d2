"""The disclosure log's due date follows the answer's delivery (issue 8 §1, LAW.md §4.5).

A granted answer is published DISCLOSURE_DELAY_WORKING_DAYS (20) working days after the
applicant received it; until its delivery is recorded, its issue date stands in. Dates by
hand (2025: 30 Jul, 14, 20, 21 Aug are holidays): issued Tue 22 Jul → Mon 25 Aug; delivered
Mon 28 Jul → Fri 29 Aug; corrected to Fri 25 Jul → Thu 28 Aug.
"""
from datetime import date

import pytest

from app.extensions import db
from app.services import outbox
from app.services.cases import fire
from app.services.delivery_corrections import correct_delivery
from app.services.disclosures import entry_of
from app.services.letter_deliveries import record_delivery
from app.services.publication import publish_due
from tests.app.services.test_letter_delivery import answer_letter, at, counter_case

GRANT = {"outcome": "granted", "text": "Ci-joint le procès-verbal."}


@pytest.fixture
def scheduled(register, staff):
    case = counter_case(register, staff)
    fire(case, "answer", GRANT, actor=staff["officer"], now=at("2025-07-22"))
    publish_due(now=at("2025-07-23", 2))
    assert entry_of(case).due_on == date(2025, 8, 25)      # from the issue date, while not delivered
    return case


def test_the_due_date_follows_the_recorded_delivery_and_its_correction(scheduled, staff):
    letter = answer_letter(scheduled)
    record_delivery(scheduled, letter.id, {"delivered_on": "2025-07-28", "method": "post"}, actor=staff["officer"],
                    now=at("2025-07-29"))
    db.session.expire_all()
    assert entry_of(scheduled).due_on == date(2025, 8, 29)
    publish_due(now=at("2025-08-25", 8))                      # the old due date: nothing published
    db.session.expire_all()
    assert entry_of(scheduled).status == "scheduled"
    correct_delivery(scheduled, letter.id, {"delivered_on": "2025-07-25", "method": "post", "reason": "Coquille."},
                     actor=staff["supervisor"], now=at("2025-07-30"))
    db.session.expire_all()
    assert entry_of(scheduled).due_on == date(2025, 8, 28)


def test_an_emailed_answer_moves_the_due_date_when_sent(register, staff):
    case = counter_case(register, staff, email=True)
    fire(case, "answer", GRANT, actor=staff["officer"], now=at("2025-07-22"))
    publish_due(now=at("2025-07-22", 11))
    assert entry_of(case).due_on == date(2025, 8, 25)
    outbox.deliver_pending(now=at("2025-07-28", 8))            # the e-mail went out on Mon 28 Jul
    db.session.expire_all()
    assert answer_letter(case).delivery.method == "email" and entry_of(case).due_on == date(2025, 8, 29)
