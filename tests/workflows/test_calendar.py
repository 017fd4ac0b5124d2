"""Working days and the LAW.md §5 worked examples (no app needed)."""
from datetime import date, datetime, timezone

import pytest

from workflows.calendar import HolidayOverride, WorkingCalendar, local_date
from workflows.deadlines import deadline, extend, is_overdue, reminder_due, working_days_left
from workflows.official_holidays import OFFICIAL_HOLIDAYS
from workflows.statute import period

CAL = WorkingCalendar(OFFICIAL_HOLIDAYS)
D = date.fromisoformat

# LAW.md §5, row by row: (day 0, rule, due)
WORKED_EXAMPLES = [
    ("2025-02-03", "answer", "2025-03-03"),
    ("2025-03-27", "answer", "2025-04-28"),                     # crosses Eid al-Fitr
    ("2025-06-06", "answer", "2025-07-08"),                     # Eid al-Adha, closure 9 Jun, 1 Muharram
    ("2025-07-15", "answer", "2025-08-13"),
    ("2025-10-27", "answer", "2025-11-26"),
    ("2025-11-06", "answer", "2025-12-05"),                     # received on a holiday, by e-mail
    ("2025-08-13", "urgent_answer", "2025-08-19"),
    ("2026-03-09", "answer", "2026-04-08"),                     # Eid al-Fitr 2026 + closure
    ("2026-07-20", "answer", "2026-08-19"),
    ("2025-07-28", "complaint_to_head_window", "2025-08-29"),
    ("2025-11-03", "head_decision", "2025-11-26"),
    ("2025-11-26", "cdai_window", "2025-12-26"),
    ("2025-10-02", "complaint_answer", "2025-12-01"),
    ("2025-01-10", "answer", "2025-02-10"),
]

EXTENSIONS = [
    ("2025-04-28", "extension", "2025-05-27"),
    ("2025-08-19", "urgent_extension", "2025-08-26"),
]


@pytest.mark.parametrize("start, rule, due", WORKED_EXAMPLES)
def test_worked_examples(start, rule, due):
    assert deadline(period(rule), D(start), CAL).due == D(due)


@pytest.mark.parametrize("due, rule, extended", EXTENSIONS)
def test_extensions_count_from_the_current_due_date(due, rule, extended):
    assert extend(D(due), period(rule), CAL).due == D(extended)


def test_package_alone_gets_eid_2025_wrong_which_is_why_the_table_overrides_it():
    baseline = WorkingCalendar()
    assert deadline(period("answer"), D("2025-03-27"), baseline).due != D("2025-04-28")


def test_day_one_is_the_first_working_day_after_a_weekend_receipt():
    assert CAL.add_working_days(D("2025-02-08"), 1) == D("2025-02-10")  # Saturday → Monday


def test_no_substitute_day_when_a_holiday_falls_on_a_weekend():
    assert CAL.is_working_day(D("2025-01-13"))  # 11 Jan 2025 was a Saturday


def test_exceptional_closure_is_not_a_working_day():
    assert not CAL.is_working_day(D("2025-06-09"))


def test_working_override_makes_a_baseline_holiday_a_working_day():
    cal = WorkingCalendar([HolidayOverride(D("2025-05-01"), "labor_day", "x", "x", kind="working")])
    assert cal.is_working_day(D("2025-05-01"))


def test_table_replaces_the_package_estimate_for_the_same_holiday_and_year():
    days = {d.day for d in CAL.non_working_days(2025)}
    assert D("2025-03-30") not in days and {D("2025-03-31"), D("2025-04-01")} <= days


def test_citizen_calendar_window_ending_on_a_weekend_stays_open_until_the_next_working_day():
    end = deadline(period("cdai_window"), D("2025-11-08"), CAL)  # + 30 = Mon 8 Dec? check both
    assert end.due == D("2025-12-08") and end.last_day == D("2025-12-08")
    end = deadline(period("cdai_window"), D("2025-11-07"), CAL)  # + 30 = Sun 7 Dec
    assert end.due == D("2025-12-07") and end.last_day == D("2025-12-08")


def test_body_calendar_deadline_is_exact_even_on_a_weekend():
    end = deadline(period("complaint_answer"), D("2025-10-04"), CAL)  # + 60 = Wed 3 Dec
    assert end.due == end.last_day == D("2025-12-03")
    end = deadline(period("complaint_answer"), D("2025-10-08"), CAL)  # + 60 = Sun 7 Dec
    assert end.due == end.last_day == D("2025-12-07")


def test_not_overdue_on_the_due_day_overdue_the_next_day():
    due = D("2025-11-26")
    assert not is_overdue(due, due)
    assert is_overdue(due, D("2025-11-27"))
    assert working_days_left(due, due, CAL) == 0


def test_working_days_left_and_reminders():
    due = D("2025-11-26")  # Wednesday
    assert working_days_left(D("2025-11-21"), due, CAL) == 3
    assert reminder_due(due, D("2025-11-21"), 3, CAL)
    assert not reminder_due(due, D("2025-11-20"), 3, CAL)
    assert not reminder_due(due, D("2025-11-27"), 3, CAL)  # overdue: another notice


@pytest.mark.parametrize("instant, local", [
    # Ramadan 2026 (about 18 Feb – 19 Mar): Morocco is on UTC+0.
    (datetime(2026, 2, 25, 23, 30, tzinfo=timezone.utc), date(2026, 2, 25)),
    # Outside Ramadan Morocco is on UTC+1: 23:30 UTC is already the next local day.
    (datetime(2026, 4, 25, 23, 30, tzinfo=timezone.utc), date(2026, 4, 26)),
    (datetime(2026, 4, 25, 23, 30), date(2026, 4, 26)),  # naive = UTC
])
def test_receipt_date_follows_the_ramadan_time_shift(instant, local):
    assert local_date(instant) == local


def test_ramadan_shift_moves_the_due_date():
    # Wed 25 Feb 2026 23:30 UTC, during Ramadan, is still Wednesday in Morocco (UTC+0):
    # day 0 is the 25th. A fixed UTC+1 offset would make it Thursday and the due date
    # one working day later.
    during = deadline(period("answer"), local_date(datetime(2026, 2, 25, 23, 30)), CAL).due
    assert during == D("2026-03-27")  # crosses Eid al-Fitr 20–21 Mar and the 23 Mar closure
    assert deadline(period("answer"), D("2026-02-26"), CAL).due == D("2026-03-30")
    # Outside Ramadan the same UTC time is the next local day.
    outside = deadline(period("answer"), local_date(datetime(2026, 4, 21, 23, 30)), CAL).due
    assert outside == deadline(period("answer"), D("2026-04-22"), CAL).due


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError):
        CAL.add_working_days(D("2025-01-01"), -1)
