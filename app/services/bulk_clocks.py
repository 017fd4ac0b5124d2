"""Writing many clocks' new dates and their audit events at once (the holiday recompute's writes).

Each write is one set-based statement over the rows given as one parameter: arrays
(``unnest``) on PostgreSQL, a JSON array (``json_each``) on SQLite. The database
updates or inserts thousands of rows in one go, where an ``executemany`` would run
(and the driver bind, row by row) one statement per row. A clock is written only if it
still has the dates read (compare-and-set); the number written is returned.

On PostgreSQL the moved clocks' cases are locked before the write (``lock_cases``: row
locks in id order, case before clocks as a transition takes them; SQLite has one writer)
and on both engines stamped after it (``stamp_cases``:
version bumped, body deadline recounted) in one statement, so that each case row is
rewritten once.
"""
from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import ARRAY, DateTime, Integer, any_, bindparam, case, func, select, text, update

from app.extensions import db
from app.models.case import Case
from app.models.clock import Clock, running_clock
from workflows.statute import BODY_PERIODS

_UPDATE_ARRAYS = text(
    "UPDATE clocks SET due_on = v.due, last_day = v.last, provisional = v.provisional "
    "FROM unnest(CAST(:ids AS integer[]), CAST(:old_due AS date[]), CAST(:old_last AS date[]), "
    "CAST(:due AS date[]), CAST(:last AS date[]), CAST(:provisional AS boolean[])) "
    "AS v(id, old_due, old_last, due, last, provisional) "
    "WHERE clocks.id = v.id AND clocks.status = 'running' AND clocks.due_on = v.old_due "
    "AND clocks.last_day = v.old_last")

# SQLite: the unary ``+`` keeps the planner off the status and last-day indexes, so that the
# rows given lead and each clock is found by its primary key (or its case's clocks by case id).
_UPDATE_JSON = text(
    "UPDATE clocks SET due_on = v.due, last_day = v.last, provisional = v.provisional "
    "FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS old_due, "
    "json_extract(value, '$[2]') AS old_last, json_extract(value, '$[3]') AS due, "
    "json_extract(value, '$[4]') AS last, json_extract(value, '$[5]') AS provisional "
    "FROM json_each(:rows)) AS v "
    "WHERE clocks.id = v.id AND +clocks.status = 'running' AND clocks.due_on = v.old_due "
    "AND +clocks.last_day = v.old_last")

_INSERT_JSON = text(
    "INSERT INTO case_events (case_id, at, actor_id, actor_label, kind, reason, data) "
    "SELECT json_extract(value, '$[0]'), :at, :actor_id, :actor_label, 'clock', :reason, "
    "json_extract(value, '$[1]') FROM json_each(:rows)").bindparams(bindparam("at", type_=DateTime()))

_STAMP_JSON = text(
    "UPDATE cases SET version = version + 1, body_deadline = (SELECT min(CASE WHEN c.period IN :body "
    "THEN c.last_day END) FROM clocks AS c WHERE c.case_id = cases.id AND +c.status = 'running') "
    "WHERE cases.id IN (SELECT value FROM json_each(:ids))").bindparams(bindparam("body", expanding=True))

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
    rows = [[i, od.isoformat(), ol.isoformat(), d.isoformat(), ld.isoformat(), int(p)]
            for i, od, ol, d, ld, p in changes]      # SQLite keeps dates as ISO text, booleans as 0/1
    return db.session.execute(_UPDATE_JSON, {"rows": json.dumps(rows)}).rowcount


def insert_clock_events(events: list[tuple[int, dict]], at: datetime, actor_id: int | None, actor_label: str,
                        reason: str) -> None:
    """One ``clock`` event per (case id, data), all by the same actor at the same instant."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(_INSERT_ARRAYS, {
            "case_ids": [case_id for case_id, _ in events], "data": [json.dumps(data) for _, data in events],
            "at": at, "actor_id": actor_id, "actor_label": actor_label, "reason": reason})
        return
    db.session.execute(_INSERT_JSON, {"rows": json.dumps(events), "at": at, "actor_id": actor_id,
                                      "actor_label": actor_label, "reason": reason})


def lock_cases(case_ids) -> None:
    """Take the row locks of ``case_ids`` (PostgreSQL ``FOR UPDATE``, in id order). SQLite has one
    writer: the batch's first write takes the database's lock, so there is nothing to take here."""
    if db.engine.dialect.name != "postgresql":
        return
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
    if db.engine.dialect.name != "postgresql":
        db.session.execute(_STAMP_JSON, {"ids": json.dumps(ids), "body": BODY_PERIODS})
        return
    body_last_day = func.min(case((Clock.period.in_(BODY_PERIODS), Clock.last_day)))
    running = (select(Clock.case_id, body_last_day.label("last_day"))
               .where(id_in(Clock.case_id, ids), running_clock()).group_by(Clock.case_id).subquery())
    db.session.execute(update(Case).where(Case.id == running.c.case_id)
                       .values(version=Case.version + 1, body_deadline=running.c.last_day),
                       execution_options={"synchronize_session": False})


def id_in(column, ids: list[int]):
    """``column = ANY(ids)`` (PostgreSQL): thousands of ids as one array parameter, not one parameter each."""
    return column == any_(bindparam(None, list(ids), type_=ARRAY(Integer)))
