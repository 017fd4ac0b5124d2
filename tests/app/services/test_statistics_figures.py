"""The figures of §1 against a year of cases whose every count is known (tests/…/statistics_cases.py)."""
from collections import Counter
from datetime import date

import pytest

from app.services.statistics import Filters, compute
from app.services.statistics.figures import day_counts, median_mean
from app.services.statistics.period import year
from tests.app.services.statistics_cases import NOW, build_year


@pytest.fixture
def year_2025(register, staff):
    return build_year(register, staff)


def test_information_requests_of_the_year(year_2025):
    f = compute(year(2025), now=NOW)
    assert f["requests.received"] == 8           # r6 counts: 2025-01-01 in Casablanca; "out" is 2024
    assert f["requests.by_channel"] == {"portal": 6, "counter": 0, "post": 1, "email": 1, "national_portal": 0}
    months = f["requests.by_month"]
    assert list(months) == [f"2025-{m:02d}" for m in range(1, 13)]
    assert {k: v for k, v in months.items() if v} == {"2025-01": 1, "2025-02": 1, "2025-03": 1, "2025-06": 1,
                                                     "2025-07": 1, "2025-09": 1, "2025-10": 1, "2025-12": 1}
    assert f["requests.by_type"] == {"ordinary": 7, "urgent": 1}
    assert f["requests.by_status"] == {"answered": 5, "deemed_refusal": 1, "withdrawn": 1, "in_progress": 1}
    assert f["requests.by_outcome"] == {"granted": 2, "partly_granted": 1, "refused": 1, "not_held": 1,
                                       "inadmissible": 0}
    assert f["requests.timeliness"] == {"on_time": 4, "late": 1}
    assert (f["requests.deemed_refusals"], f["requests.extended"]) == (1, 1)
    assert f["requests.grounds"]["exception_art7"] == 2 and f["requests.grounds"]["in_preparation"] == 1
    assert sum(f["requests.grounds"].values()) == 3
    assert f["requests.by_state"] == {"received": 0, "assigned": 1, "answered": 3 + 1, "deemed_refused": 1,
                                      "appealed": 0, "head_upheld": 1, "head_silent": 0, "at_cdai": 0,
                                      "cdai_for_body": 0, "cdai_silent": 0, "in_court": 0, "closed": 1}


def test_working_days_to_answer_median_and_mean(year_2025):
    f = compute(year(2025), now=NOW)
    # 1, 2, 10, 20, 21 working days from receipt (day 0) to the first answer
    assert (f["requests.answer_days_median"], f["requests.answer_days_mean"]) == (10.0, 10.8)


def test_remedies_are_counted_from_the_timeline(year_2025):
    f = compute(year(2025), now=NOW)
    assert f["requests.head_complaints"] == 1
    assert f["requests.head_decisions"] == {"upheld": 1, "overturned": 0}
    # The CDAI and court stages (issue 8) count zero until their triggers are fired.
    assert f["requests.cdai_complaints"] == f["requests.court_cases"] == f["requests.cdai_silences"] == 0
    assert f["requests.cdai_decisions"] == f["requests.court_judgments"] == {"for_applicant": 0, "for_body": 0}


def test_cdai_and_court_events_are_counted_once_fired(year_2025):
    from app.extensions import db
    from app.services.timeline import record_event

    case = year_2025["r5"]
    record_event(case, "transition", None, trigger="complain_to_cdai", at=NOW)
    record_event(case, "transition", None, trigger="record_cdai_decision", data={"decision": "for_body"}, at=NOW)
    record_event(case, "transition", None, trigger="record_court_case", at=NOW)
    db.session.commit()
    f = compute(year(2025), now=NOW)
    assert (f["requests.cdai_complaints"], f["requests.court_cases"]) == (1, 1)
    assert f["requests.cdai_decisions"] == {"for_applicant": 0, "for_body": 1}


def test_complaints_of_the_year(year_2025):
    f = compute(year(2025), now=NOW)
    assert f["complaints.received"] == 5
    assert f["complaints.by_kind"] == {"complaint": 3, "observation": 1, "proposal": 1}
    assert {k: v for k, v in f["complaints.by_category"].items() if v} == {"roads": 3, "water": 1, "other": 1}
    assert f["complaints.by_channel"]["counter"] == 1 and f["complaints.by_channel"]["portal"] == 4
    assert f["complaints.by_status"] == {"answered": 3, "redirected": 1, "withdrawn": 0, "in_progress": 1}
    assert f["complaints.timeliness"] == {"within": 2, "beyond": 1}
    assert f["complaints.overdue"] == 1
    assert (f["complaints.answer_days_median"], f["complaints.answer_days_mean"]) == (49.0, 40.7)
    assert f["complaints.rated"] == 1 and f["complaints.ratings"] == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 0}
    assert f["complaints.rating_mean"] == 4.0
    assert f["complaints.reopened"] == 1


def test_totals_and_open_workload(year_2025, staff):
    f = compute(year(2025), now=NOW)
    assert f["cases.received"] == 13 and f["cases.by_kind"] == {"information_request": 8, "complaint": 5}
    assert f["workload.open_by_officer"] == {"complaints": 1, "officer": 1}
    assert f["workload.unassigned"] == 2
    assert f.officers["officer"] == {"ar": "Officer", "fr": "Officer"}   # no Arabic name: the Latin one


def test_filters_by_kind_channel_and_officer(year_2025, staff):
    only_requests = compute(year(2025), Filters(kind="information_request"), now=NOW)
    assert only_requests["complaints.received"] == 0 and only_requests["requests.received"] == 8
    assert only_requests["complaints.answer_days_median"] is None
    by_post = compute(year(2025), Filters(channel="post"), now=NOW)
    assert (by_post["requests.received"], by_post["complaints.received"]) == (1, 0)
    officer = compute(year(2025), Filters(officer_id=staff["officer"].id), now=NOW)
    assert officer["requests.received"] == 7 and officer["complaints.received"] == 0   # r1–r5, r7, r8 (not r6)
    assert officer["workload.open_by_officer"] == {"officer": 1}


def test_a_month_and_a_quarter():
    from app.services.statistics.period import month, parse_named

    assert parse_named("2025-Q4").start == date(2025, 10, 1) and parse_named("2025-q4").end == date(2025, 12, 31)
    assert month(2025, 2).end == date(2025, 2, 28) and parse_named("2024-02").end == date(2024, 2, 29)


def test_period_filters_by_the_casablanca_receipt_date(year_2025):
    from app.services.statistics.period import parse_range

    f = compute(parse_range("2025-01-01", "2025-01-01"), now=NOW)
    assert f["requests.received"] == 1       # r6 only: received 2024-12-31 23:30 UTC
    assert compute(year(2024), now=NOW)["requests.received"] == 1     # "out"


def test_day_counts_match_the_working_calendar(ctx):
    from app.services.calendar import working_calendar

    cal = working_calendar()
    pairs = [(date(2025, 3, 27), date(2025, 4, 28), 2), (date(2025, 6, 6), date(2025, 7, 8), 1),
             (date(2025, 11, 6), date(2025, 12, 5), 1), (date(2025, 5, 2), date(2025, 5, 2), 1)]
    counts = day_counts(pairs, cal)
    assert counts == Counter({20: 4, 0: 1})
    assert all(cal.working_days_between(r, a) in counts for r, a, _ in pairs)


@pytest.mark.parametrize("values, expected", [
    ({}, (None, None)), ({5: 1}, (5.0, 5.0)), ({1: 1, 3: 1}, (2.0, 2.0)), ({1: 2, 10: 1}, (1.0, 4.0)),
])
def test_median_and_mean_from_a_histogram(values, expected):
    assert median_mean(Counter(values)) == expected
