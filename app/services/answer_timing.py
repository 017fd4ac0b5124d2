"""When the first answer came, against the deadline then in force (for the statistics).

The statistics time the body's first answer to a case (art. 16 for a request, the
decree's 60 days for a complaint); later answers (after the head overturned a
refusal, after a reopening) keep the first one's dates.
"""
from datetime import datetime

from workflows.calendar import local_date


def record_first_answer(case, now: datetime) -> None:
    """Store the Casablanca date of ``case``'s first answer and the answer deadline running then.

    Call before the answer's clock changes (the answer clock still runs). A case
    answered after its deadline ran out (a deemed refusal, art. 19) has no running
    answer clock: ``answer_due_on`` stays None, which the statistics count as late.

    Args:
        case: the case being answered.
        now: the instant of the answer, naive UTC.
    """
    if case.answered_on is not None:
        return
    case.answered_on = local_date(now)
    running = [c.due_on for c in case.running_clocks() if c.period in case.spec.answer_clocks]
    case.answer_due_on = min(running) if running else None
