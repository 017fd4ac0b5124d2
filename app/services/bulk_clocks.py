"""Writing many clocks' new dates and their audit events at once (the holiday recompute's writes).

On PostgreSQL each write is one set-based statement over arrays (``unnest``): the
server updates or inserts thousands of rows in one go, where an ``executemany``
would run one statement per row. Elsewhere (SQLite, in-process and fast per row)
an ``executemany``. Both write a clock only if it still has the dates read
(compare-and-set) and return how many they wrote.

The moved clocks' cases are locked before the write (``lock_cases``: row locks, the
same order as a transition's, case before clocks) and stamped after it (``stamp_cases``:
version bumped, body deadline recounted) in one statement, so that each case row is
rewritten once.
"""
from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import ARRAY, Integer, any_, bindparam, case, func, insert, select, text, update

from app.extensions import db
from app.models.case import Case
from app.models.case_event import CaseEvent
from workflows.statute import BODY_PERIODS
from app.models.clock import Clock, running_clock

_UPDATE_ARRAYS = text(
    "UPDATE clocks SET due_on = v.due, last_day = v.last, provisional = v.provisional "
    "FROM unnest(CAST(:ids AS integer[]), CAST(:old_due AS date[]), CAST(:old_last AS date[]), "
    "CAST(:due AS date[]), CAST(:last AS date[]), CAST(:provisional AS boolean[])) "
    "AS v(id, old_due, old_last, due, last, provisional) "
    "WHERE clocks.id = v.id AND clocks.status = 'running' AND clocks.due_on = v.old_due "
    "AND clocks.last_day = v.old_last")

_INSERT_ARRAYS = text(
    "INSERT INTO case_events (case_id, at, actor_id, actor_label, kind, reason, data) "
    "SELECT v.case_id, :at, CAST(:actor_id AS integer), :actor_label, 'clock', :reason, CAST(v.data AS json) "
    "FROM unnest(CAST(:case_ids AS integer[]), CAST(:data AS text[])) AS v(case_id, data)")


def write_dates(changes: list[tuple[int, date, date, date, date, bool]]) -> int:
    """Set (clock id, old due, old last day, new due, new last day, provisional) where the old dates still hold.

    Returns the number of clocks written (fewer than given when some changed meanwhile).
    """
    if db.engine.dialect.name == "postgresql":
        ids, old_due, old_last, due, last, provisional = (list(column) for column in zip(*changes, strict=True))
        return db.session.execute(_UPDATE_ARRAYS, {"ids": ids, "old_due": old_due, "old_last": old_last,
                                                   "due": due, "last": last, "provisional": provisional}).rowcount
    table = Clock.__table__
    return db.session.execute(
        update(table).where(table.c.id == bindparam("b_id"), table.c.status == "running",
                            table.c.due_on == bindparam("b_old_due"), table.c.last_day == bindparam("b_old_last"))
        .values(due_on=bindparam("b_due"), last_day=bindparam("b_last"), provisional=bindparam("b_provisional")),
        [{"b_id": i, "b_old_due": od, "b_old_last": ol, "b_due": d, "b_last": ld, "b_provisional": p}
         for i, od, ol, d, ld, p in changes]).rowcount


def insert_clock_events(events: list[tuple[int, dict]], at: datetime, actor_id: int | None, actor_label: str,
                        reason: str) -> None:
    """One ``clock`` event per (case id, data), all by the same actor at the same instant."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(_INSERT_ARRAYS, {
            "case_ids": [case_id for case_id, _ in events], "data": [json.dumps(data) for _, data in events],
            "at": at, "actor_id": actor_id, "actor_label": actor_label, "reason": reason})
        return
    db.session.execute(insert(CaseEvent.__table__), [
        {"case_id": case_id, "at": at, "actor_id": actor_id, "actor_label": actor_label, "kind": "clock",
         "reason": reason, "data": data} for case_id, data in events])


def lock_cases(case_ids) -> None:
    """Take the row locks of ``case_ids`` (PostgreSQL ``FOR UPDATE``, in id order; SQLite has one writer)."""
    db.session.execute(select(Case.id).where(id_in(Case.id, sorted(case_ids))).order_by(Case.id)
                       .with_for_update()).all()


def stamp_cases(case_ids) -> None:
    """After their clocks moved: bump the cases' versions (a transition that read the old dates gets
    ``Conflict``) and recount ``body_deadline``, the earliest last day of a running body clock (what
    ``app.models.case_index`` derives on a flush), in one set-based statement.

    Every case given has a running clock (one that moved), and none started or stopped, so the
    priority (deadline or none) stays as it was.
    """
    ids = sorted(case_ids)
    body_last_day = func.min(case((Clock.period.in_(BODY_PERIODS), Clock.last_day)))
    running = (select(Clock.case_id, body_last_day.label("last_day"))
               .where(id_in(Clock.case_id, ids), running_clock()).group_by(Clock.case_id).subquery())
    db.session.execute(update(Case).where(Case.id == running.c.case_id)
                       .values(version=Case.version + 1, body_deadline=running.c.last_day),
                       execution_options={"synchronize_session": False})


def id_in(column, ids: list[int]):
    """``column IN ids`` for thousands of ids: one array parameter on PostgreSQL (``= ANY``), not one per id."""
    if db.engine.dialect.name == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=ARRAY(Integer)))
    return column.in_(ids)
