"""How a date was counted: provisional dates (estimated holidays) and the skipped weekdays (issue 8 §3)."""
from dataclasses import replace
from datetime import date, datetime

import pytest

from workflows.calendar import WorkingCalendar
from workflows.deadlines import deadline, explained, extend, next_notice_time, notices_may_go_out
from workflows.official_holidays import OFFICIAL_HOLIDAYS
from workflows.statute import PERIODS

OFFICIAL = WorkingCalendar(OFFICIAL_HOLIDAYS)
# The same table once the Ministry of Habous confirmed Eid al-Adha 2026 (27–28 May).
CONFIRMED = WorkingCalendar([replace(o, status="confirmed") if o.key == "eid_al_adha" else o
                             for o in OFFICIAL_HOLIDAYS])


def skipped(end) -> list[tuple[str, str]]:
    return [(d.day.isoformat(), d.name_fr) for d in end.skipped]


def test_a_count_crossing_an_estimated_holiday_is_provisional_until_confirmed():
    # Received Sun 2026-05-10: 20 working days cross Eid al-Adha 2026 (27–28 May, an estimate in LAW.md §3).
    before = deadline(PERIODS["answer"], date(2026, 5, 10), OFFICIAL)
    assert (before.due, before.provisional) == (date(2026, 6, 9), True)
    assert skipped(before) == [("2026-05-27", "Aïd al-Adha"), ("2026-05-28", "Aïd al-Adha")]
    after = deadline(PERIODS["answer"], date(2026, 5, 10), CONFIRMED)
    assert (after.due, after.provisional, skipped(after)) == (before.due, False, skipped(before))


def test_a_count_ending_before_the_estimated_holiday_is_final():
    # Received Mon 2026-04-20: due Tue 2026-05-19, before Eid al-Adha (1 May is a confirmed fixed holiday).
    end = deadline(PERIODS["answer"], date(2026, 4, 20), OFFICIAL)
    assert (end.due, end.provisional, skipped(end)) == (date(2026, 5, 19), False, [("2026-05-01", "Fête du Travail")])


@pytest.mark.parametrize("start, rule, due, days", [
    # LAW.md §5: Fri 2025-06-06 → Tue 2025-07-08 (Eid al-Adha on the weekend 7–8 Jun is not listed).
    (date(2025, 6, 6), "answer", date(2025, 7, 8), ["2025-06-09", "2025-06-27"]),
    # Thu 2025-03-27 → Mon 2025-04-28, across Eid al-Fitr (31 Mar – 1 Apr).
    (date(2025, 3, 27), "answer", date(2025, 4, 28), ["2025-03-31", "2025-04-01"]),
    # Mon 2025-02-03 → Mon 2025-03-03: weekends only, nothing listed.
    (date(2025, 2, 3), "answer", date(2025, 3, 3), []),
    # Wed 2025-08-13, urgent → Tue 2025-08-19 (14, 20 Aug; 21 Aug lies after the due date).
    (date(2025, 8, 13), "urgent_answer", date(2025, 8, 19), ["2025-08-14"]),
    # A calendar-day window does not depend on holidays: CDAI, 2025-11-26 → 2025-12-26.
    (date(2025, 11, 26), "cdai_window", date(2025, 12, 26), []),
])
def test_the_skipped_weekdays_of_the_worked_examples(start, rule, due, days):
    end = deadline(PERIODS[rule], start, OFFICIAL)
    assert end.due == due and not end.provisional
    assert [d.day.isoformat() for d in end.skipped] == days


def test_the_worked_example_names_what_it_skipped_in_both_languages():
    end = deadline(PERIODS["answer"], date(2025, 6, 6), OFFICIAL)
    assert [(d.name_ar, d.name_fr) for d in end.skipped] == [
        ("عطلة استثنائية", "fermeture exceptionnelle"), ("فاتح محرم", "1er Moharram")]


def test_a_citizens_window_kept_open_past_holidays_lists_them():
    # A CDAI window from Tue 2025-10-07 ends Thu 6 Nov, a holiday (Green March): it stays open
    # until Fri 7 Nov, and 6 Nov is listed.
    end = deadline(PERIODS["cdai_window"], date(2025, 10, 7), OFFICIAL)
    assert (end.due, end.last_day) == (date(2025, 11, 6), date(2025, 11, 7))
    assert [d.day for d in end.skipped] == [date(2025, 11, 6)]


def test_an_extended_clock_is_explained_over_its_whole_span():
    # Received 2026-04-20, due 2026-05-19, extended by 20 working days across Eid al-Adha 2026
    # and 1 Muharram (17 Jun, estimated): due Fri 2026-06-19.
    first = deadline(PERIODS["answer"], date(2026, 4, 20), OFFICIAL)
    longer = extend(first.due, PERIODS["extension"], OFFICIAL)
    whole = explained(PERIODS["answer"], date(2026, 4, 20), longer.due, longer.last_day, OFFICIAL)
    assert longer.due == date(2026, 6, 19) and longer.provisional
    assert whole.provisional and [d.day.isoformat() for d in whole.skipped] == [
        "2026-05-01", "2026-05-27", "2026-05-28", "2026-06-17"]


@pytest.mark.parametrize("local, may", [
    (datetime(2025, 11, 24, 2, 0), False),    # Monday, at night
    (datetime(2025, 11, 24, 8, 59), False),
    (datetime(2025, 11, 24, 9, 0), True),     # Monday, 09:00
    (datetime(2025, 11, 24, 9, 45), True),
    (datetime(2025, 11, 24, 10, 0), False),
    (datetime(2025, 11, 22, 9, 0), False),    # Saturday
    (datetime(2025, 11, 18, 9, 0), False),    # Independence Day (a Tuesday)
])
def test_notices_go_out_at_nine_on_working_days_only(local, may):
    assert notices_may_go_out(local, OFFICIAL) is may


@pytest.mark.parametrize("local, expected", [
    (datetime(2025, 11, 22, 2, 0), datetime(2025, 11, 24, 9, 0)),    # Saturday night → Monday 09:00
    (datetime(2025, 11, 24, 2, 0), datetime(2025, 11, 24, 9, 0)),    # Monday night → that morning
    (datetime(2025, 11, 24, 9, 30), datetime(2025, 11, 24, 9, 30)),  # within the hour: now
    (datetime(2025, 11, 17, 14, 0), datetime(2025, 11, 19, 9, 0)),   # Monday afternoon → Wed (18 Nov holiday)
])
def test_the_next_moment_notices_may_go_out(local, expected):
    assert next_notice_time(local, OFFICIAL) == expected
