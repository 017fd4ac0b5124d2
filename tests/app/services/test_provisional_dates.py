"""Provisional dates on clocks, recomputed when the holiday is confirmed; the skipped days shown (issue 8 §3)."""
from datetime import date, datetime

import pytest

from app.extensions import db
from app.models.holiday import Holiday
from app.services import holidays, recompute
from app.services.cases import fire, get_case
from app.services.letters import letter_html
from app.services.status import status_facts
from tests.conftest import REQUEST

RECEIVED = datetime(2026, 5, 10, 9, 0)   # Sun 2026-05-10: the answer clock crosses Eid al-Adha 2026 (estimate)


def eid_rows() -> list[Holiday]:
    return list(db.session.execute(db.select(Holiday).where(Holiday.key == "eid_al_adha",
                                                            Holiday.day >= date(2026, 1, 1))).scalars())


def run_jobs() -> None:
    recompute.run_pending()
    db.session.expire_all()


def test_a_clock_crossing_an_estimated_holiday_is_provisional_until_it_is_confirmed(register, staff):
    case = register(received_at=RECEIVED).case
    clock = case.clock("answer")
    assert (clock.due_on, clock.provisional) == (date(2026, 6, 9), True)
    facts = status_facts(case, now=RECEIVED)
    [answer] = facts["clocks"]
    assert answer["provisional"] is True
    assert answer["skipped"] == [
        {"date": "2026-05-27", "name": "عيد الأضحى", "label": {"ar": "عيد الأضحى", "fr": "Aïd al-Adha"}},
        {"date": "2026-05-28", "name": "عيد الأضحى", "label": {"ar": "عيد الأضحى", "fr": "Aïd al-Adha"}}]

    for row in eid_rows():
        holidays.confirm_holiday(row.id, actor=staff["admin"])
    assert get_case(case.reference).clock("answer").provisional    # the request only records the change
    run_jobs()
    case = get_case(case.reference)
    clock = case.clock("answer")
    assert (clock.due_on, clock.provisional) == (date(2026, 6, 9), False)
    assert status_facts(case, now=RECEIVED)["clocks"][0]["provisional"] is False
    events = [e.data for e in case.events if e.reason == recompute.REASON]
    assert events == [{"period": "answer", "from": "2026-06-09", "to": "2026-06-09", "provisional": False}]


def test_moving_the_estimated_holiday_moves_the_date_and_keeps_it_provisional(register, staff):
    case = register(received_at=RECEIVED).case
    # The moon was sighted a day later: Eid al-Adha on 28–29 May (still an estimate).
    for row in sorted(eid_rows(), key=lambda r: r.day, reverse=True):
        holidays.move_holiday(row.id, date(row.day.year, row.day.month, row.day.day + 1), actor=staff["admin"])
        run_jobs()
    clock = get_case(case.reference).clock("answer")
    assert (clock.due_on, clock.provisional) == (date(2026, 6, 9), True)   # Wed–Thu → Thu–Fri: same count
    [row] = [r for r in eid_rows() if r.day == date(2026, 5, 29)]
    holidays.move_holiday(row.id, date(2026, 5, 30), actor=staff["admin"])    # now Thu 28 and Sat 30 May
    run_jobs()
    clock = get_case(case.reference).clock("answer")
    assert (clock.due_on, clock.provisional) == (date(2026, 6, 8), True)


def test_an_extension_across_the_estimate_makes_the_date_provisional(register, staff):
    case = register(received_at=datetime(2026, 4, 20, 9, 0)).case       # due Tue 2026-05-19, final
    assert not case.clock("answer").provisional
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=datetime(2026, 4, 21, 9))
    fire(case, "extend", {"reason": "Volume important de documents à réunir."}, actor=staff["officer"],
         now=datetime(2026, 5, 4, 9))
    clock = get_case(case.reference).clock("answer")
    assert (clock.due_on, clock.provisional) == (date(2026, 6, 19), True)


def test_a_closed_cases_running_clock_is_recomputed(register, staff):
    """An upheld refusal's CDAI window keeps running after the case closes (issue 8 §3)."""
    case = register(received_at=datetime(2025, 10, 27, 9, 0)).case
    clock = case.clock("answer")
    case.state = "closed"          # a closed case whose clock still runs, whatever closed it
    db.session.commit()
    holidays.add_holiday(date(2025, 11, 10), "closure", kind="closure", status="confirmed", actor=staff["admin"])
    run_jobs()
    clock = get_case(case.reference).clock("answer")
    assert (clock.status, clock.due_on) == ("running", date(2025, 11, 27))


@pytest.mark.parametrize("lang, mark", [("fr", "date provisoire"), ("ar", "تاريخ مؤقت")])
def test_the_letters_say_a_date_is_provisional(register, lang, mark):
    data = {**REQUEST, "language": lang}
    provisional = register(data=data, received_at=RECEIVED).case
    html, _ = letter_html(provisional, "acknowledgment", RECEIVED)
    assert mark in html
    final = register(data=data, received_at=datetime(2025, 10, 27, 9, 0)).case
    html, _ = letter_html(final, "acknowledgment", datetime(2025, 10, 27, 9, 0))
    assert mark not in html
