"""What the applicant may see of a case (status page and status API): no personal data.

The facts are dates, states, clocks, letters and the next step with its last date;
never the party's identity or contact, nor free text that may carry them.
"""
from datetime import date, datetime
from functools import lru_cache

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import joinedload, lazyload

from app import normalise
from app.extensions import db
from app.models.case import Case
from app.models.case_event import CaseEvent
from app.services.action_payloads import stored_grounds
from app.services.calendar import today_local, working_calendar
from app.services.clock_facts import skipped_json
from app.services.remedy_status import remedy_facts
from app.services.references import access_code_matches, hash_access_code, is_reference, needs_rekey, new_access_code
from app.services.status_labels import (MILESTONE_LABELS, STATE_LABELS, WITHDRAWN_LABEL, for_kind, letter_label,
                                        next_step_label, on_receipt_label)
from workflows.calendar import local_date
from workflows.complaint import MAX_REOPENINGS
from workflows.deadlines import days_left, deadline, is_overdue, working_days_left
from workflows.statute import PERIODS

# Milestones an applicant sees (the timeline's statute events, not internal notes).
PUBLIC_TRIGGERS = ("receive", "assign", "extend", "answer", "deem_refusal", "complain_to_head",
                   "decide", "redirect", "reopen", "withdraw", "close", "take", "rule_not_urgent",
                   "deem_head_silence", "complain_to_cdai", "record_cdai_decision", "deem_cdai_silence",
                   "record_court_case", "record_judgment", "lapse_remedy")
APPLICANT_TRIGGERS = ("complain_to_head", "reopen", "withdraw")
AWAITING = "awaiting_delivery"   # app.models.clock.ClockStatus.AWAITING_DELIVERY

# The lookup's two statements, built once: building a select with its options costs
# more than running it, and a built statement keeps its cache key.
CASE_BY_REFERENCE = (select(Case).where(Case.reference == bindparam("reference"))
                     .options(lazyload(Case.party), lazyload(Case.assignee), joinedload(Case.clocks),
                              joinedload(Case.letters)))
TRANSITION_EVENTS = (select(CaseEvent.trigger, CaseEvent.to_state, CaseEvent.at)
                     .where(CaseEvent.case_id == bindparam("case_id"), CaseEvent.kind == "transition")
                     .order_by(CaseEvent.id))


def case_for_applicant(reference: str | None, code: str | None):
    """The case whose reference and access code match, else None (issue §7).

    A wrong code and an unknown reference give the same None for about the same work:
    one indexed query (the case row with its few clocks and letters) and one keyed-hash
    check (against a dummy hash for an unknown reference). The timeline is loaded when
    ``status_facts`` reads it, and the released documents once the case was answered:
    two or three queries in all (the calendar's stamp is cached), however long the history.
    A code whose hash predates the current key is re-hashed now.
    """
    reference = normalise.reference(reference or "")
    case = None
    if is_reference(reference):
        case = db.session.execute(CASE_BY_REFERENCE, {"reference": reference}).unique().scalar_one_or_none()
    matched = access_code_matches(case.access_code_hash if case else _dummy_hash(), code or "-")
    if case is None or not code or not matched:
        return None
    if needs_rekey(case.access_code_hash):
        _rekey(case, code)
    return case


def end_read() -> None:
    """End a read-only lookup with COMMIT rather than the ROLLBACK of the request's teardown.

    psycopg drops a connection's prepared statements at every rollback, so the status
    lookup — the most frequent request of the public side — would be planned again at
    each request; after a commit PostgreSQL keeps them. Nothing is pending here.
    """
    db.session.commit()


def _rekey(case, code: str) -> None:
    """Store ``code``'s hash under the current key (the old hash matched it); the version is not bumped."""
    new_hash = hash_access_code(code)
    db.session.execute(update(Case).where(Case.id == case.id, Case.access_code_hash == case.access_code_hash)
                       .values(access_code_hash=new_hash).execution_options(synchronize_session=False))
    db.session.commit()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_access_code(new_access_code())


def status_facts(case, now: datetime | None = None) -> dict:
    """The status-page facts of ``case`` as plain JSON-ready values.

    Args:
        case: a Case.
        now: the current instant, naive UTC (default: now).

    Returns:
        ``{reference, kind, state, state_label{ar,fr}, received_on, due_date,
        working_days_left, overdue, clocks[] (each with ``provisional`` and ``skipped``
        ``[{date, name, label{ar,fr}}]``), milestones[], letters[], next_step,
        applicant_actions[], outcome, grounds[], head_decision, rating, documents[],
        inadmissible_reason, remedies, cdai_contact}`` (``app.services.remedy_status``) — dates are
        Africa/Casablanca ISO dates; ``working_days_left`` counts working days, ``days_left``
        the same in the running clock's own unit (``days_left_counting``: working or calendar
        days); each clock's ``extended_by`` is the days an extension added (0 when none).
    """
    from app.services.cases import available_triggers

    today, calendar = today_local(now), working_calendar()
    milestones = _public_events(case)
    clocks = [_clock(c, today, calendar, case.language) for c in case.clocks]
    running = [c for c in clocks if c["status"] == "running"]
    main = min(running, key=lambda c: c["last_day"]) if running else None
    actions = [t for t in available_triggers(case, applicant=True, now=now) if t in APPLICANT_TRIGGERS]
    if case.kind == "complaint" and case.state == "answered" and case.rating is None:
        actions.append("rate")
    return {
        "reference": case.reference, "kind": case.kind, "state": case.state,
        "state_label": _state_label(case, milestones),
        "received_on": local_date(case.received_at).isoformat(),
        "due_date": main["last_day"] if main else None,
        "working_days_left": main["working_days_left"] if main else None,
        "days_left": main["days_left"] if main else None,
        "days_left_counting": main["counting"] if main else None,
        "overdue": bool(main and main["overdue"]),
        "clocks": clocks,
        "milestones": _milestones(case, milestones),
        "letters": [{"id": l.id, "kind": l.kind, "language": l.language,
                     "label": letter_label(l.kind, case.complaint_kind),
                     "issued_at": l.issued_at.isoformat() + "Z"} for l in case.letters],
        "next_step": next_step(case, clocks, today, calendar),
        "applicant_actions": actions,
        "outcome": case.outcome, "grounds": stored_grounds(case.grounds),
        "head_decision": case.head_decision, "rating": case.rating,
        "documents": _documents(case),
        **remedy_facts(case, today),
    }


def _documents(case) -> list[dict]:
    """The documents released to the applicant (art. 14): name, type, size in bytes, SHA-256, release instant.

    Documents are released only by an answer: a case never answered costs no query here.
    """
    from app.services.released_documents import released

    if case.answered_at is None:
        return []
    return [{"id": d.id, "name": d.original_name, "content_type": d.content_type, "size": d.size,
             "sha256": d.sha256, "released_at": d.released_at.isoformat() + "Z"} for d in released(case)]


def _clock(clock, today, calendar, language: str) -> dict:
    """A clock's facts; ``provisional`` (a running clock's date depends on an estimated holiday)
    and ``skipped`` (the non-working weekdays its count passed over, by name) explain the date.
    A clock awaiting the applicant's receipt of a letter has no dates yet (None) and skips nothing."""
    rule = PERIODS[clock.period]
    running = clock.status == "running"
    return {
        "period": clock.period, "article": rule.article, "counting": rule.counting.value,
        "days": rule.days, "label": {"ar": rule.label_ar, "fr": rule.label_fr},
        "started_on": _iso(clock.started_on), "due_on": _iso(clock.due_on),
        "last_day": _iso(clock.last_day), "status": clock.status,
        "working_days_left": working_days_left(today, clock.last_day, calendar) if running else None,
        "days_left": days_left(today, clock.last_day, rule.counting, calendar) if running else None,
        "extended_by": _extension_days(clock),
        "overdue": running and is_overdue(clock.last_day, today),
        "provisional": running and bool(clock.provisional),
        "skipped": skipped_json(clock, calendar, language),
    }


def _extension_days(clock) -> int:
    """The days an extension added to ``clock`` (art. 16/17: 20 or 3 working days), 0 when none."""
    extension = PERIODS.get(clock.extended_by or "")
    return extension.days if extension else 0


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _state_label(case, milestones) -> dict:
    if case.state == "closed" and any(e.trigger == "withdraw" for e in milestones):
        return WITHDRAWN_LABEL
    return for_kind(STATE_LABELS[case.kind][case.state], case.complaint_kind)


def _public_events(case) -> list:
    """The case's public statute transitions in timeline order: ``(trigger, to_state, at)`` rows.

    Read as three columns rather than as timeline events (the lookup's hottest path);
    a timeline already loaded (after an action on this request) is used as it is.
    """
    if "events" in case.__dict__:
        return [e for e in case.events if e.kind == "transition" and e.trigger in PUBLIC_TRIGGERS]
    rows = db.session.execute(TRANSITION_EVENTS, {"case_id": case.id})
    # Filtered here: an IN list of triggers would be rendered again at every execution.
    return [row for row in rows if row.trigger in PUBLIC_TRIGGERS]


def _milestones(case, events) -> list[dict]:
    """Statute events in order; receipt is dated by the moment of receipt, not of registration."""
    return [{"event": e.trigger, "state": e.to_state,
             "on": local_date(case.received_at if e.trigger == "receive" else e.at).isoformat(),
             "label": for_kind(MILESTONE_LABELS.get(e.trigger, {"ar": e.trigger, "fr": e.trigger}),
                               case.complaint_kind)}
            for e in events]


def next_step(case, clocks: list[dict], today, calendar) -> dict | None:
    """The applicant's next step and its last date (LAW.md §4: both dates when they differ).

    After a refusal or silence: complain to the head of the body (art. 19); after the
    head upheld the refusal or let its deadline pass: the CDAI (art. 20); while the CDAI
    decides: its last day; after the CDAI ruled for the body or let its period pass: the
    administrative court (art. 21); while the body must answer: wait until the due date.
    """
    running = {c["period"]: c for c in clocks if c["status"] == "running"}
    awaiting = {c["period"]: c for c in clocks if c["status"] == AWAITING}
    for period, action in (("complaint_to_head_window", "complain_to_head"), ("cdai_window", "cdai"),
                           ("court_window", "court"), ("cdai_decision", "cdai_wait")):
        if period in running and not running[period]["overdue"]:
            return _step(action, running[period])
        if period in awaiting:   # LAW.md §4.5: starts when the applicant receives the letter
            return {"action": action, "label": on_receipt_label(action, PERIODS[period]), "last_day": None,
                    "due_on": None, "article": awaiting[period]["article"], "starts_on_receipt": True}
    # A period ran out and the sweep has not recorded the silence yet: the next window is known.
    for expired, window, action in (("head_decision", "cdai_window", "cdai"),
                                    ("cdai_decision", "court_window", "court")):
        if expired in running and running[expired]["overdue"]:
            end = deadline(PERIODS[window], date.fromisoformat(running[expired]["due_on"]), calendar)
            return _step(action, {"last_day": end.last_day.isoformat(), "due_on": end.due.isoformat(),
                                  "article": PERIODS[window].article})
    if case.kind == "complaint" and case.state == "answered" and (
            case.rating is None or case.reopen_count < MAX_REOPENINGS):
        return {"action": "rate_or_reopen", "label": next_step_label("rate_or_reopen", case.complaint_kind),
                "last_day": None, "due_on": None}
    waiting = [c for c in running.values() if PERIODS[c["period"]].party.value == "body"]
    if waiting:
        return _step("wait", min(waiting, key=lambda c: c["last_day"]))
    if case.state == "in_court":
        return {"action": "court_wait", "label": next_step_label("court_wait"), "last_day": None, "due_on": None}
    return None


def _step(action: str, clock: dict) -> dict:
    return {"action": action, "label": next_step_label(action), "last_day": clock["last_day"],
            "due_on": clock["due_on"], "article": clock["article"], "starts_on_receipt": False}
