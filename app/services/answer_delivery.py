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
