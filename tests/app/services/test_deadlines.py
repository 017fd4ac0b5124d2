"""The deadline sweep: deemed refusals (art. 19), reminders, overdue notices, idempotency;
the scheduler that runs it."""
import os
import signal
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from sqlalchemy import event, func

from app.extensions import db
from app.models.case_event import CaseEvent
from app.models.notification import Notification
from app.services.cases import fire
from app.scheduler import JOB_ID, build_scheduler
from app.services.deadlines import sweep
from config import BASE_DIR
from tests.app.services.test_notifications import quick_letters, smtp  # noqa: F401  (fixtures)
from tests.sql_statements import statements

# Received Mon 2025-10-27 (day 0): the answer is due Wed 2025-11-26 (LAW.md §5).
RECEIVED = datetime(2025, 10, 27, 9, 0)


def at(year, month, day, hour=8, minute=0):
    """A naive UTC instant (Casablanca is UTC+1 in November 2025): by default 09:00 there, the notice hour."""
    return datetime(year, month, day, hour, minute)


@pytest.fixture
def team(staff):
    """The usual cast, each with an e-mail address."""
    for name, user in staff.items():
        user.email = f"{name}@region.example"
    db.session.commit()
    return staff


@pytest.fixture
def assigned(register, team, quick_letters):  # noqa: F811
    """An information request received 2025-10-27 and assigned to the designated officer."""
    case = register(received_at=RECEIVED).case
    fire(case, "assign", {"officer": "officer"}, actor=team["supervisor"], now=at(2025, 10, 28))
    return case


def notices(kind=None):
    query = db.select(Notification).where(Notification.dedup_key.not_like("letter:%"))
    if kind:
        query = query.where(Notification.dedup_key.like(f"{kind}:%"))
    return db.session.execute(query.order_by(Notification.id)).scalars().all()


def recipients(kind):
    return sorted(n.recipient for n in notices(kind))


def count(model):
    return db.session.execute(db.select(func.count()).select_from(model)).scalar_one()


def test_no_deemed_refusal_on_the_due_day(assigned):
    # 22:59 UTC on 26 Nov is 23:59 in Casablanca: still the due day (LAW.md §4.3).
    report = sweep(at(2025, 11, 26, 22, 59))
    assert report.deemed_refusals == 0
    db.session.refresh(assigned)
    assert assigned.state == "assigned"


def test_deemed_refusal_the_day_after(assigned):
    # 23:30 UTC on 26 Nov is already 27 Nov in Casablanca.
    report = sweep(at(2025, 11, 26, 23, 30))
    assert report.deemed_refusals == 1
    db.session.refresh(assigned)
    assert assigned.state == "deemed_refused"
    assert assigned.clock("answer").status == "expired"
    window = assigned.clock("complaint_to_head_window")
    assert window.status == "running" and window.started_on.isoformat() == "2025-11-26"
    (fired,) = [e for e in assigned.events if e.trigger == "deem_refusal"]
    assert fired.actor_id is None and fired.from_state == "assigned"


def test_deemed_refusal_comes_with_an_overdue_notice(assigned, team):
    report = sweep(at(2025, 11, 27))
    assert report.overdue_notices == 2
    assert recipients("overdue") == ["officer@region.example", "supervisor@region.example"]
    notice = notices("overdue")[0]
    assert assigned.reference in notice.subject and "2025-11-26" in notice.subject
    assert "مرفوضا ضمنيا" in notice.body and "المادة 19" in notice.body


def test_reminder_three_working_days_before(assigned, team):
    assert sweep(at(2025, 11, 20)).reminders == 0        # Thu: 4 working days left
    report = sweep(at(2025, 11, 21))                      # Fri: Mon, Tue, Wed left
    assert report.reminders == 2
    assert recipients("reminder") == ["officer@region.example", "supervisor@region.example"]
    subject = notices("reminder")[0].subject
    assert subject.startswith("تذكير: " + assigned.reference) and "2025-11-26" in subject
    assert sweep(at(2025, 11, 24)).reminders == 0         # already reminded
    assert sweep(at(2025, 11, 26)).reminders == 0


def test_reminder_lead_is_configurable(app, assigned, team, monkeypatch):
    monkeypatch.setitem(app.config, "REMINDER_LEAD_WORKING_DAYS", 5)
    assert sweep(at(2025, 11, 18)).reminders == 0
    assert sweep(at(2025, 11, 19)).reminders == 2


def test_unassigned_case_reminds_active_supervisors_only(register, team, make_user, quick_letters):  # noqa: F811
    case = register(received_at=RECEIVED).case
    away = make_user("away", "supervisor")
    away.email = "away@region.example"
    away.deactivate()
    make_user("silent", "supervisor")       # no e-mail address
    db.session.commit()
    sweep(at(2025, 11, 21))
    assert recipients("reminder") == ["supervisor@region.example"]
    assert case.state == "received"


def test_overdue_complaint_notice_once(register, team, quick_letters):  # noqa: F811
    # Received Thu 2025-10-02: the answer is due Mon 2025-12-01 (60 calendar days).
    case = register("complaint", received_at=at(2025, 10, 2)).case
    fire(case, "assign", {"officer": "complaints"}, actor=team["supervisor"], now=at(2025, 10, 3))
    assert case.clock("complaint_answer").last_day.isoformat() == "2025-12-01"
    assert sweep(at(2025, 12, 1)).overdue_notices == 0
    report = sweep(at(2025, 12, 2))
    assert (report.overdue_notices, report.deemed_refusals) == (2, 0)
    assert recipients("overdue") == ["complaints@region.example", "supervisor@region.example"]
    assert notices("overdue")[0].subject.startswith("تجاوز الأجل: " + case.reference)
    assert sweep(at(2025, 12, 3)).overdue_notices == 0


def test_head_decision_reminds_the_head(register, team, quick_letters):  # noqa: F811
    case = register(received_at=RECEIVED).case
    fire(case, "assign", {"officer": "officer"}, actor=team["supervisor"], now=at(2025, 10, 28))
    fire(case, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": "secret"},
         actor=team["officer"], now=at(2025, 11, 3))
    fire(case, "complain_to_head", {"text": "Je conteste ce refus."}, applicant=True, now=at(2025, 11, 4))
    last_day = case.clock("head_decision").last_day
    sweep(datetime.combine(last_day, datetime.min.time().replace(hour=8)))   # 09:00 in Casablanca
    assert recipients("reminder") == ["head@region.example", "officer@region.example",
                                      "supervisor@region.example"]
    assert "هو آخر أجل" in notices("reminder")[0].body


def test_second_sweep_changes_nothing(assigned, team, smtp):  # noqa: F811
    sweep(at(2025, 11, 21))
    first = sweep(at(2025, 11, 27))
    assert (first.deemed_refusals, first.overdue_notices) == (1, 2)
    before = (count(Notification), count(CaseEvent), len(smtp.messages))
    again = sweep(at(2025, 11, 27))
    assert (again.deemed_refusals, again.reminders, again.overdue_notices, again.emails_sent) == (0, 0, 0, 0)
    assert (count(Notification), count(CaseEvent), len(smtp.messages)) == before


def test_notice_queued_meanwhile_by_another_sweep_is_not_an_error(assigned, team, monkeypatch):
    sweep(at(2025, 11, 21))
    supervisor_notice = next(n for n in notices("reminder") if n.recipient.startswith("supervisor"))
    db.session.delete(supervisor_notice)
    db.session.commit()
    # As if the other sweep inserted the officer's reminder between our check and our insert.
    monkeypatch.setattr("app.services.deadlines._existing_keys", lambda keys: set())
    report = sweep(at(2025, 11, 24))
    assert (report.reminders, report.errors) == (1, 0)
    assert recipients("reminder") == ["officer@region.example", "supervisor@region.example"]


def test_missed_passes_are_caught_up(assigned, team):
    # The scheduler was down for weeks: the first pass fires what is due, no stale reminder.
    report = sweep(at(2025, 12, 10))
    assert (report.deemed_refusals, report.reminders, report.overdue_notices) == (1, 0, 2)


def test_emails_delivered_through_smtp(assigned, team, smtp):  # noqa: F811
    assert sweep(at(2025, 11, 21)).emails_sent == 0   # the scheduler's pass only queues
    assert smtp.to("officer@region.example") == []
    report = sweep(at(2025, 11, 21), deliver=True)       # as `flask deadlines sweep` does
    assert report.emails_sent == 3    # the two reminders, and the receipt queued at registration
    (message,) = smtp.to("officer@region.example")
    assert message["Subject"].startswith("تذكير: " + assigned.reference)
    assert "ينتهي أجل الرد على الطلب" in message.get_body(("plain",)).get_content()
    assert all(n.status == "sent" for n in notices())
    events = [e for e in assigned.events if e.kind == "email" and "@region" in e.data["recipient"]]
    assert sorted(e.data["recipient"] for e in events) == ["officer@region.example", "supervisor@region.example"]


def test_sweep_reads_only_clocks_near_their_end(register, team, quick_letters, app):  # noqa: F811
    def sweep_statements():
        with statements() as seen:
            sweep(at(2025, 11, 3), deliver=False)
        return len(seen)

    for _ in range(3):
        register(received_at=RECEIVED)
    few = sweep_statements()
    for _ in range(6):
        register(received_at=RECEIVED)
    assert sweep_statements() == few


def test_cli_sweep_prints_one_line(app, assigned, team):
    result = app.test_cli_runner().invoke(args=["deadlines", "sweep", "--now", "2025-11-27T09:00:00+01:00"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        "deadline sweep 2025-11-27: 1 deemed refusal(s) fired, 0 reminder(s) and 2 overdue notice(s) "
        "queued, 0 remedy stage(s) recorded, 4 e-mail(s) sent")  # the receipt, the two overdue notices, the deemed-refusal e-mail


def test_cli_sweep_rejects_a_bad_instant(app):
    result = app.test_cli_runner().invoke(args=["deadlines", "sweep", "--now", "next tuesday"])
    assert result.exit_code == 2 and "ISO-8601" in result.output


def test_scheduler_jobs_are_coalesced_interval_jobs_due_at_once(app):
    scheduler = build_scheduler(app)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) >= {JOB_ID, "email-delivery", "holiday-recompute"}   # besides: retention, statistics, publication
    minutes = app.config["SWEEP_INTERVAL_MINUTES"]
    job = jobs[JOB_ID]
    assert job.trigger.interval == timedelta(minutes=minutes)
    assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, minutes * 60)
    assert jobs["email-delivery"].trigger.interval == timedelta(seconds=app.config["MAIL_DELIVERY_SECONDS"])
    for job in jobs.values():
        if job.id == "personal-data-retention":   # first an hour after start (app/scheduler.py)
            continue
        # The first run is due at once: it catches up what was missed while the process was down.
        assert abs(job.next_run_time - datetime.now(timezone.utc)) < timedelta(seconds=30)
        assert (job.coalesce, job.max_instances) == (True, 1)


def test_scheduler_sweeps_at_start(app, ctx):
    scheduler = build_scheduler(app)
    done, outcome = threading.Event(), []

    def listen(event):
        if event.job_id == JOB_ID:   # the public statistics job runs at start too
            outcome.append(event)
            done.set()

    scheduler.add_listener(listen, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    runner = threading.Thread(target=scheduler.start, daemon=True)
    runner.start()
    try:
        assert done.wait(timeout=30)
    finally:
        scheduler.shutdown(wait=True)
        runner.join(timeout=10)
    assert outcome[0].exception is None
    assert str(outcome[0].retval).startswith("deadline sweep ")


def test_scheduler_command_stops_cleanly_on_sigterm(app, tmp_path):
    env = {**os.environ, "FLASK_APP": "wsgi", "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "NAFIDA_INSTANCE": str(tmp_path), "MAIL_SERVER": "", "SWEEP_INTERVAL_MINUTES": "60",
           "PYTHONUNBUFFERED": "1"}
    flask = Path(sys.executable).with_name("flask")
    process = subprocess.Popen([str(flask), "scheduler", "run"], cwd=BASE_DIR, env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    watchdog = threading.Timer(60, process.kill)   # never hang the suite
    watchdog.start()
    try:
        seen = []
        for line in process.stdout:
            seen.append(line)
            if "deadline sweep 2" in line:
                break
        process.send_signal(signal.SIGTERM)
        rest, _ = process.communicate(timeout=30)
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
    output = "".join(seen) + rest
    assert process.returncode == 0, output
    assert "deadline sweep" in output and output.rstrip().endswith("scheduler: stopped")


def test_deemed_refusal_tells_the_applicant_until_when_to_complain(register, staff):
    from app.models import Notification
    from app.services.cases import fire

    case = register(received_at=datetime(2025, 10, 27, 9)).case
    fire(case, "deem_refusal", now=datetime(2025, 11, 27, 9))
    notices = db.session.execute(db.select(Notification).filter(
        Notification.dedup_key.like("deemed_refusal:%"))).scalars().all()
    assert len(notices) == 1 and notices[0].recipient == "salma.b@example.org"
    assert "للمادة 19 من القانون رقم 31.13" in notices[0].body and "الأربعاء 24 دجنبر 2025" in notices[0].body
    assert case.clock("complaint_to_head_window").last_day.isoformat() == "2025-12-24"
