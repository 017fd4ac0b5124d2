"""The sweep and the holiday recompute read running clocks through the partial index, on both engines.

A few thousand cases are inserted in bulk (most closed with stopped clocks, the others
running far from due), then each query's plan is read with SQLite's ``EXPLAIN QUERY
PLAN`` or PostgreSQL's ``EXPLAIN`` (after ``ANALYZE``, as autovacuum would).
"""
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import insert, text

from app.extensions import db
from app.models import Case, Clock, Party
from app.services.deadlines import due_statement
from app.services.recompute import covering_statement

TODAY = date(2026, 3, 2)
# The partial index on running clocks, or the (status, last_day) index: either is a range
# scan over running clocks by last day; the planner picks whichever it prefers.
INDEXES = ("ix_clocks_running_last_day", "ix_clocks_status_last_day")
CASES = 6000


@pytest.fixture
def many_clocks(ctx):
    """``CASES`` cases: one in five open (a running clock due in 2 to 8 weeks), the rest closed."""
    parties = [{"id": i, "first_name": "P", "last_name": str(i), "id_number": f"SH{i:06d}", "address": "x"}
               for i in range(1, CASES + 1)]
    cases, clocks = [], []
    for i in range(1, CASES + 1):
        open_ = i % 5 == 0
        last = TODAY + timedelta(days=14 + i % 40) if open_ else TODAY - timedelta(days=30 + i % 700)
        cases.append({"id": i, "reference": f"DAI-2026-{i:06d}", "kind": "information_request",
                      "state": "assigned" if open_ else "closed", "channel": "portal", "language": "ar",
                      "received_at": datetime(2025, 1, 1), "registered_at": datetime(2025, 1, 1),
                      "access_code_hash": "x", "party_id": i, "unit": "information", "grounds": [],
                      "urgent": False, "extended": False, "reopen_count": 0, "version": 1})
        clocks.append({"case_id": i, "period": "answer", "article": "16", "started_on": last - timedelta(days=28),
                       "due_on": last, "last_day": last, "status": "running" if open_ else "met",
                       "created_at": datetime(2025, 1, 1)})
    db.session.execute(insert(Party), parties)
    db.session.execute(insert(Case), cases)
    db.session.execute(insert(Clock), clocks)
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        # PostgreSQL's autovacuum keeps statistics; a SQLite file has none unless someone runs
        # ANALYZE, so SQLite is checked without them (the harder case).
        with db.engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()


def plan(stmt) -> str:
    """The engine's plan of ``stmt`` (values bound as literals, as the engine sees them)."""
    sql = str(stmt.compile(db.engine, compile_kwargs={"literal_binds": True}))
    explain = "EXPLAIN QUERY PLAN " if db.engine.dialect.name == "sqlite" else "EXPLAIN "
    rows = db.session.execute(text(explain + sql)).all()
    return "\n".join(str(row[-1]) for row in rows)


def uses_index(text_plan: str) -> bool:
    if db.engine.dialect.name == "sqlite":
        marks = [f"SEARCH clocks USING {kind}INDEX {name}" for name in INDEXES for kind in ("", "COVERING ")]
    else:
        marks = [f"{kind} using {name} on clocks" for name in INDEXES for kind in ("Index Scan", "Index Only Scan")]
        marks += [f"Bitmap Index Scan on {name}" for name in INDEXES]
    return any(mark in text_plan for mark in marks)


def test_the_sweep_reads_due_clocks_through_the_partial_index(many_clocks):
    horizon = TODAY + timedelta(days=5)
    for stmt in (due_statement(horizon), due_statement(horizon, after=(TODAY, 10))):
        shown = plan(stmt)
        assert uses_index(shown), shown
        assert "SCAN clocks" not in shown and "Seq Scan" not in shown, shown
    assert db.session.execute(due_statement(horizon)).all() == []      # nothing is due


def test_the_recompute_reads_covering_clocks_through_the_partial_index(many_clocks):
    days = [TODAY + timedelta(days=20), TODAY + timedelta(days=21)]
    for stmt in (covering_statement(days), covering_statement(days, after=(days[0], 10))):
        shown = plan(stmt)
        assert uses_index(shown), shown
        assert "SCAN clocks" not in shown and "Seq Scan" not in shown, shown
    found = db.session.execute(covering_statement(days, batch=10_000)).all()
    assert found and all(row.last_day >= days[0] for row in found)
