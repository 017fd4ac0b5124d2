"""What a case's lists and search read, derived from the case on every flush.

Registered once on Flask-SQLAlchemy's session class, so that every path that
changes a case, its party or its clocks through the ORM — a transition, the sweep,
a holiday recompute, a registration, a hand edit in a test — keeps these right
(the deadline columns by a plain UPDATE after the flush, which leaves the case's
version alone):

* ``Case.body_deadline``: the last day of the running clock the body must meet
  (``Party.BODY`` periods of ``workflows.statute``), None when none runs;
* ``Case.priority``: 0 urgent with a deadline (art. 17), 1 other with a deadline,
  2 no deadline — the list order "most urgent first" is ``(priority, body_deadline, id)``;
* ``CaseSearchDocument.document``: the folded reference, applicant name, CNIE number,
  subject and text (``app.text_folding.fold``).

Bulk SQL that changes clocks without the ORM must call ``refresh_deadlines`` after.
"""
from itertools import chain

from flask_sqlalchemy.session import Session
from sqlalchemy import and_, event, func, inspect, select, update
from sqlalchemy.orm.attributes import set_committed_value

from app.extensions import db
from app.models.case import Case
from app.models.clock import Clock, ClockStatus
from app.models.party import Party
from app.models.search import CaseSearchDocument
from app.text_folding import fold
from workflows.statute import BODY_PERIODS

SEARCHED_FIELDS = ("reference", "subject", "information_requested", "description")
URGENCY_FIELDS = ("urgent", "urgency_ruled_out_at")
NO_DEADLINE, WITH_DEADLINE, URGENT = 2, 1, 0
_PENDING = "nafida_deadline_cases"


def case_document(case: Case) -> str:
    """The folded text the search looks in: reference, applicant, CNIE, subject and text."""
    party = case.party
    parts = (case.reference, party.first_name if party else "", party.last_name if party else "",
             party.id_number if party else "", case.subject, case.information_requested, case.description)
    return " ".join(f for f in map(fold, parts) if f)


def priority_of(urgent_now: bool, deadline) -> int:
    """0 urgent with a deadline, 1 other with a deadline, 2 no running body deadline."""
    if deadline is None:
        return NO_DEADLINE
    return URGENT if urgent_now else WITH_DEADLINE


def refresh_deadlines(case_ids=None) -> None:
    """Recompute ``body_deadline`` and ``priority`` in SQL for ``case_ids`` (every case when None).

    For code that changes clocks with bulk statements, bypassing the ORM; in the
    caller's transaction, not committed.
    """
    refresh_body_deadlines(case_ids)
    urgent = and_(Case.urgent.is_(True), Case.urgency_ruled_out_at.is_(None))
    for value, condition in ((NO_DEADLINE, Case.body_deadline.is_(None)),
                             (URGENT, Case.body_deadline.is_not(None) & urgent),
                             (WITH_DEADLINE, Case.body_deadline.is_not(None) & ~urgent)):
        stmt = update(Case).where(condition).values(priority=value)
        if case_ids is not None:
            stmt = stmt.where(Case.id.in_(list(case_ids)))
        db.session.execute(stmt, execution_options={"synchronize_session": False})


def refresh_body_deadlines(case_ids=None) -> None:
    """Recompute ``body_deadline`` alone in SQL, for bulk writes that move running clocks' dates
    without starting or stopping any (a holiday recompute): the priority cannot change then."""
    deadline = (select(func.min(Clock.last_day)).where(
        Clock.case_id == Case.id, Clock.status == ClockStatus.RUNNING.value, Clock.period.in_(BODY_PERIODS))
        .scalar_subquery())
    stmt = update(Case).values(body_deadline=deadline)
    if case_ids is not None:
        stmt = stmt.where(Case.id.in_(sorted(case_ids)))
    db.session.execute(stmt, execution_options={"synchronize_session": False})


@event.listens_for(Session, "before_flush")
def _collect(session, flush_context, instances) -> None:
    """Refresh the search documents now; note the cases whose deadline columns may move."""
    with session.no_autoflush:
        deadline_cases, document_cases = set(), set()
        for obj in chain(session.new, session.dirty):
            if isinstance(obj, Case):
                if obj in session.new or _changed(obj, URGENCY_FIELDS):
                    deadline_cases.add(obj)
                if obj in session.new or _changed(obj, SEARCHED_FIELDS):
                    document_cases.add(obj)
            elif isinstance(obj, Clock) and obj.case is not None:
                deadline_cases.add(obj.case)
            elif isinstance(obj, Party) and obj not in session.new and _changed(obj, ("first_name", "last_name",
                                                                                      "id_number")):
                document_cases.update(session.scalars(select(Case).where(Case.party_id == obj.id)))
        session.info.setdefault(_PENDING, set()).update(deadline_cases)
        for case in document_cases:
            _refresh_document(case)


@event.listens_for(Session, "after_flush")
def _write_deadlines(session, flush_context) -> None:
    """Write the derived deadline columns with a plain UPDATE once the flush wrote the clocks.

    A plain UPDATE, not an ORM change: deriving them never bumps the case's version
    (the optimistic lock of ``cases.unit_of_work``), whichever flush of the transaction
    moved the clocks.
    """
    for case in session.info.pop(_PENDING, ()):
        if inspect(case).deleted or case.id is None:
            continue
        deadline = _deadline(case)
        rank = priority_of(case.urgent_now, deadline)
        if (case.body_deadline, case.priority) != (deadline, rank):
            session.connection().execute(update(Case.__table__).where(Case.__table__.c.id == case.id)
                                         .values(body_deadline=deadline, priority=rank))
            set_committed_value(case, "body_deadline", deadline)
            set_committed_value(case, "priority", rank)


@event.listens_for(Session, "after_rollback")
def _forget(session) -> None:
    session.info.pop(_PENDING, None)


def _changed(obj, names) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def _deadline(case: Case):
    running = ClockStatus.RUNNING.value   # a clock not yet flushed has no status: its default is running
    days = [c.last_day for c in case.clocks if (c.status or running) == running and c.period in BODY_PERIODS]
    return min(days) if days else None


def _refresh_document(case: Case) -> None:
    document = case_document(case)
    if case.search_document is None:
        case.search_document = CaseSearchDocument(document=document)
    elif case.search_document.document != document:
        case.search_document.document = document
