"""The case timeline: one CaseEvent per transition, assignment, letter, e-mail, clock change."""
from app.models.case_event import CaseEvent


def record_event(case, kind: str, actor=None, *, trigger=None, from_state=None, to_state=None,
                 reason=None, data=None, at=None, code: str | None = None, params: dict | None = None) -> CaseEvent:
    """Append an event to ``case`` (added to the session with the case; not committed).

    ``reason`` is text a person wrote (shown as written). A reason the service states itself
    is a ``code`` of ``app.event_labels.REASONS`` with its ``params`` (stored in ``data`` as
    ``reason_code`` / ``reason_params``), translated when the timeline is shown.
    """
    data = dict(data or {})
    if code is not None:
        data["reason_code"] = code
        if params:
            data["reason_params"] = params
    event = CaseEvent(kind=kind, actor=actor, actor_label=actor.username if actor else "system",
                      trigger=trigger, from_state=from_state, to_state=to_state,
                      reason=reason, data=data)
    if at is not None:
        event.at = at
    case.events.append(event)
    return event
