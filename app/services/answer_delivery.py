"""When the applicant received the answer: day 0 of what runs from it (the disclosure log's delay).

LAW.md §4.5: a period that runs from an answer starts on the day the applicant
received it (the letter's delivery date, the e-mail's sending date). Until delivery
records exist (issue 8), the answer letter's issue date stands for it — the one
place to change when they land.
"""
from __future__ import annotations

from datetime import date

from workflows.calendar import local_date


def answer_received_on(case) -> date | None:
    """The Casablanca date the applicant received ``case``'s latest answer; None if it has none.

    Today: the issue date of the answer letter issued with that answer (the latest
    ``answer`` letter issued at or after ``answered_at``), else the answer's own date.
    """
    if case.answered_at is None:
        return None
    letters = [l for l in case.letters if l.kind == "answer" and l.issued_at >= case.answered_at]
    moment = min((l.issued_at for l in letters), default=case.answered_at)
    return local_date(moment)


def decision_received_on(case) -> date | None:
    """The Casablanca date the applicant received the head of the body's decision; None if there is none.

    Day 0 of the CDAI window after an upheld refusal (art. 20, LAW.md §4.5). Today: the
    issue date of the ``head_decision`` letter issued at or after ``decided_at``, else the
    decision's own date — the same day the ``decide`` transition starts the window on;
    delivery records (issue 8 §1) will make it the letter's delivery date.
    """
    if case.decided_at is None:
        return None
    letters = [l for l in case.letters if l.kind == "head_decision" and l.issued_at >= case.decided_at]
    return local_date(min((l.issued_at for l in letters), default=case.decided_at))
