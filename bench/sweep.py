"""Time one pass of the deadline sweep over 100,000 cases of which 1,000 are due.

Run by hand:  .venv/bin/python bench/sweep.py [--cases 100000] [--due 1000] [--sqlite-only]

For each engine — a throwaway SQLite file in /tmp, and the PostgreSQL database
named by BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/nafida_bench,
created when missing) — the schema is created afresh, the rows are bulk-inserted
with SQLAlchemy Core (cases, parties, clocks; a few staff), then ONE call of
``app.services.deadlines.sweep(now=...)`` is timed. E-mail goes to an outbox
folder in a temporary directory. Nothing is asserted; the figures are printed.

The due cases (``--due``) are split: 40 % information requests whose answer clock
ran out (deemed refusals, each an ordinary transition), 35 % requests within the
reminder window, 15 % complaints within it and 10 % overdue complaints. The other
cases have running clocks far from due, or are closed with stopped clocks.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from datetime import time as dtime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, insert, text  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Case, Clock, Party, User  # noqa: E402
from app.services.calendar import today_local, utc_now, working_calendar  # noqa: E402
from app.services.holidays import seed_official_holidays  # noqa: E402
from app.services.references import hash_access_code  # noqa: E402
from config import Config, database_url  # noqa: E402

PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/nafida_bench")
CHUNK = 5000
OFFICERS = {"information": [f"officer{i}" for i in range(1, 6)], "complaints": [f"complaints{i}" for i in range(1, 4)]}


def bench_app(url: str, workdir: Path):
    """A Nafida app on ``url`` with its outbox and instance folder in ``workdir``."""
    class BenchConfig(Config):
        SQLALCHEMY_DATABASE_URI = database_url(url)
        INSTANCE_DIR = workdir
        MAIL_SERVER = None
        MAIL_OUTBOX_DIR = workdir / "outbox"
    return create_app(BenchConfig)


def ensure_pg_database(url: str) -> None:
    """Create the benchmark's PostgreSQL database if it does not exist."""
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def make_staff() -> dict[str, list[int]]:
    """A supervisor and the officers of both units (with e-mail addresses); ids by unit."""
    users = [User(username="supervisor", full_name="Bench Supervisor", role="supervisor",
                  email="supervisor@bench.example")]
    for unit, names in OFFICERS.items():
        role = "information_officer" if unit == "information" else "complaints_officer"
        users += [User(username=n, full_name=n.title(), role=role, unit=unit, email=f"{n}@bench.example")
                  for n in names]
    for user in users:
        user.password_hash = "bench-not-a-login"
    db.session.add_all(users)
    db.session.commit()
    return {unit: [u.id for u in users if u.unit == unit] for unit in OFFICERS}


class Generator:
    """Rows for ``n`` cases, ``due`` of them due on ``today`` (Casablanca)."""

    def __init__(self, today, calendar, officers, seed: int = 31):
        self.today, self.calendar, self.officers = today, calendar, officers
        self.rng = random.Random(seed)
        lead = 3
        self.horizon = calendar.add_working_days(today, lead + 1) - timedelta(days=1)
        self.code_hash = hash_access_code("BENCHCODE1")

    def rows(self, index: int, profile: str) -> tuple[dict, dict, list[dict]]:
        """(party, case, clocks) for case number ``index`` of ``profile``."""
        rng, today = self.rng, self.today
        request = profile in ("deemed", "ir_reminder", "ir_open", "ir_closed")
        last_day = {"deemed": today - timedelta(days=rng.randint(1, 6)),
                    "ir_reminder": today + timedelta(days=rng.randint(0, (self.horizon - today).days)),
                    "c_reminder": today + timedelta(days=rng.randint(0, (self.horizon - today).days)),
                    "c_overdue": today - timedelta(days=rng.randint(1, 20))}.get(profile)
        if last_day is None:
            last_day = self.horizon + timedelta(days=rng.randint(1, 60))
        closed = profile.endswith("_closed")
        if closed:
            last_day = today - timedelta(days=rng.randint(30, 400))
        span = 28 if request else 60
        received = last_day - timedelta(days=span)
        unit = "information" if request else "complaints"
        party = {"id": index, "first_name": f"Prénom{index}", "last_name": f"Nom{index}",
                 "id_number": f"SH{index:06d}", "address": f"{index} avenue de la Mecque, Laâyoune",
                 "email": f"applicant{index}@example.org" if index % 3 else None}
        case = {"id": index, "reference": f"{'DAI' if request else 'REC'}-2026-{index:06d}",
                "kind": "information_request" if request else "complaint",
                "state": "closed" if closed else "assigned", "channel": "portal",
                "language": rng.choice(("ar", "fr")), "received_at": _at(received, 9),
                "registered_at": _at(received, 9), "access_code_hash": self.code_hash, "party_id": index,
                "assignee_id": rng.choice(self.officers[unit]), "unit": unit, "urgent": False, "extended": False,
                "grounds": [], "reopen_count": 0, "version": 1,
                "information_requested": "Procès-verbal de la session d'octobre" if request else None,
                "complaint_kind": None if request else "complaint", "category": None if request else "roads",
                "subject": None if request else "Route dégradée", "description": None if request else "Nids-de-poule",
                "closed_at": _at(last_day, 10) if closed else None}
        period = "answer" if request else "complaint_answer"
        clocks = [{"case_id": index, "period": period, "article": "16" if request else "décret 2.17.265",
                   "started_on": received, "due_on": last_day, "last_day": last_day,
                   "status": "met" if closed else "running", "created_at": _at(received, 9)}]
        if not request:
            clocks.append({"case_id": index, "period": "complaint_acknowledgment", "article": "décret 2.17.265",
                           "started_on": received, "due_on": received + timedelta(days=15),
                           "last_day": received + timedelta(days=15), "status": "met",
                           "created_at": _at(received, 9)})
        return party, case, clocks


def _at(day, hour):
    return datetime.combine(day, dtime(hour, 0))


def profiles(n: int, due: int) -> list[str]:
    """The profile of each case: ``due`` due ones spread among ``n``."""
    split = {"deemed": 0.40, "ir_reminder": 0.35, "c_reminder": 0.15}
    counts = {k: int(due * v) for k, v in split.items()}
    counts["c_overdue"] = due - sum(counts.values())
    rest = n - due
    counts.update({"ir_open": int(rest * 0.45), "c_open": int(rest * 0.15), "ir_closed": int(rest * 0.28)})
    counts["c_closed"] = n - sum(counts.values())
    out = [k for k, c in counts.items() for _ in range(c)]
    random.Random(7).shuffle(out)
    return out


def generate(n: int, due: int, today, calendar, officers) -> float:
    """Bulk-insert the cases with Core in chunks; returns the seconds spent."""
    started = time.perf_counter()
    gen = Generator(today, calendar, officers)
    kinds = profiles(n, due)
    for start in range(0, n, CHUNK):
        parties, cases, clocks = [], [], []
        for index in range(start + 1, min(start + CHUNK, n) + 1):
            party, case, case_clocks = gen.rows(index, kinds[index - 1])
            parties.append(party)
            cases.append(case)
            clocks += case_clocks
        db.session.execute(insert(Party), parties)
        db.session.execute(insert(Case), cases)
        db.session.execute(insert(Clock), clocks)
        db.session.commit()
    return time.perf_counter() - started


def count_round_trips(engine) -> dict[str, int]:
    """Live counters of the statements and commits ``engine`` runs from now on."""
    counts = {"statements": 0, "commits": 0}

    def statement(*args):
        counts["statements"] += 1

    def commit(*args):
        counts["commits"] += 1

    event.listen(engine, "after_cursor_execute", statement)
    event.listen(engine, "commit", commit)
    return counts


def run(engine_name: str, url: str, n: int, due: int) -> None:
    """Build a fresh database on ``url``, fill it, and time one sweep pass."""
    with tempfile.TemporaryDirectory(prefix="nafida-bench-") as tmp:
        app = bench_app(url, Path(tmp))
        with app.app_context():
            db.drop_all()
            db.create_all()
            seed_official_holidays()
            now = utc_now()
            today, calendar = today_local(now), working_calendar()
            officers = make_staff()
            seconds = generate(n, due, today, calendar, officers)
            if db.engine.dialect.name == "postgresql":
                with db.engine.connect() as conn:
                    conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))
            print(f"[{engine_name}] {n:,} cases generated in {seconds:.1f} s (today {today}, {due:,} due)")
            from app.services.deadlines import sweep

            counts = count_round_trips(db.engine)
            started = time.perf_counter()
            report = sweep(now=now)
            elapsed = time.perf_counter() - started
            round_trips = dict(counts)
            outbox = len(list((Path(tmp) / "outbox").glob("*")))
            print(f"[{engine_name}] ONE sweep pass: {elapsed:.2f} s  ({n / elapsed:,.0f} cases/s over the table, "
                  f"{due / elapsed:,.1f} due cases/s)")
            print(f"[{engine_name}]   deemed refusals fired: {report.deemed_refusals:,}   "
                  f"reminders queued: {report.reminders:,}   overdue notices queued: {report.overdue_notices:,}")
            print(f"[{engine_name}]   e-mails sent to the outbox: {report.emails_sent:,} ({outbox:,} files)   "
                  f"skipped: {report.skipped}   errors: {report.errors}")
            print(f"[{engine_name}]   database round trips in the pass: {round_trips['statements']:,} statements, "
                  f"{round_trips['commits']:,} commits")
            started = time.perf_counter()
            again = sweep(now=now)
            print(f"[{engine_name}] second pass (idempotent): {time.perf_counter() - started:.2f} s, "
                  f"{again.deemed_refusals} deemed refusals, {again.reminders + again.overdue_notices} notices")
            db.session.remove()
            db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=1_000)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    print(f"Deadline sweep benchmark: {args.cases:,} cases, {args.due:,} due; one pass each engine")
    with tempfile.TemporaryDirectory(prefix="nafida-bench-sqlite-") as tmp:
        run("SQLite", f"sqlite:///{tmp}/bench.db", args.cases, args.due)
    if not args.sqlite_only:
        ensure_pg_database(PG_URL)
        run("PostgreSQL", PG_URL, args.cases, args.due)


if __name__ == "__main__":
    main()
