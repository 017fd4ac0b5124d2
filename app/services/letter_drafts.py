"""Letters before they are issued: drafts, submission for sign-off, approval, rejection (issue 5 §4).

A staff action that issues a letter goes through ``act``: when the letter needs a
sign-off that the actor cannot give (``signoff.needs_signoff``), the action is kept as
a submitted draft instead of being taken; otherwise it is fired at once. Approving a
draft fires its action through ``cases.fire`` with the stored payload, in the same
unit of work as the approval's timeline event: the answer counts as given only when
the approved letter is issued, and the statutory clocks keep running meanwhile. A
rejection returns the draft to its author with the reason.
"""
from __future__ import annotations

import json
from datetime import datetime

from app.extensions import db
from app.models.letter_draft import OPEN_STATUSES, DraftStatus, LetterDraft
from app.services import signoff
from app.services.action_rules import TEXT_FIELDS, check_actor, validate_payload
from app.services.calendar import today_local, utc_now
from app.services.cases import PROBE_PAYLOAD, PayloadInvalid, available_triggers, fire, unit_of_work, workflow
from app.services.intake import text_problem
from app.services.letter_preview import letter_kind, preview_pdf
from app.services.letters import HEAD_SIGNED
from app.services.timeline import record_event
from workflows.machine import TransitionRefused

REJECTION_LIMIT = 2000


def open_triggers(case, user, now: datetime | None = None) -> list[str]:
    """The actions ``user`` may take on ``case`` now, and those they may prepare for the head's signature."""
    own = available_triggers(case, user, now)
    today = today_local(now)
    extra = []
    for trigger in workflow(case, today).available():
        if trigger in own or not signoff.prepares_for_head(case, trigger, user):
            continue
        try:
            workflow(case, today, PROBE_PAYLOAD).fire(trigger)
            extra.append(trigger)
        except TransitionRefused:
            continue
    return own + extra


def may_write(case, trigger: str, user) -> bool:
    """True when ``user`` may write (and submit) a draft of ``trigger``'s letter on ``case``."""
    return check_actor(case, trigger, user) is None or signoff.prepares_for_head(case, trigger, user)


def open_draft(case, trigger: str) -> LetterDraft | None:
    """The case's draft of ``trigger`` still being written or waiting for sign-off, if any."""
    return db.session.execute(db.select(LetterDraft).where(
        LetterDraft.case_id == case.id, LetterDraft.trigger == trigger, LetterDraft.status.in_(OPEN_STATUSES))
        .order_by(LetterDraft.id.desc())).scalars().first()


def drafts_of(case) -> list[LetterDraft]:
    """Every draft of ``case``, the latest first."""
    return list(db.session.execute(db.select(LetterDraft).where(LetterDraft.case_id == case.id)
                                   .order_by(LetterDraft.id.desc())).scalars())


def act(case, trigger: str, payload: dict | None, actor, now: datetime | None = None) -> LetterDraft | None:
    """Take a staff action, or submit it for sign-off when its letter needs one the actor cannot give.

    Returns:
        None when the action was taken (``cases.fire``: committed), else the submitted
        draft (committed; the case itself unchanged).

    Raises:
        like ``cases.fire`` (PermissionError, PayloadInvalid, TransitionRefused, Conflict).
    """
    now, payload = now or utc_now(), dict(payload or {})
    allowed = check_actor(case, trigger, actor) is None
    role = signoff.needs_signoff(case, trigger, payload, actor) if (
        allowed or signoff.prepares_for_head(case, trigger, actor)) else None
    if role is None:
        _cancel_open(case, trigger, now)
        _fire(case, trigger, payload, actor=actor, now=now)
        return None
    _check_action(case, trigger, payload, now)
    draft = open_draft(case, trigger)
    if draft is not None and draft.status == DraftStatus.SUBMITTED.value:
        raise TransitionRefused("draft_submitted", "a draft of this letter already waits for sign-off")
    with unit_of_work(case):
        draft = _write(case, trigger, payload, actor, now, draft)
        _mark_submitted(draft, actor, role, now)
    return draft


def save(case, trigger: str, payload: dict, actor, now: datetime | None = None,
         draft: LetterDraft | None = None) -> LetterDraft:
    """Write (or rewrite) the draft of ``trigger``'s letter on ``case`` and commit; nothing is checked but shape.

    A submitted draft rewritten by its author goes back to ``draft`` (recalled).

    Raises:
        LetterUnavailable: the action issues no letter.
        PermissionError: ``actor`` may not write it.
        PayloadInvalid: a text field too long or not text.
        TransitionRefused: the action is not open in the case's state, or another's draft waits for sign-off.
    """
    now = now or utc_now()
    letter_kind(case, trigger)
    if not may_write(case, trigger, actor):
        raise PermissionError("your role cannot write this letter")
    if trigger not in workflow(case, today_local(now)).available():
        raise TransitionRefused("not_allowed_in_state", f"'{trigger}' is not allowed in the case's state")
    draft = draft or open_draft(case, trigger)
    if draft is not None and draft.status == DraftStatus.SUBMITTED.value and draft.author_id != actor.id:
        raise TransitionRefused("draft_submitted", "a draft of this letter already waits for sign-off")
    with unit_of_work(case):
        draft = _write(case, trigger, payload, actor, now, draft)
    return draft


def submit(draft: LetterDraft, actor, now: datetime | None = None) -> LetterDraft:
    """Submit a draft: issued at once when its letter needs no sign-off from ``actor``, else sent to the approver.

    Raises:
        TransitionRefused: the draft is not being written (code ``draft_not_open``), or the
            action is not allowed now; PayloadInvalid; PermissionError; Conflict.
    """
    now, case = now or utc_now(), draft.case
    if draft.status not in (DraftStatus.DRAFT.value, DraftStatus.REJECTED.value):
        raise TransitionRefused("draft_not_open", "this draft is no longer being written")
    if not may_write(case, draft.trigger, actor):
        raise PermissionError("your role cannot write this letter")
    payload = dict(draft.payload or {})
    role = signoff.needs_signoff(case, draft.trigger, payload, actor)
    if role is None:
        draft.author = actor
        return _issue(draft, actor, None, now)
    _check_action(case, draft.trigger, payload, now)
    with unit_of_work(case):
        draft.author = actor
        _mark_submitted(draft, actor, role, now)
    return draft


def approve(draft: LetterDraft, approver, now: datetime | None = None) -> LetterDraft:
    """Sign off a submitted draft: its action is fired and its letter issued, with the approval on the timeline.

    Raises:
        TransitionRefused: the draft is not waiting for sign-off (``draft_not_submitted``),
            or the action is no longer allowed; PermissionError: ``approver`` does not
            sign off this letter; PayloadInvalid (e.g. a consultation day now past); Conflict.
    """
    _check_approver(draft, approver)
    return _issue(draft, approver, approver, now or utc_now())


def reject(draft: LetterDraft, approver, reason, now: datetime | None = None) -> LetterDraft:
    """Return a submitted draft to its author with ``reason``, and commit.

    Raises:
        TransitionRefused (``draft_not_submitted``), PermissionError, PayloadInvalid
        (``{"reason": ...}``: the reason is required), Conflict.
    """
    now = now or utc_now()
    _check_approver(draft, approver)
    problem = text_problem(reason, REJECTION_LIMIT) if reason is not None else None
    if problem or not isinstance(reason, str) or not reason.strip():
        raise PayloadInvalid({"reason": problem or "say why the draft is returned to its author"})
    with unit_of_work(draft.case):
        draft.status, draft.approver, draft.decided_at = DraftStatus.REJECTED.value, approver, now
        draft.rejection_reason, draft.updated_at = reason.strip(), now
        _event(draft, approver, "rejected", now, reason.strip())
    return draft


def discard(draft: LetterDraft, actor, now: datetime | None = None) -> LetterDraft:
    """Drop an open draft (its author or anyone who may write it), and commit.

    Raises:
        TransitionRefused (``draft_not_open``), PermissionError, Conflict.
    """
    now = now or utc_now()
    if not draft.is_open:
        raise TransitionRefused("draft_not_open", "this draft is no longer being written")
    if draft.author_id != actor.id and not may_write(draft.case, draft.trigger, actor):
        raise PermissionError("your role cannot write this letter")
    with unit_of_work(draft.case):
        if draft.status == DraftStatus.SUBMITTED.value:
            _event(draft, actor, "cancelled", now)
        draft.status, draft.decided_at, draft.updated_at = DraftStatus.CANCELLED.value, now, now
    return draft


def _check_approver(draft: LetterDraft, approver) -> None:
    """Only an approver of the draft's letter may decide on it, and only once it waits for sign-off."""
    role = draft.approver_role or signoff.approver_role(draft.case, draft.trigger, draft.payload or {})
    if not signoff.is_approver(approver, role):
        raise PermissionError("your role does not sign off this letter")
    if draft.status != DraftStatus.SUBMITTED.value:
        raise TransitionRefused("draft_not_submitted", "this draft is not waiting for sign-off")


def draft_pdf(draft: LetterDraft, now: datetime | None = None) -> bytes:
    """The draft's letter as it would be issued now, marked as a draft (``letter_preview``)."""
    return preview_pdf(draft.case, draft.trigger, dict(draft.payload or {}), signer=signer_of(draft, None), now=now)


def signer_of(draft: LetterDraft, issuer):
    """The head signs his own letters (when he issues them); the others are signed by the draft's author."""
    if draft.letter_kind in HEAD_SIGNED:
        return issuer if issuer is not None and issuer.role == signoff.HEAD else None
    return draft.author


def _write(case, trigger, payload, actor, now, draft):
    clean = _shape(payload)
    if draft is None:
        draft = LetterDraft(case_id=case.id, trigger=trigger, letter_kind=letter_kind(case, trigger),
                            created_at=now)
        db.session.add(draft)
    draft.payload, draft.author, draft.updated_at = clean, actor, now
    draft.status = DraftStatus.DRAFT.value
    return draft


def _shape(payload) -> dict:
    """The payload as a JSON object whose free texts are text of bounded length. Raises PayloadInvalid."""
    if not isinstance(payload, dict):
        raise PayloadInvalid({"payload": "a JSON object"})
    errors = {name: problem for name, limit in TEXT_FIELDS.items()
              if payload.get(name) is not None and (problem := text_problem(payload[name], limit))}
    try:
        json.dumps(payload)
    except (TypeError, ValueError):
        errors["payload"] = "plain JSON values only"
    if errors:
        raise PayloadInvalid(errors)
    return json.loads(json.dumps(payload))


def _check_action(case, trigger, payload, now) -> None:
    """What ``cases.fire`` would refuse, refused now (before anything waits for a sign-off)."""
    today, payload = today_local(now), dict(payload)
    errors = validate_payload(case, trigger, payload, today, now)
    if errors:
        raise PayloadInvalid(errors)
    workflow(case, today, payload).fire(trigger)


def _mark_submitted(draft, actor, role, now) -> None:
    db.session.flush()   # the draft's id, for the timeline
    draft.status, draft.approver_role, draft.submitted_at = DraftStatus.SUBMITTED.value, role, now
    draft.rejection_reason, draft.approver, draft.updated_at = None, None, now
    _event(draft, actor, "submitted", now)


def _issue(draft, actor, approver, now) -> LetterDraft:
    """Fire the draft's action and mark it issued, in one unit of work (with the approval's event)."""
    case = draft.case
    draft.status, draft.decided_at, draft.updated_at = DraftStatus.ISSUED.value, now, now
    if approver is not None:
        draft.approver = approver
        _event(draft, approver, "approved", now)
    _cancel_open(case, draft.trigger, now, keep=draft)
    _fire(case, draft.trigger, dict(draft.payload or {}), actor=actor, now=now, signer=signer_of(draft, actor))
    return draft


def _fire(case, trigger, payload, **kwargs):
    try:
        fire(case, trigger, payload, **kwargs)
    except BaseException:
        db.session.rollback()   # the draft changes made before the action are dropped with it
        raise


def _cancel_open(case, trigger, now, keep=None) -> None:
    """Drafts of ``trigger`` left open when the action is taken another way are cancelled (not committed)."""
    for other in db.session.execute(db.select(LetterDraft).where(
            LetterDraft.case_id == case.id, LetterDraft.trigger == trigger,
            LetterDraft.status.in_(OPEN_STATUSES))).scalars():
        if other is not keep:
            other.status, other.decided_at, other.updated_at = DraftStatus.CANCELLED.value, now, now


def _event(draft, actor, what: str, now, reason=None) -> None:
    record_event(draft.case, "draft", actor, at=now, reason=reason,
                 data={"draft": draft.id, "letter": draft.letter_kind, "trigger": draft.trigger, "status": what,
                       "author": draft.author.username if draft.author else None,
                       "approver": draft.approver.username if draft.approver else None,
                       "approver_role": draft.approver_role, "outcome": (draft.payload or {}).get("outcome")})
