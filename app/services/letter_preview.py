"""The letter an action would issue, rendered before it is taken: the real PDF, marked as a draft.

The preview applies the action to the case in memory — state, answer fields, clocks,
the transition's reason — exactly as ``cases.fire`` would, renders the letter with
``letters.render_letter(..., draft=True)``, then discards every change (a SAVEPOINT
rolled back, nothing flushed). Nothing is stored: no letter row, no event, no clock;
the statutory clocks keep running as they were.
"""
from __future__ import annotations

from datetime import datetime

from app.extensions import db
from app.services import letters, transition_effects
from app.services.action_rules import validate_payload
from app.services.calendar import today_local, utc_now, working_calendar
from app.services.clocks import apply_clock_change
from app.services.letter_facts import LetterUnavailable
from app.services.timeline import record_event


class _Discard(Exception):
    """Raised inside the savepoint so that everything the preview changed is rolled back."""


def letter_kind(case, trigger: str) -> str:
    """The kind of letter ``trigger`` issues on ``case``.

    Raises:
        LetterUnavailable: the action issues no letter.
    """
    kind = case.spec.letter_after.get(trigger)
    if kind is None:
        raise LetterUnavailable(f"the action {trigger!r} issues no letter")
    return kind


def preview_pdf(case, trigger: str, payload: dict, *, signer=None, now: datetime | None = None) -> bytes:
    """The PDF of the letter ``trigger`` with ``payload`` would issue now, marked as a draft.

    Args:
        case: the case, in the current session (left as it was).
        trigger: an action that issues a letter (``case.spec.letter_after``).
        payload: the action's input, as for ``cases.fire``.
        signer: the staff member named under the signature (the draft's author, or
            the head on the head's letters), or None.
        now: the instant the letter would bear, naive UTC (default: now).

    Raises:
        LetterUnavailable: the action issues no letter.
        PayloadInvalid: the payload is invalid (``errors`` per field).
        TransitionRefused: the state or the law does not allow the action now.
    """
    from app.services.cases import PayloadInvalid, workflow

    now, kind = now or utc_now(), letter_kind(case, trigger)
    payload, today = dict(payload or {}), today_local(now)
    errors = validate_payload(case, trigger, payload, today, now)
    if errors:
        raise PayloadInvalid(errors)
    machine = workflow(case, today, payload)
    new_state = machine.fire(trigger)
    pdf = b""
    try:
        with db.session.begin_nested(), db.session.no_autoflush:
            case.state = new_state.value
            transition_effects.apply(case, trigger, payload, signer, now)
            apply_clock_change(case, case.spec.clock_changes(trigger, machine.facts), working_calendar(), now)
            record_event(case, "transition", signer, trigger=trigger, at=now,
                         reason=payload.get("reason") or payload.get("text"))
            pdf = letters.render_letter(case, kind, now, actor=signer, draft=True)
            raise _Discard()
    except _Discard:
        pass
    return pdf
