"""Staff change a complaint's category after intake (audited on its timeline)."""
from datetime import datetime

from app.services import complaint_categories
from app.services.cases import unit_of_work
from app.services.complaint_categories import CategoryError
from app.services.timeline import record_event
from workflows.kinds import CaseKind


def recategorise(case, code: str, actor, now: datetime) -> bool:
    """Put complaint ``case`` in the active category ``code`` and commit, with a ``category`` event.

    Returns False (and changes nothing) when the case already has that category.

    Raises:
        CategoryError: the case is not a complaint, or ``code`` is not an active category.
        Conflict: another action changed the case at the same time (nothing changed).
    """
    if case.kind != CaseKind.COMPLAINT.value:
        raise CategoryError({"category": "only a complaint has a category"})
    if code not in complaint_categories.active_codes():
        raise CategoryError({"category": "choose one of the active categories"})
    if case.category == code:
        return False
    with unit_of_work(case):
        record_event(case, "category", actor, code="category_changed", at=now,
                     data={"from": case.category, "to": code})
        case.category = code
    return True
