"""How a grant delivers (art. 14) and what it costs (art. 5): checked per form of access, normalised."""
from datetime import date
from decimal import Decimal

import pytest

from workflows.calendar import WorkingCalendar
from workflows.delivery import check_delivery, total_cost

CAL = WorkingCalendar()
TODAY = date(2025, 11, 3)           # Monday


def check(form, outcome="granted", delivery=None, documents=0):
    return check_delivery(form, outcome, delivery, documents, TODAY, CAL)


def test_paper_copy_needs_place_and_a_working_day_and_states_costs():
    details, errors = check("paper_copy", delivery={"place": "Bureau d'ordre", "date": "2025-11-05",
                                                    "copying_cost": "12,5", "sending_cost": 0})
    assert errors == {}
    assert details == {"form": "paper_copy", "place": "Bureau d'ordre", "date": "2025-11-05",
                       "copying_cost": "12.50", "sending_cost": "0.00"}
    assert total_cost(details) == Decimal("12.50")
    assert set(check("paper_copy", delivery={})[1]) == {"delivery.place", "delivery.date"}


@pytest.mark.parametrize("day, problem", [
    ("2025-11-06", "choose a working day"),       # Green March day (holiday)
    ("2025-11-08", "choose a working day"),       # Saturday
    ("2025-10-31", "this date has passed"),
    ("05/11/2025", "a date as YYYY-MM-DD")])
def test_collection_and_consultation_days_are_working_days_from_today(day, problem):
    assert check("consultation", delivery={"place": "Salle 2", "date": day, "time": "10:00"})[1] == {
        "delivery.date": problem}


def test_consultation_needs_day_time_and_place():
    details, errors = check("consultation", delivery={"place": "Salle 2", "date": "2025-11-04", "time": "09:30"})
    assert errors == {} and details == {"form": "consultation", "place": "Salle 2", "date": "2025-11-04",
                                        "time": "09:30"}
    assert check("consultation", delivery={"place": "Salle 2", "date": "2025-11-04", "time": "25:00"})[1] == {
        "delivery.time": "a time as HH:MM, e.g. 10:30"}
    assert "delivery.copying_cost" in check("consultation", delivery={
        "place": "x", "date": "2025-11-04", "time": "09:30", "copying_cost": "5"})[1]


@pytest.mark.parametrize("cost", ["-1", "abc", "1.234", "1e9", True, "NaN"])
def test_costs_are_plain_amounts_in_dirhams(cost):
    errors = check("paper_copy", delivery={"place": "x", "date": "2025-11-04", "copying_cost": cost})[1]
    assert errors == {"delivery.copying_cost": "an amount in dirhams, e.g. 25.50"}


def test_documents_only_with_a_grant_answering_an_electronic_copy_request():
    assert check("electronic_copy", documents=2) == ({}, {})
    assert check("paper_copy", documents=1, delivery={"place": "x", "date": "2025-11-04"})[1] == {
        "documents": "documents are released only for an electronic copy (art. 14)"}
    assert check("electronic_copy", outcome="refused", documents=1)[1] == {
        "documents": "only a grant (in full or in part) releases documents"}
    assert check("paper_copy", outcome="refused", delivery={"place": "x"})[1] == {
        "delivery": "only a grant delivers information"}
    assert check("paper_copy", outcome="not_held") == ({}, {})
