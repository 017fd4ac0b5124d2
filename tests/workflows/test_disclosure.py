"""The disclosure log's rules: its state table, the due date in working days, what is published."""
from datetime import date

import pytest

from workflows.calendar import WorkingCalendar
from workflows.disclosure import MOVES, PublicationState, is_due, is_published_outcome, move, publication_due, reason_problem
from workflows.machine import TransitionRefused
from workflows.official_holidays import OFFICIAL_HOLIDAYS
from workflows.statute import PUBLICATION_CATEGORIES, REDACTION_GROUNDS

CAL = WorkingCalendar(OFFICIAL_HOLIDAYS)
S = PublicationState


@pytest.mark.parametrize("state", list(S))
@pytest.mark.parametrize("name", list(MOVES))
def test_every_state_and_move(state, name):
    allowed = {("publish", S.SCHEDULED): S.PUBLISHED, ("publish", S.HELD): S.PUBLISHED,
               ("publish", S.WITHHELD): S.PUBLISHED, ("withhold", S.SCHEDULED): S.WITHHELD,
               ("withhold", S.HELD): S.WITHHELD, ("withhold", S.PUBLISHED): S.WITHHELD,
               ("hold", S.SCHEDULED): S.HELD, ("review", S.HELD): S.SCHEDULED}
    if (name, state) in allowed:
        assert move(state.value, name) is allowed[(name, state)]
    else:
        with pytest.raises(TransitionRefused) as refused:
            move(state.value, name)
        assert refused.value.code == "publication_not_allowed"


@pytest.mark.parametrize("received, delay, due", [
    (date(2025, 11, 3), 20, date(2025, 12, 3)),     # 6 and 18 Nov are holidays
    (date(2025, 10, 27), 20, date(2025, 11, 26)),   # LAW.md §5
    (date(2025, 3, 27), 20, date(2025, 4, 28)),     # across Eid al-Fitr
    (date(2025, 11, 8), 1, date(2025, 11, 10)),     # a Saturday is day 0: day 1 is Monday
])
def test_the_due_date_counts_working_days_from_the_answers_receipt(received, delay, due):
    assert publication_due(received, delay, CAL) == due
    assert not is_due(due, date.fromordinal(due.toordinal() - 1)) and is_due(due, due) and not is_due(None, due)


def test_only_grants_are_published_and_reasons_are_checked():
    assert is_published_outcome("granted") and is_published_outcome("partly_granted")
    assert not any(is_published_outcome(o) for o in ("refused", "not_held", "withdrawn", None))
    assert reason_problem("  ") and reason_problem(None) and reason_problem("x" * 2001)
    assert reason_problem("Document interne.") is None


def test_the_redaction_grounds_are_art_7_with_personal_data_first():
    assert list(REDACTION_GROUNDS)[0] == "personal_data"
    assert {g.article for g in REDACTION_GROUNDS.values()} == {"7"}
    assert all(g.label_ar and g.label_fr for g in REDACTION_GROUNDS.values())
    assert "budget" in PUBLICATION_CATEGORIES and "other" in PUBLICATION_CATEGORIES
