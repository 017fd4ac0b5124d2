"""Firing a transition on a case: one unit of work with its audit row.

The workflow (``workflows/``) decides whether the trigger is allowed; this module
validates the payload, checks who may act, applies the effects (fields, clocks,
letter, e-mail, timeline) and commits them together or not at all.
"""
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy.orm.exc import StaleDataError

from app import normalise
from app.extensions import db
from app.models.case import Case, CaseKind
from app.services import letters, notifications, remedy_notices, remedy_status
from app.services.action_rules import check_actor, validate_payload
from app.services.calendar import today_local, utc_now, working_calendar
from app.services.clocks import apply_clock_change, running_deadlines
from app.services.notice_hours import hold_until
from app.services.references import is_reference
from app.services import receipt_clocks, transition_effects
from app.services.timeline import record_event
from workflows import complaint as complaint_flow
from workflows.calendar import local_date
from workflows.machine import CaseFacts, TransitionRefused, Workflow


class CaseNotFound(LookupError):
    """No case has that reference."""


class PayloadInvalid(ValueError):
    """The trigger's input is invalid: ``errors`` maps fields to messages (HTTP 422)."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class Conflict(RuntimeError):
    """Another action changed the case at the same time; nothing was saved (HTTP 409)."""


@contextmanager
def unit_of_work(case: Case):
    """Commit what the block wrote on ``case``, or roll all of it back.

    Raises:
        Conflict: another transaction changed the case first (optimistic version check).
    """
    try:
        yield
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise Conflict(f"case {case.reference} was changed by another action; reload and try again") from None
    except BaseException:
        db.session.rollback()
        raise


def get_case(reference: str) -> Case:
    """The case with ``reference`` (as typed: any script's digits, any case). Raises CaseNotFound.

    CaseNotFound also for text not shaped like a reference.
    """
    reference = normalise.reference(reference)
    if not is_reference(reference):
        raise CaseNotFound(reference)
    case = db.session.execute(db.select(Case).filter_by(reference=reference)).scalar_one_or_none()
    if case is None:
        raise CaseNotFound(reference)
    return case


def case_facts(case: Case, today, payload: dict | None = None) -> CaseFacts:
    """The plain facts the workflow guards read, taken from ``case`` on local date ``today``."""
    return CaseFacts(today=today, deadlines=running_deadlines(case), extended=case.extended,
                     outcome=case.outcome, reopen_count=case.reopen_count, head_decision=case.head_decision,
                     urgent=case.urgent_now, payload=payload or {}, assigned=case.assignee_id is not None,
                     received_on=local_date(case.received_at), remedies=dict(case.remedies or {}),
                     awaiting=receipt_clocks.awaiting_periods(case), lapsed=remedy_status.lapsed_windows(case))


def workflow(case: Case, today, payload: dict | None = None) -> Workflow:
    """A state machine around ``case``'s current state (built per action; changes nothing)."""
    return case.spec.workflow(case.state, case_facts(case, today, payload))


# A payload that satisfies the payload-dependent guards, so that the buttons offered
# depend on the case's state and dates only (the real payload is checked on submit).
PROBE_PAYLOAD = {"decision": "overturned", "outcome": "granted"}
# The remedies after the head (arts. 20–21) are probed as filed or decided today.
RULING_TRIGGERS = ("record_cdai_decision", "record_judgment")


def probe_payload(trigger: str, today, lapsed: dict | None = None) -> dict:
    """The payload a button's guard is probed with: ``PROBE_PAYLOAD``, dated ``today`` for a remedy.

    On a case closed by a lapsed window (``lapsed``: its last day by period), a filing is
    probed as made on that last day: one proved made in time may still be recorded.
    """
    ruling = {"decision": "for_body"} if trigger in RULING_TRIGGERS else {}
    filed = min((lapsed or {}).values(), default=today)
    return {**PROBE_PAYLOAD, "filed_on": filed.isoformat(), "decided_on": today.isoformat(), **ruling}


def available_triggers(case: Case, actor=None, now: datetime | None = None, applicant: bool = False) -> list[str]:
    """Triggers the actor could fire now, guards included (for buttons).

    Read from the workflow's table; a machine is built only to probe a guarded trigger
    the actor may fire (the status page and the case page are read far more than acted on).
    """
    today, out, lapsed = today_local(now), [], remedy_status.lapsed_windows(case)
    for trigger, guarded in case.spec.workflow.open_triggers(case.state).items():
        if check_actor(case, trigger, actor, applicant) is not None:
            continue
        if guarded:
            try:
                workflow(case, today, probe_payload(trigger, today, lapsed)).fire(trigger)
            except TransitionRefused:
                continue
        out.append(trigger)
    return out


def fire(case: Case, trigger: str, payload: dict | None = None, *, actor=None, applicant: bool = False,
         now: datetime | None = None, signer=None, hold: datetime | None = None) -> Case:
    """Fire ``trigger`` on ``case`` and commit, or change nothing.

    Args:
        case: the case, loaded in the current session.
        trigger: a trigger of the case's workflow table.
        payload: the action's input (e.g. ``{"outcome": "refused", "grounds": [...], "text": ...}``).
        actor: the staff user acting, or None for the system / the applicant.
        applicant: True when the applicant acts from the status page.
        now: the current instant, naive UTC (tests freeze it).
        signer: the staff member who signs the letter, when not ``actor`` (the author
            of a draft that ``actor`` approved; ``app.services.letter_drafts``).
        hold: the e-mails queued with the transition wait in the outbox until this
            instant (naive UTC): the sweep's notice hour (issue 8 §3); None: at once.

    Raises:
        PermissionError: the actor may not fire this trigger.
        PayloadInvalid: the payload is invalid (nothing changed).
        TransitionRefused: the state or the law does not allow it now (nothing changed).
        Conflict: another action won the race (nothing changed).

    E-mails (the letter to the applicant, the deemed-refusal notice) are queued in
    the same unit of work and delivered by the scheduler process, never here.
    """
    payload, now = dict(payload or {}), now or utc_now()
    denied = check_actor(case, trigger, actor, applicant)
    if denied:
        raise PermissionError(denied)
    today = today_local(now)
    errors = validate_payload(case, trigger, payload, today, now)
    if errors:
        raise PayloadInvalid(errors)
    wf = workflow(case, today, payload)
    before = case.state
    new_state = wf.fire(trigger)  # raises TransitionRefused before anything is touched
    with unit_of_work(case):
        # Everything is applied in memory and the letter rendered before the first write:
        # the case's row (PostgreSQL) or the database (SQLite) is locked only for the
        # flush and commit, never across the PDF. The version check still catches races.
        with db.session.no_autoflush:
            letter = _apply(case, trigger, payload, wf, before, new_state.value, actor, applicant, now, signer)
        hold_until(_queue_emails(case, trigger, letter), hold)
        db.session.flush()
    return case


def fire_within(case: Case, trigger: str, payload: dict, *, now: datetime, actor=None) -> Case:
    """Fire ``trigger`` inside the caller's unit of work, for a policy of the body (no actor check).

    Used where the system acts as part of a larger unit of work, e.g. the
    auto-assignment of a case on receipt inside its registration. The caller commits.
    The case's clocks must be flushed (their status read as stored).

    Raises:
        PayloadInvalid: the payload is invalid (nothing applied).
        TransitionRefused: the state or the law does not allow it now (nothing applied).
    """
    payload = dict(payload)
    errors = validate_payload(case, trigger, payload)
    if errors:
        raise PayloadInvalid(errors)
    wf = workflow(case, today_local(now), payload)
    before = case.state
    new_state = wf.fire(trigger)
    letter = _apply(case, trigger, payload, wf, before, new_state.value, actor, False, now)
    _queue_emails(case, trigger, letter)
    return case


def _apply(case, trigger, payload, wf, before, after, actor, applicant, now, signer=None):
    """The transition's changes on ``case``, in memory; returns the letter it issues, if any.

    ``signer`` names the letter's signer when it is not the actor (an approved draft is
    signed by the officer who wrote it).
    """
    case.state = after
    transition_effects.apply(case, trigger, payload, actor, now)
    kind, calendar = case.spec.letter_after.get(trigger), working_calendar()
    # Windows that run from the applicant's receipt of this transition's letter (LAW.md §4.5).
    change, held = receipt_clocks.split(trigger, kind, case.spec.clock_changes(trigger, wf.facts))
    apply_clock_change(case, change, calendar, now, actor)
    waiting = receipt_clocks.hold(case, held, calendar, now, actor)
    record_event(case, "transition", actor, trigger=trigger, from_state=before, to_state=after, at=now,
                 reason=payload.get("reason") or payload.get("text") or None,
                 code="by_applicant" if applicant else None, data=_public_payload(payload))
    letter = letters.issue_letter(case, kind, actor=signer or actor, now=now) if kind else None
    receipt_clocks.bind(waiting, letter)
    return letter


def _queue_emails(case, trigger, letter) -> list:
    """Queue the e-mails of the transition and return them (they flush: the write transaction starts here)."""
    queued = []
    if (case.kind, trigger) == (CaseKind.INFORMATION_REQUEST.value, "deem_refusal"):
        queued.append(notifications.queue_deemed_refusal_email(case))
    if trigger in remedy_notices.NOTICE_AFTER:
        queued.append(remedy_notices.queue_remedy_email(case, trigger))
    if trigger in remedy_notices.RULING_EMAILS:
        queued.append(remedy_notices.queue_ruling_email(case, trigger))
    if letter is not None:
        queued.append(notifications.queue_letter_email(case, letter))
    return [n for n in queued if n is not None]


def _public_payload(payload: dict) -> dict:
    return {k: v for k, v in payload.items()
            if k in ("officer", "outcome", "grounds", "decision", "competent_body", "documents", "withheld",
                     "inadmissible_reason", "filed_on", "decided_on", "cdai_reference", "court_reference",
                     "received_at")}


RATING_RANGE = range(1, 6)


def rate_answer(case: Case, rating, now: datetime | None = None) -> Case:
    """The complainant rates the answer to their complaint, 1 (poor) to 5 (very good), and commit.

    Decree 2.17.265: the complainant may follow up and rate the satisfaction with the
    answer. The case's state and clocks do not change; the rating is on the timeline.

    Args:
        case: an answered complaint, loaded in the current session.
        rating: a whole number from 1 to 5.
        now: the current instant, naive UTC (default: now).

    Raises:
        PayloadInvalid: the rating is not a whole number from 1 to 5 (nothing changed).
        TransitionRefused: the case is not an answered complaint, or was already rated.
        Conflict: another action changed the case at the same time (nothing changed).
    """
    if isinstance(rating, bool) or not isinstance(rating, int) or rating not in RATING_RANGE:
        raise PayloadInvalid({"rating": "a whole number from 1 to 5"})
    if case.kind != CaseKind.COMPLAINT.value or case.state != complaint_flow.State.ANSWERED.value:
        raise TransitionRefused("not_answered", "only an answered complaint can be rated")
    if case.rating is not None:
        raise TransitionRefused("already_rated", "this answer was already rated")
    with unit_of_work(case):
        case.rating = rating
        record_event(case, "rating", None, code="by_applicant", data={"rating": rating},
                     at=now or utc_now())
    return case
