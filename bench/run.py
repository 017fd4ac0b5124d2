"""`make bench`: the figures of issue 6 on SQLite and, with BENCH_DATABASE_URL, on PostgreSQL.

    .venv/bin/python bench/run.py [--quick] [--cases N] [--only sqlite|postgresql] [--skip NAME ...]

For each engine: a fresh schema, 1,000,000 generated cases (``--quick``: 100,000) in
bulk SQL (``bench/data.py``), then each figure 3 times next to its baseline in the
same run (``bench/figures.py``). Prints one table, then one machine-readable line per
figure and engine: ``BENCH <name> <engine> <median>``. Nothing is asserted.

PostgreSQL runs when ``BENCH_DATABASE_URL`` names a scratch database (every table in it
is dropped; it is created when missing). SQLite uses a file in a temporary folder.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from bench import data, figures  # noqa: E402
from bench.search import ensure_pg_database  # noqa: E402
from bench.server import bench_config  # noqa: E402

CASABLANCA = ZoneInfo("Africa/Casablanca")

OFFICERS = {"information": [f"officer{i}" for i in range(1, 6)], "complaints": [f"complaints{i}" for i in range(1, 4)]}
NAMES = ("sweep_nothing_due_ms", "sweep_1000_due_s", "recompute_open_s", "status_lookup_ratio", "list_page_ms",
         "concurrent_submissions_errors", "kill_resend_duplicates")


def make_staff(db) -> tuple[dict[str, list[int]], str]:
    """A supervisor (with an API token), a head and the officers of both units; (ids by unit, token)."""
    from app.models.user import User

    supervisor = User(username="supervisor", full_name="Bench Supervisor", role="supervisor",
                      email="supervisor@bench.example")
    users = [supervisor, User(username="head", full_name="Bench Head", role="head", email="head@bench.example")]
    for unit, names in OFFICERS.items():
        role = "information_officer" if unit == "information" else "complaints_officer"
        users += [User(username=n, full_name=n.title(), role=role, unit=unit, email=f"{n}@bench.example")
                  for n in names]
    for user in users:
        user.password_hash = "bench-not-a-login"
    token = supervisor.issue_token()
    db.session.add_all(users)
    db.session.commit()
    return {unit: [u.id for u in users if u.unit == unit] for unit in OFFICERS}, token


def build(app, n: int, due: int, now: datetime):
    """A fresh schema filled with ``n`` cases; returns (layout, supervisor token)."""
    from app.extensions import db
    from app.services.calendar import load_calendar, today_local
    from app.services.holidays import seed_official_holidays
    from app.services.references import hash_access_code

    with app.app_context():
        db.drop_all()
        with db.engine.connect() as conn:
            conn.execute(text("DROP TABLE IF EXISTS bench_spans"))
            conn.commit()
        db.create_all()
        seed_official_holidays()
        officers, token = make_staff(db)
        calendar = load_calendar()
        lay = data.layout(n, due, today_local(now), calendar)
        with db.engine.connect() as conn:
            seconds = data.generate(conn, lay, calendar, hash_access_code(data.BENCH_CODE), officers)
            if conn.dialect.name == "postgresql":
                conn.execute(text("ANALYZE"))
                conn.commit()
        print(f"  {n:,} cases generated in bulk SQL in {seconds:.0f} s "
              f"({lay.open:,} open, {due:,} in the due set, today {lay.today})", flush=True)
        db.session.remove()
    return lay, token


def run_engine(engine: str, url: str, args) -> list[figures.Figure]:
    """Every figure on one engine."""
    from app import create_app
    from app.extensions import db

    workdir = Path(tempfile.mkdtemp(prefix=f"nafida-bench-{engine}-"))
    app = create_app(bench_config(url, workdir))
    # 09:30 in Casablanca (zoneinfo: UTC+1, or UTC around Ramadan): inside the notice hour,
    # so that the pass queues the reminders too (on a working day).
    local = datetime.now(CASABLANCA).replace(hour=9, minute=30, second=0, microsecond=0)
    now = local.astimezone(timezone.utc).replace(tzinfo=None)
    print(f"[{engine}] building the data set…", flush=True)
    lay, token = build(app, args.cases, args.due, now)
    steps = [
        ("sweep_nothing_due_ms", lambda: figures.sweep_nothing_due(app, engine, lay, now)),
        ("sweep_1000_due_s", lambda: figures.sweep_due(app, engine, lay, now)),
        ("recompute_open_s", lambda: figures.recompute_open(app, engine, lay)),
        ("status_lookup_ratio", lambda: figures.status_lookup(url, workdir, engine, lay, args.requests)),
        ("list_page_ms", lambda: figures.list_page(url, workdir, engine, lay, token, cap=args.list_cap)),
        ("concurrent_submissions_errors",
         lambda: figures.concurrent_submissions(url, workdir, engine, args.submissions, args.baseline_submissions)),
        ("kill_resend_duplicates", lambda: figures.kill_resend(app, url, workdir, engine, args.emails)),
    ]
    out = []
    for name, step in steps:
        if name in args.skip:
            continue
        started = time.perf_counter()
        figure = step()
        print(f"[{engine}] {name}: median {figure.median:.3g} {figure.unit} "
              f"({time.perf_counter() - started:.0f} s) — {figure.note}", flush=True)
        out.append(figure)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return out


def print_table(rows: list[figures.Figure]) -> None:
    """One table (medians of the repeats, next to their baselines), then the BENCH lines."""
    print()
    print(f"{'figure':<31} {'engine':<11} {'median':>12} {'runs':<32} {'baseline':>12}  goal")
    for f in rows:
        runs = ", ".join(f"{v:.3g}" for v in f.values)
        print(f"{f.name:<31} {f.engine:<11} {f.median:>10.3g} {f.unit:<2}"[:57] + f" [{runs}]".ljust(33)
              + f"{f.baseline_median:>11.3g}  {f.goal}")
    print()
    for f in rows:
        print(f"  {f.name} ({f.engine}): {f.note}")
    print()
    for f in rows:
        print(f"BENCH {f.name} {f.engine} {f.median:.6g}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 cases and fewer requests")
    parser.add_argument("--cases", type=int)
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--skip", nargs="*", default=(), choices=NAMES)
    args = parser.parse_args()
    args.cases = args.cases or (100_000 if args.quick else 1_000_000)
    args.due = 1_000
    args.requests = 1000 if args.quick else 2000
    args.submissions = 100 if args.quick else 1000
    args.baseline_submissions = 50 if args.quick else 100
    args.emails = 100 if args.quick else 200
    args.list_cap = 30.0 if args.quick else 60.0
    pg_url = os.environ.get("BENCH_DATABASE_URL")
    print(f"Nafida benchmark (issue 6): {args.cases:,} cases, each figure {figures.REPEATS}× with its baseline; "
          f"{os.cpu_count()} CPU(s); PostgreSQL: {pg_url or 'not set (BENCH_DATABASE_URL)'}", flush=True)
    started = time.perf_counter()
    rows = []
    if args.only in (None, "sqlite"):
        with tempfile.TemporaryDirectory(prefix="nafida-bench-sqlite-") as tmp:
            rows += run_engine("sqlite", f"sqlite:///{tmp}/bench.db", args)
    if pg_url and args.only in (None, "postgresql"):
        ensure_pg_database(pg_url)
        rows += run_engine("postgresql", pg_url, args)
    print_table(rows)
    print(f"\n(total {timedelta(seconds=round(time.perf_counter() - started))})")


if __name__ == "__main__":
    main()
