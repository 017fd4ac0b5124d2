"""The figures of issue 6, each measured next to its baseline in the same run.

Every function returns a ``Figure``: the repeated measurements, the baseline's, and
what was measured. The caller prints them; nothing is asserted here.
"""
from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select, text, update

from app.services.calendar import utc_now
from bench import data
from bench.server import BASELINE, ROOT, Server, call, free_port, load

REPEATS = 3
REQUEST = {
    "applicant": {"first_name": "سلمى", "last_name": "البناني", "id_number": "SH123456",
                  "address": "حي الوحدة، زنقة 12، العيون", "email": "salma.b@example.org", "phone": "+212661234567"},
    "information_requested": "نسخة من محضر الدورة العادية لمجلس الجهة لشهر أكتوبر 2023",
    "access_form": "electronic_copy", "language": "ar",
}


@dataclass
class Figure:
    """One row of the table: ``values`` (repeats) next to ``baseline`` (repeats), in ``unit``."""

    name: str
    engine: str
    unit: str
    values: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    goal: str = ""
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.values) if self.values else float("nan")

    @property
    def baseline_median(self) -> float:
        return statistics.median(self.baseline) if self.baseline else float("nan")


def _fresh(app, work):
    """Run ``work()`` in a fresh app context (as the scheduler runs each job); its seconds and result."""
    from app.extensions import db

    with app.app_context():
        started = time.perf_counter()
        result = work()
        seconds = time.perf_counter() - started
        db.session.remove()
    return seconds, result


def _indexed_lookup(reference: str):
    from app.extensions import db
    from app.models.case import Case

    def work():
        return db.session.execute(select(Case.id, Case.state).where(Case.reference == reference)).first()
    return work


def sweep_nothing_due(app, engine: str, lay: data.Layout, now: datetime) -> Figure:
    """One sweep pass over every case with nothing due (ms); baseline: one indexed SELECT by reference."""
    from app.services.deadlines import sweep

    figure = Figure("sweep_nothing_due_ms", engine, "ms", goal="< 50 ms")
    for _ in range(REPEATS):
        seconds, report = _fresh(app, lambda: sweep(now))
        assert report.deemed_refusals == report.reminders == report.overdue_notices == 0, report
        figure.values.append(seconds * 1000)
        figure.baseline.append(_fresh(app, _indexed_lookup(lay.request_reference(1)))[0] * 1000)
    figure.note = f"{lay.n:,} cases, {lay.open:,} open; baseline = one indexed SELECT in a fresh app context"
    return figure


def sweep_due(app, engine: str, lay: data.Layout, now: datetime) -> Figure:
    """One sweep pass with ``lay.due`` cases due (s, e-mails queued); baseline: as many 1-row transactions."""
    from app.extensions import db
    from app.models.case import Case
    from app.services.deadlines import sweep

    figure = Figure("sweep_1000_due_s", engine, "s", goal="< 10 s, e-mails queued")
    for _ in range(REPEATS):
        with app.app_context(), db.engine.connect() as conn:
            data.activate_due(conn, lay)
            before = data.marks(conn)
        seconds, report = _fresh(app, lambda: sweep(now))
        with app.app_context(), db.engine.connect() as conn:
            queued = conn.execute(text("SELECT count(*) FROM notifications")).scalar()
            data.reset_due(conn, lay, before)
        figure.values.append(seconds)
        figure.note = (f"{report.deemed_refusals} deemed refusals (one unit of work each), {report.reminders} "
                       f"reminders, {report.overdue_notices} overdue notices; {queued} e-mails queued, 0 sent")

        def floor():
            for case_id in range(lay.due_ids[0], lay.due_ids[0] + lay.due):
                db.session.execute(update(Case).where(Case.id == case_id).values(version=Case.version))
                db.session.commit()
        figure.baseline.append(_fresh(app, floor)[0])
    figure.note += f"; baseline = {lay.due:,} single-row UPDATE+COMMIT"
    return figure


def recompute_open(app, engine: str, lay: data.Layout) -> Figure:
    """A holiday change over the open cases, run as the scheduler runs it (s); baseline: the date arithmetic."""
    from app.extensions import db
    from app.models.holiday import Holiday
    from app.services import holidays, recompute
    from app.services.calendar import load_calendar
    from workflows.deadlines import deadline
    from workflows.statute import period

    figure = Figure("recompute_open_s", engine, "s", goal="< 10 s, never in a web request")
    # The scheduler starts a job once it has settled (CALENDAR_RECHECK_SECONDS + RECOMPUTE_SETTLE_SECONDS):
    # it is run as of then, and the job's own run is what is timed.
    settle = timedelta(seconds=app.config["CALENDAR_RECHECK_SECONDS"] + app.config["RECOMPUTE_SETTLE_SECONDS"] + 1)
    for repeat in range(REPEATS):
        with app.app_context():        # the administrator's request: records the change only
            started = time.perf_counter()
            if repeat % 2 == 0:
                job = holidays.add_holiday(lay.change_day, "closure", kind="closure", status="estimated")
            else:
                row = db.session.execute(select(Holiday).filter_by(day=lay.change_day)).scalar_one()
                job = holidays.remove_holiday(row.id)
            request_ms = (time.perf_counter() - started) * 1000
            job_id = job.id
        seconds, ran = _fresh(app, lambda: recompute.run_pending(utc_now() + settle))
        assert ran == 1, ran
        with app.app_context():
            job = db.session.get(recompute.RecomputeJob, job_id)
            figure.values.append(seconds)
            figure.note = (f"{job.total:,} clocks spanning {lay.change_day}, {job.moved:,} moved in "
                           f"{job.cases_moved:,} cases (one audit event each); the admin's request took "
                           f"{request_ms:.0f} ms")
            rows = db.session.execute(text("SELECT started_on FROM clocks WHERE status = 'running' "
                                           "AND period = 'answer'")).scalars().all()
            calendar, rule = load_calendar(), period("answer")
            started = time.perf_counter()
            for day in rows:
                deadline(rule, day if not isinstance(day, str) else datetime.fromisoformat(day).date(), calendar)
            figure.baseline.append(time.perf_counter() - started)
    figure.note += "; baseline = the date arithmetic alone (one count per clock, no database)"
    return figure


def status_lookup(url: str, workdir: Path, engine: str, lay: data.Layout, requests: int) -> Figure:
    """Status lookups per second / minimal lookups per second, 16 client connections, 2 gunicorn workers.

    The two kinds of request alternate in rounds of 100, and each kind's time is summed
    over its rounds: a change of load on the machine during a repeat weighs on both.
    """
    figure = Figure("status_lookup_ratio", engine, "×", goal="≥ 0.8×")
    references = [lay.request_reference(i) for i in range(1, lay.open + 1) if i % 4][:2000]
    status = [("GET", f"/api/v1/status/{r}", {"X-Access-Code": data.BENCH_CODE}, None) for r in references]
    bare = [("GET", BASELINE + r, {}, None) for r in references]
    status = (status * (requests // len(status) + 1))[:requests]
    bare = (bare * (requests // len(bare) + 1))[:requests]
    with Server(url, workdir, workers=2) as server:
        load(server.port, status[:100] + bare[:100], 16)      # warm-up
        for _ in range(REPEATS):
            seconds = {"bare": 0.0, "status": 0.0}
            for start in range(0, requests, 100):
                for name, jobs in (("bare", bare), ("status", status)):
                    rate, codes = load(server.port, jobs[start:start + 100], 16)
                    assert set(codes) == {200}, (name, set(codes))
                    seconds[name] += len(jobs[start:start + 100]) / rate
            figure.values.append(seconds["bare"] / seconds["status"])
            figure.baseline.append(requests / seconds["bare"])
    figure.note = (f"{requests:,} requests of each kind in alternating rounds of 100, 16 client threads, "
                   f"gunicorn 2 sync workers; baseline {figure.baseline_median:.0f} req/s, status lookup "
                   f"{figure.baseline_median * figure.median:.0f} req/s")
    return figure


def list_page(url: str, workdir: Path, engine: str, lay: data.Layout, token: str, cap: float = 60.0) -> Figure:
    """One page of ``GET /api/v1/cases`` as a supervisor (ms; capped); baseline: the minimal lookup."""
    figure = Figure("list_page_ms", engine, "ms", goal="< 100 ms")
    timed_out = 0
    with Server(url, workdir, workers=1, timeout=int(cap) + 30) as server:
        call(server.port, "GET", BASELINE + lay.request_reference(1))
        for _ in range(REPEATS):
            status, seconds = call(server.port, "GET", "/api/v1/cases", {"Authorization": f"Bearer {token}"},
                                   timeout=cap)
            timed_out += status != 200
            figure.values.append(min(seconds, cap) * 1000)
            figure.baseline.append(call(server.port, "GET", BASELINE + lay.request_reference(1))[1] * 1000)
    figure.note = "GET /api/v1/cases, first page, as a supervisor (sees every case)"
    if timed_out:
        figure.note += f"; {timed_out} of {REPEATS} did not answer within {cap:.0f} s (counted as {cap:.0f} s)"
    return figure


def concurrent_submissions(url: str, workdir: Path, engine: str, count: int, baseline_count: int) -> Figure:
    """Errors among ``count`` concurrent API submissions (4 workers, 16 clients); throughput vs 1 worker."""
    figure = Figure("concurrent_submissions_errors", engine, "errors", goal="0, throughput grows with workers")
    rates: dict[int, list[float]] = {1: [], 4: []}
    for _ in range(REPEATS):
        for workers, n in ((4, count), (1, baseline_count)):
            with Server(url, workdir, workers=workers) as server:
                # Each worker's first letter sets up its fonts (about a second): not part of the figure.
                load(server.port, [("POST", "/api/v1/requests", {}, REQUEST)] * (3 * workers), 2 * workers)
                rate, codes = load(server.port, [("POST", "/api/v1/requests", {}, REQUEST)] * n, 16)
            rates[workers].append(rate)
            (figure.values if workers == 4 else figure.baseline).append(sum(code != 201 for code in codes))
    one, four = statistics.median(rates[1]), statistics.median(rates[4])
    figure.note = (f"{count} submissions from 16 clients per run with 4 gunicorn workers, real PDF receipts: "
                   f"{four:.1f}/s; {baseline_count} with 1 worker: {one:.1f}/s (×{four / one:.2f}); "
                   f"baseline = errors with 1 worker")
    return figure


def kill_resend(app, url: str, workdir: Path, engine: str, count: int) -> Figure:
    """Duplicates after ``kill -9`` of a sender mid-batch and a rerun once its claims are stale."""
    from aiosmtpd.controller import Controller

    from app.extensions import db
    from app.models.notification import Notification
    from app.services.outbox import STALE_CLAIM

    figure = Figure("kill_resend_duplicates", engine, "duplicates", goal="≤ 1")
    for _ in range(REPEATS):
        with app.app_context():
            db.session.execute(text("DELETE FROM notifications"))
            db.session.add_all(Notification(case_id=i, dedup_key=f"bench:{i}", recipient=f"a{i}@example.org",
                                            subject=f"notice {i}", body="نص") for i in range(1, count + 1))
            db.session.commit()
        sink = _Sink()
        controller = Controller(sink, hostname="127.0.0.1", port=free_port())
        controller.start()
        try:
            env = dict(os.environ, FLASK_APP="wsgi", DATABASE_URL=url, NAFIDA_INSTANCE=str(workdir),
                       MAIL_SERVER="127.0.0.1", MAIL_PORT=str(controller.port),
                       ACCESS_CODE_KEYS="bench-access-code-key-0123456789abcdef")
            flask = str(Path(sys.executable).with_name("flask"))
            sender = subprocess.Popen([flask, "deadlines", "deliver"], cwd=ROOT, env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            while len(sink.ids) < count // 2 and sender.poll() is None:
                time.sleep(0.005)
            os.kill(sender.pid, signal.SIGKILL)
            sender.wait()
            killed_at = len(sink.ids)
            later = (utc_now() + STALE_CLAIM + timedelta(minutes=1)).isoformat(timespec="seconds")
            subprocess.run([flask, "deadlines", "deliver", "--now", later], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        finally:
            controller.stop()
        distinct = len(set(sink.ids))
        assert distinct == count, (distinct, count)
        figure.values.append(len(sink.ids) - distinct)
        figure.baseline.append(0)
        figure.note = (f"{count} queued e-mails, SMTP sink on loopback; sender killed after {killed_at} "
                       f"messages, rerun after the claims went stale; all {distinct} delivered")
    return figure


class _Sink:
    """An aiosmtpd handler keeping each message's Message-ID; a little slow, like a real server."""

    def __init__(self):
        self.ids: list[str] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        await asyncio.sleep(0.01)
        for line in envelope.content.split(b"\n"):
            if line.lower().startswith(b"message-id:"):
                with self._lock:
                    self.ids.append(line.split(b":", 1)[1].strip().decode())
                break
        return "250 OK"
