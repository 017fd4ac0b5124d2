"""The case timeline: one CaseEvent per transition, assignment, letter, e-mail, clock change."""
from app.models.case_event import CaseEvent


def record_event(case, kind: str, actor=None, *, trigger=None, from_state=None, to_state=None,
                 reason=None, data=None, at=None) -> CaseEvent:
    """Append an event to ``case`` (added to the session with the case; not committed)."""
    event = CaseEvent(kind=kind, actor=actor, actor_label=actor.username if actor else "system",
                      trigger=trigger, from_state=from_state, to_state=to_state,
                      reason=reason, data=data or {})
    if at is not None:
        event.at = at
    case.events.append(event)
    return event
