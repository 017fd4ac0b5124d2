"""The chain's state changes at any hour, and what the applicant is told of each ruling (arts. 19–21).

Dates by hand (LAW.md §4, as in ``test_remedies``): complaint to the head received Mon
2025-11-03 → head's decision due Wed 2025-11-26. Casablanca is UTC+1 in November 2025:
01:00 UTC is 02:00 there, 08:00 UTC is 09:00 (the notice hour, issue 8 §3).
"""
from datetime import date, datetime

import pytest

from app.extensions import db
from app.models.notification import Notification
from app.services import notifications
from app.services.cases import fire
from app.services.deadlines import sweep
from app.services.letter_text import long_date
from tests.app.services.test_deadlines import team  # noqa: F401  (fixture)
from tests.app.services.test_notifications import quick_letters  # noqa: F401  (fixture)
from tests.app.services.test_remedies import RECEIVED, at
from tests.conftest import REQUEST

STAFF_WITH_MAIL = ["head@region.example", "officer@region.example", "supervisor@region.example"]


def _appeal(register, team, language="ar"):  # noqa: F811
    case = register(data={**REQUEST, "language": language}, received_at=RECEIVED).case
    fire(case, "assign", {"officer": "officer"}, actor=team["supervisor"], now=at("2025-10-28"))
    fire(case, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": "x"},
         actor=team["officer"], now=at("2025-10-31"))
    fire(case, "complain_to_head", {"text": "Je conteste."}, applicant=True, now=at("2025-11-03"))
    return case


@pytest.fixture
def appealed(register, team, quick_letters):  # noqa: F811
    return _appeal(register, team)


def _mail(case, kind):
    return db.session.execute(db.select(Notification).where(
        Notification.case_id == case.id, Notification.dedup_key.like(f"{kind}:%"))
        .order_by(Notification.id)).scalars().all()


def test_the_heads_silence_fires_at_two_in_the_night_and_its_mail_waits_for_nine(appealed):
    night = sweep(datetime(2025, 11, 27, 1, 0))                    # Thu 02:00 Casablanca
    assert (night.remedies, night.overdue_notices, night.notices_now) == (1, 3, False)
    db.session.expire_all()
    assert appealed.state == "head_silent" and appealed.clock("head_decision").status == "expired"
    overdue, [applicant] = _mail(appealed, "overdue"), _mail(appealed, "head_silence")
    assert sorted(n.recipient for n in overdue) == STAFF_WITH_MAIL
    assert {n.next_attempt_at for n in overdue + [applicant]} == {datetime(2025, 11, 27, 8, 0)}
    again = sweep(datetime(2025, 11, 27, 1, 15))                   # the next pass changes nothing
    assert (again.remedies, again.overdue_notices, again.skipped) == (0, 0, 0)
    morning = sweep(datetime(2025, 11, 27, 8, 0))                  # nor does the 09:00 pass
    assert (morning.remedies, morning.overdue_notices) == (0, 0)
    assert len(_mail(appealed, "overdue")) == 3 and len(_mail(appealed, "head_silence")) == 1


def test_a_silence_recorded_on_a_saturday_holds_its_mail_until_monday_nine(appealed):
    assert sweep(datetime(2025, 11, 29, 1, 0)).remedies == 1       # Sat 02:00 (earlier passes missed)
    held = _mail(appealed, "overdue") + _mail(appealed, "head_silence")
    assert len(held) == 4 and {n.next_attempt_at for n in held} == {datetime(2025, 12, 1, 8, 0)}


def test_in_the_notice_hour_the_overdue_notice_is_queued_once(appealed):
    report = sweep(datetime(2025, 11, 27, 8, 0))                   # Thu 09:00
    assert (report.remedies, report.overdue_notices) == (1, 3)
    assert {n.next_attempt_at for n in _mail(appealed, "overdue")} == {None}


def test_a_notice_already_queued_never_blocks_the_silence(appealed, team):  # noqa: F811
    clock = appealed.clock("head_decision")
    db.session.add(Notification(case_id=appealed.id, recipient="head@region.example", subject="s", body="b",
                                dedup_key=notifications.deadline_key("overdue", clock, team["head"])))
    db.session.commit()
    report = sweep(datetime(2025, 11, 27, 1, 0))
    assert (report.remedies, report.overdue_notices, report.skipped) == (1, 2, 0)
    db.session.expire_all()
    assert appealed.state == "head_silent" and len(_mail(appealed, "overdue")) == 3


def test_lapses_and_the_cdais_silence_fire_at_night_too(appealed, team):  # noqa: F811
    fire(appealed, "decide", {"decision": "upheld", "text": "Le refus est fondé."}, actor=team["head"],
         now=at("2025-11-20"))
    assert sweep(datetime(2025, 12, 23, 1, 0)).remedies == 1       # Tue 02:00, the day after the last day
    db.session.expire_all()
    assert appealed.state == "closed"


def _to_cdai(case, team):  # noqa: F811
    fire(case, "decide", {"decision": "upheld", "text": "Le refus est fondé."}, actor=team["head"],
         now=at("2025-11-20"))
    fire(case, "complain_to_cdai", {"filed_on": "2025-12-01", "cdai_reference": "C-1"},
         actor=team["supervisor"], now=at("2025-12-02"))


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_cdai_decision_for_the_applicant_tells_the_delivery_deadline(register, team, quick_letters,  # noqa: F811
                                                                      language):
    case = _appeal(register, team, language)
    _to_cdai(case, team)
    fire(case, "record_cdai_decision", {"decided_on": "2026-01-05", "decision": "for_applicant"},
         actor=team["supervisor"], now=at("2026-01-12"))
    # Day 0 Mon 12 Jan 2026; 14 Jan is a holiday: 20 working days end Tue 10 Feb 2026.
    assert case.clock("delivery_after_cdai").last_day == date(2026, 2, 10)
    [mail] = _mail(case, "cdai_decision")
    assert mail.recipient == REQUEST["applicant"]["email"] and mail.next_attempt_at is None
    expected = {"fr": ("a accueilli votre plainte", "lundi 5 janvier 2026", "mardi 10 février 2026",
                       "20 jours ouvrables"),
                "ar": ("قبلت لجنة الحق في الحصول على المعلومات شكايتكم", long_date(date(2026, 1, 5), "ar"),
                       long_date(date(2026, 2, 10), "ar"), "20 يوم عمل")}[language]
    assert all(text in mail.body for text in expected), mail.body
    assert case.reference in mail.subject


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_cdai_decision_for_the_body_tells_the_court_windows_last_day(register, team, quick_letters,  # noqa: F811
                                                                      language):
    case = _appeal(register, team, language)
    _to_cdai(case, team)
    fire(case, "record_cdai_decision", {"decided_on": "2026-01-05", "decision": "for_body"},
         actor=team["supervisor"], now=at("2026-01-12"))
    [mail] = _mail(case, "cdai_decision")
    expected = {"fr": ("a rejeté votre plainte", "tribunal administratif", "l'article 21", "60 jours",
                       "vendredi 6 mars 2026"),
                "ar": ("رفضت لجنة الحق في الحصول على المعلومات شكايتكم", "المحكمة الإدارية", "للمادة 21",
                       long_date(date(2026, 3, 6), "ar"))}[language]
    assert all(text in mail.body for text in expected), mail.body


@pytest.mark.parametrize("language,ruling,expected", [
    ("fr", "for_applicant", ("a fait droit à votre recours", "mercredi 29 juillet 2026")),
    ("fr", "for_body", ("a rejeté votre recours", "Votre dossier est clos", "juridiction d'appel")),
    ("ar", "for_applicant", ("قضت المحكمة الإدارية لصالحكم", long_date(date(2026, 7, 29), "ar"))),
    ("ar", "for_body", ("رفضت المحكمة الإدارية طعنكم", "تم حفظ ملفكم", "محكمة الاستئناف")),
])
def test_a_judgment_tells_what_follows(register, team, quick_letters, language, ruling, expected):  # noqa: F811
    case = _appeal(register, team, language)
    _to_cdai(case, team)
    fire(case, "record_cdai_decision", {"decided_on": "2026-01-05", "decision": "for_body"},
         actor=team["supervisor"], now=at("2026-01-12"))
    fire(case, "record_court_case", {"filed_on": "2026-02-02", "court_reference": "T-1"},
         actor=team["supervisor"], now=at("2026-02-03"))
    fire(case, "record_judgment", {"decided_on": "2026-06-30", "decision": ruling},
         actor=team["supervisor"], now=at("2026-07-01"))
    [mail] = _mail(case, "judgment")
    assert all(text in mail.body for text in expected), mail.body


def test_no_ruling_email_to_an_unconfirmed_address(register, team, quick_letters):  # noqa: F811
    case = register(received_at=RECEIVED, email_verified_by=None).case
    fire(case, "assign", {"officer": "officer"}, actor=team["supervisor"], now=at("2025-10-28"))
    fire(case, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": "x"},
         actor=team["officer"], now=at("2025-10-31"))
    fire(case, "complain_to_head", {"text": "Je conteste."}, applicant=True, now=at("2025-11-03"))
    _to_cdai(case, team)
    fire(case, "record_cdai_decision", {"decided_on": "2026-01-05", "decision": "for_body"},
         actor=team["supervisor"], now=at("2026-01-12"))
    assert case.state == "cdai_for_body" and _mail(case, "cdai_decision") == []
