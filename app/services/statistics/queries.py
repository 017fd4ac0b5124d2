"""The SQL aggregates behind the statistics: counts grouped in the database, never case by case.

Every query reads the cases of one kind received in the period (the
``ix_cases_kind_received_on`` index) with the filters, and returns small grouped
rows. The remedies (complaint to the head, CDAI, court) are counted from the
timeline's transition events by trigger, so stages added to the workflow later
are counted as soon as they are fired.
"""
from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta

from sqlalchemy import Text, and_, case, cast, distinct, func, or_, select

from app.extensions import db
from app.models.case import Case
from app.models.case_event import CaseEvent
from app.services.statistics.period import Filters, Period
from workflows.kinds import CaseKind, Phase, spec
from workflows.statute import PERIODS, Outcome

# Triggers on the timeline that the remedies' figures count (arts. 19–21); the last
# five come with the CDAI and court stages and count zero until they are fired.
REMEDY_TRIGGERS = ("deem_refusal", "complain_to_head", "decide", "deem_head_silence", "complain_to_cdai",
                   "record_cdai_decision", "deem_cdai_silence", "record_court_case", "record_judgment")


def states_of(kind: str, *phases: Phase) -> list[str]:
    """The stored states of ``kind`` whose phase is one of ``phases``."""
    return [state.value for state, p in spec(kind).phases.items() if p in phases]


def cohort(kind: str, period: Period | None, filters: Filters) -> list:
    """WHERE clauses: cases of ``kind`` received in ``period`` (None: any time) that pass ``filters``."""
    where = [Case.kind == kind]
    if period is not None:
        where.append(Case.received_on.between(period.start, period.end))
    return where + filter_clauses(filters)


def filter_clauses(filters: Filters) -> list:
    """WHERE clauses of the channel, unit and officer filters."""
    where = []
    if filters.channel:
        where.append(Case.channel == filters.channel)
    if filters.unit:
        where.append(Case.unit == filters.unit)
    if filters.officer_id:
        where.append(Case.assignee_id == filters.officer_id)
    return where


def _status(kind: str):
    """The processing status of a case as a SQL CASE (see the ``*.by_status`` indicators)."""
    answered = (Case.answered_on.isnot(None), "answered")
    in_progress = (Case.state.in_(states_of(kind, Phase.NEW, Phase.WITH_BODY)), "in_progress")
    if kind == CaseKind.INFORMATION_REQUEST.value:
        return case(answered, (Case.outcome == Outcome.WITHDRAWN.value, "withdrawn"), in_progress,
                    else_="deemed_refusal")
    return case(answered, (Case.competent_body.isnot(None), "redirected"), in_progress, else_="withdrawn")


def _on_time():
    return and_(Case.answered_on.isnot(None), Case.answer_due_on.isnot(None), Case.answered_on <= Case.answer_due_on)


def _count(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def summary(kind: str, where: list, today: date) -> dict[str, int]:
    """One pass over the cohort: totals and the yes/no counts (urgent, extended, on time …)."""
    overdue_before = today - timedelta(days=PERIODS["complaint_answer"].days)
    columns = {
        "received": func.count(),
        "urgent": _count(Case.urgent.is_(True)),
        "extended": _count(Case.extended.is_(True)),
        "on_time": _count(_on_time()),
        "late": _count(and_(Case.answered_on.isnot(None), ~_on_time())),
        "rated": _count(Case.rating.isnot(None)),
        "reopened": _count(Case.reopen_count > 0),
        "overdue": _count(and_(Case.answered_on.is_(None), Case.state.in_(states_of(kind, Phase.NEW, Phase.WITH_BODY)),
                               Case.received_on < overdue_before)),
    }
    row = db.session.execute(select(*columns.values()).where(*where)).one()
    return {name: int(value or 0) for name, value in zip(columns, row, strict=True)}


def count_by(where: list, column) -> dict:
    """``{value: count}`` of the cohort grouped by ``column`` (NULL kept as None)."""
    rows = db.session.execute(select(column, func.count()).where(*where).group_by(column))
    return {value: int(n) for value, n in rows}


def by_status(kind: str, where: list) -> dict[str, int]:
    return count_by(where, _status(kind))


def by_month(where: list) -> dict[str, int]:
    """``{"YYYY-MM": count}`` by the month of the receipt date."""
    year, month = func.extract("year", Case.received_on), func.extract("month", Case.received_on)
    rows = db.session.execute(select(year, month, func.count()).where(*where).group_by(year, month))
    return {f"{int(y)}-{int(m):02d}": int(n) for y, m, n in rows}


def by_type(where: list) -> dict[str, int]:
    kinds = case((Case.urgent.is_(True), "urgent"), else_="ordinary")
    return count_by(where, kinds)


def by_outcome(where: list) -> dict[str, int]:
    return count_by([*where, Case.answered_on.isnot(None)], Case.outcome)


def grounds(where: list) -> Counter:
    """Answered cases citing each refusal ground (grouped by the stored list, then split)."""
    rows = count_by([*where, Case.answered_on.isnot(None)], cast(Case.grounds, Text))
    counts: Counter = Counter()
    for text, n in rows.items():
        for code in set(json.loads(text or "[]")):
            counts[code] += n
    return counts


def ratings(where: list) -> dict[int, int]:
    return count_by([*where, Case.rating.isnot(None)], Case.rating)


def answer_day_pairs(where: list) -> list[tuple[date, date, int]]:
    """(receipt date, first answer date, count) of the answered cases, one row per distinct pair."""
    stmt = (select(Case.received_on, Case.answered_on, func.count()).where(*where, Case.answered_on.isnot(None))
            .group_by(Case.received_on, Case.answered_on))
    return [(_as_date(r), _as_date(a), int(n)) for r, a, n in db.session.execute(stmt)]


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def remedies(where: list) -> dict[tuple[str, str | None], int]:
    """``{(trigger, decision): cases}``: distinct cases of the cohort with each remedy event."""
    decision = CaseEvent.data["decision"].as_string()
    stmt = (select(CaseEvent.trigger, decision, func.count(distinct(CaseEvent.case_id)))
            .join(Case, Case.id == CaseEvent.case_id)
            .where(*where, CaseEvent.kind == "transition", CaseEvent.trigger.in_(REMEDY_TRIGGERS))
            .group_by(CaseEvent.trigger, decision))
    return {(trigger, value): int(n) for trigger, value, n in db.session.execute(stmt)}


def workload(filters: Filters) -> tuple[dict[int, int], int]:
    """Open cases now: ``({officer id: cases awaiting the body's action}, unassigned new cases)``."""
    kinds = [k for k in (c.value for c in CaseKind) if filters.covers(k)]
    held = or_(*(and_(Case.kind == k, Case.state.in_(states_of(k, Phase.WITH_BODY))) for k in kinds))
    new = or_(*(and_(Case.kind == k, Case.state.in_(states_of(k, Phase.NEW))) for k in kinds))
    where = filter_clauses(filters)
    per_officer = count_by([*where, held, Case.assignee_id.isnot(None)], Case.assignee_id)
    unassigned = db.session.execute(select(func.count()).where(*where, new, Case.assignee_id.is_(None))).scalar()
    return per_officer, int(unassigned or 0)
