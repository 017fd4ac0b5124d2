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


def _dimensions(kind: str, today: date) -> dict:
    """What one case is counted by: the columns of the grouped count (``cube``)."""
    open_states = states_of(kind, Phase.NEW, Phase.WITH_BODY)
    dims = {
        "channel": Case.channel, "state": Case.state, "status": _status(kind),
        "year": func.extract("year", Case.received_on), "month": func.extract("month", Case.received_on),
        "timeliness": case((_on_time(), "on_time"), (Case.answered_on.isnot(None), "late"), else_=None),
    }
    if kind == CaseKind.INFORMATION_REQUEST.value:
        return {**dims, "outcome": Case.outcome, "urgent": Case.urgent, "extended": Case.extended}
    overdue_before = today - timedelta(days=PERIODS["complaint_answer"].days)
    overdue = and_(Case.answered_on.is_(None), Case.state.in_(open_states), Case.received_on < overdue_before)
    return {**dims, "complaint_kind": Case.complaint_kind, "category": Case.category, "rating": Case.rating,
            "reopened": case((Case.reopen_count > 0, 1), else_=0), "overdue": case((overdue, 1), else_=0)}


def cube(kind: str, where: list, today: date) -> list[tuple[dict, int]]:
    """The cohort counted by every dimension at once: ``[({dimension: value}, cases)]``.

    One grouped query (a few thousand rows at most: the dimensions are small and
    correlated) from which every breakdown and yes/no count of the section is summed,
    instead of one scan of the cohort per breakdown.
    """
    dims = _dimensions(kind, today)
    columns = [column.label(name) for name, column in dims.items()]
    stmt = select(*columns, func.count()).where(*where).group_by(*columns)
    return [(dict(zip(dims, row[:-1], strict=True)), int(row[-1])) for row in db.session.execute(stmt)]


def tally(rows: list[tuple[dict, int]], dimension: str, where=None) -> Counter:
    """``{value: cases}`` of one dimension of ``cube`` rows (those passing ``where``)."""
    out: Counter = Counter()
    for dims, n in rows:
        if where is None or where(dims):
            out[dims[dimension]] += n
    return out


def months(rows: list[tuple[dict, int]]) -> Counter:
    """``{"YYYY-MM": cases}`` of ``cube`` rows."""
    out: Counter = Counter()
    for dims, n in rows:
        out[f"{int(dims['year'])}-{int(dims['month']):02d}"] += n
    return out


def count_by(where: list, column) -> dict:
    """``{value: count}`` of the cohort grouped by ``column`` (NULL kept as None)."""
    rows = db.session.execute(select(column, func.count()).where(*where).group_by(column))
    return {value: int(n) for value, n in rows}


def grounds(where: list) -> Counter:
    """Answered cases citing each refusal ground (grouped by the stored list, then split)."""
    rows = count_by([*where, Case.answered_on.isnot(None)], cast(Case.grounds, Text))
    counts: Counter = Counter()
    for text, n in rows.items():
        for code in set(json.loads(text or "[]")):
            counts[code] += n
    return counts


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
