"""Time a year's statistics over 100,000 cases, next to a bare indexed count, on SQLite and PostgreSQL.

Run by hand:  .venv/bin/python bench/year_statistics.py [--cases 100000] [--sqlite-only] [--repeat 3]

For each engine — a throwaway SQLite file in /tmp, and the PostgreSQL database named
by BENCH_STATS_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/nafida_bench_stats,
created when missing) — the schema is created afresh and the rows are bulk-inserted with
SQLAlchemy Core: parties, cases received in 2025 (60 % information requests, 40 %
complaints, in every state, with first answers, extensions, grounds, ratings) and the
remedy events (deemed refusals, complaints to the head and decisions). Then, in the
same run and the same connection pool:

- the bare count: ``SELECT count(*) FROM cases WHERE kind = ? AND received_on BETWEEN ?``
  (the ``ix_cases_kind_received_on`` index), for both kinds;
- ``statistics.compute(year 2025)``: every indicator (about 25 grouped queries, the
  working days of every answer from the grouped date pairs);
- ``published(...)``: the small-count rule on the public indicators;
- the working-day step alone, as a comparison with a per-case loop.

Nothing is asserted; the figures are printed (best of ``--repeat``).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select, text  # noqa: E402

from app.extensions import db  # noqa: E402
from app.models import Case, CaseEvent, Party  # noqa: E402
from app.services.calendar import working_calendar  # noqa: E402
from app.services.complaint_categories import DEFAULTS, seed_default_categories  # noqa: E402
from app.services.holidays import seed_official_holidays  # noqa: E402
from app.services.statistics import compute  # noqa: E402
from app.services.statistics import queries  # noqa: E402
from app.services.statistics.figures import day_counts  # noqa: E402
from app.services.statistics.period import year  # noqa: E402
from app.services.statistics.published import published  # noqa: E402
from bench.search import bench_app, ensure_pg_database  # noqa: E402

PG_URL = os.environ.get("BENCH_STATS_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/nafida_bench_stats")
YEAR, CHUNK = 2025, 5000
NOW = datetime(2026, 1, 15, 12, 0)
CHANNELS = ("portal", "portal", "portal", "counter", "post", "email", "national_portal")
OUTCOMES = ("granted", "granted", "granted", "partly_granted", "refused", "not_held")
GROUNDS = ("not_held", "exception_art7", "already_published", "in_preparation")


def case_row(index: int, rng: random.Random) -> tuple[dict, dict, list[dict]]:
    """(party, case, events) for case ``index`` received in YEAR."""
    request = rng.random() < 0.6
    received_on = date(YEAR, 1, 1) + timedelta(days=rng.randrange(365))
    received_at = datetime.combine(received_on, datetime.min.time()) + timedelta(hours=rng.randint(8, 17))
    answered = rng.random() < 0.85
    answered_on = received_on + timedelta(days=rng.randint(0, 45)) if answered else None
    outcome = rng.choice(OUTCOMES) if request and answered else None
    party = {"id": index, "first_name": f"P{index}", "last_name": f"N{index}", "id_number": f"SH{index:06d}",
             "address": "Laâyoune"}
    case = {"id": index, "reference": f"{'DAI' if request else 'REC'}-{YEAR}-{index:06d}",
            "kind": "information_request" if request else "complaint",
            "state": "answered" if answered else rng.choice(("received", "assigned", "closed")),
            "channel": rng.choice(CHANNELS), "language": "ar", "received_at": received_at,
            "received_on": received_on, "registered_at": received_at, "access_code_hash": "x", "party_id": index,
            "unit": "information" if request else "complaints", "urgent": request and rng.random() < 0.03,
            "extended": request and rng.random() < 0.1, "outcome": outcome,
            "grounds": [rng.choice(GROUNDS)] if outcome in ("refused", "partly_granted") else [],
            "answered_on": answered_on, "answered_at": received_at + timedelta(days=1) if answered else None,
            "answer_due_on": received_on + timedelta(days=28 if request else 60), "reopen_count": 0, "version": 1,
            "complaint_kind": None if request else rng.choice(("complaint", "observation", "proposal")),
            "category": None if request else rng.choice(DEFAULTS)[0],
            "rating": rng.randint(1, 5) if not request and answered and rng.random() < 0.3 else None}
    events = []
    if request and not answered and rng.random() < 0.5:
        events.append(_event(index, "deem_refusal", received_at))
    if outcome in ("refused", "partly_granted") and rng.random() < 0.3:
        events.append(_event(index, "complain_to_head", received_at))
        events.append(_event(index, "decide", received_at, rng.choice(("upheld", "overturned"))))
    return party, case, events


def _event(case_id, trigger, at, decision=None):
    return {"case_id": case_id, "at": at, "actor_label": "system", "kind": "transition", "trigger": trigger,
            "data": {"decision": decision} if decision else {}}


def generate(n: int) -> float:
    """Bulk-insert ``n`` cases with Core, in chunks; returns the seconds spent."""
    started, rng = time.perf_counter(), random.Random(9)
    for start in range(1, n + 1, CHUNK):
        parties, cases, events = [], [], []
        for index in range(start, min(start + CHUNK, n + 1)):
            party, case, case_events = case_row(index, rng)
            parties.append(party)
            cases.append(case)
            events += case_events
        db.session.execute(insert(Party), parties)
        db.session.execute(insert(Case), cases)
        if events:
            db.session.execute(insert(CaseEvent), events)
        db.session.commit()
    return time.perf_counter() - started


def best(repeat: int, work) -> tuple[float, object]:
    """The shortest of ``repeat`` timed runs of ``work()`` (seconds) and its last result."""
    times, result = [], None
    for _ in range(repeat):
        db.session.expire_all()
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), result


def bare_count() -> int:
    """The baseline: one indexed count per kind over the year."""
    total = 0
    for kind in ("information_request", "complaint"):
        total += db.session.execute(select(func.count()).select_from(Case).where(
            Case.kind == kind, Case.received_on.between(date(YEAR, 1, 1), date(YEAR, 12, 31)))).scalar()
    return total


def per_case_working_days(calendar) -> int:
    """For comparison: fetch every answered request's two dates and count working days one by one."""
    rows = db.session.execute(select(Case.received_on, Case.answered_on).where(
        Case.kind == "information_request", Case.answered_on.isnot(None))).all()
    return sum(calendar.working_days_between(r, a) for r, a in rows)


def run(engine_name: str, url: str, n: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory(prefix="nafida-bench-stats-") as tmp:
        app = bench_app(url, Path(tmp))
        with app.app_context():
            db.drop_all()
            db.create_all()
            seed_official_holidays()
            seed_default_categories()
            seconds = generate(n)
            if db.engine.dialect.name == "postgresql":
                with db.engine.connect() as conn:
                    conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))
            print(f"[{engine_name}] {n:,} cases of {YEAR} generated in {seconds:.1f} s")
            calendar = working_calendar()
            t_count, counted = best(repeat, bare_count)
            t_stats, figures = best(repeat, lambda: compute(year(YEAR), now=NOW))
            t_public, _ = best(repeat, lambda: published(figures))
            where = queries.cohort("information_request", year(YEAR), figures.filters)
            t_pairs, _ = best(repeat, lambda: day_counts(queries.answer_day_pairs(where), calendar))
            t_loop, _ = best(repeat, lambda: per_case_working_days(calendar))
            print(f"[{engine_name}] bare indexed count (both kinds): {t_count * 1000:8.1f} ms  ({counted:,} cases)")
            print(f"[{engine_name}] statistics.compute(year {YEAR}):  {t_stats * 1000:8.1f} ms  "
                  f"({t_stats / t_count:,.0f}× the bare count; {figures['cases.received']:,} cases, "
                  f"median {figures['requests.answer_days_median']} working days)")
            print(f"[{engine_name}] small-count rule (published):   {t_public * 1000:8.1f} ms")
            print(f"[{engine_name}] working days, grouped pairs:     {t_pairs * 1000:8.1f} ms  "
                  f"vs per-case loop {t_loop * 1000:8.1f} ms")
            db.session.remove()
            db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    print(f"Statistics benchmark: {args.cases:,} cases received in {YEAR}; best of {args.repeat}")
    with tempfile.TemporaryDirectory(prefix="nafida-bench-stats-sqlite-") as tmp:
        run("SQLite", f"sqlite:///{tmp}/bench.db", args.cases, args.repeat)
    if not args.sqlite_only:
        ensure_pg_database(PG_URL)
        run("PostgreSQL", PG_URL, args.cases, args.repeat)


if __name__ == "__main__":
    main()
