"""Retention (Law 09-08): cases closed longer than the period lose their personal data, not their facts."""
import io
from datetime import date, datetime, timedelta

import pytest
from werkzeug.datastructures import FileStorage

from app.extensions import db
from app.models import AccessLogEntry, Attachment, Case, CaseEvent, Letter, Notification
from app.scheduler import RETENTION_JOB_ID, build_scheduler
from app.services import privacy
from app.services.attachments import check_uploads
from app.services.cases import fire

RECEIVED = datetime(2025, 10, 2, 9, 0)
CLOSED = datetime(2025, 12, 1, 10, 0)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


@pytest.mark.parametrize("now, months, expected", [
    (datetime(2026, 3, 31, 12), 24, date(2024, 3, 31)),
    (datetime(2026, 3, 31, 12), 1, date(2026, 2, 28)),         # the day is clamped to February's end
    (datetime(2026, 1, 15, 12), 13, date(2024, 12, 15)),
    (datetime(2025, 12, 31, 23, 30), 24, date(2024, 1, 1)),     # 23:30 UTC is already 1 January in Casablanca
])
def test_the_cut_off_is_calendar_months_before_the_local_date(now, months, expected):
    assert privacy.cutoff(now, months) == expected


@pytest.fixture
def closed_complaint(ctx, register, staff):
    """A complaint with an attachment, answered, rated, reopened with a text, answered again, closed."""
    files = check_uploads([FileStorage(io.BytesIO(PDF), filename="facture.pdf")])
    case = register("complaint", received_at=RECEIVED, attachments=files).case
    fire(case, "assign", {"officer": "complaints"}, actor=staff["supervisor"], now=RECEIVED + timedelta(days=1))
    fire(case, "answer", {"text": "La route sera réparée en janvier."}, actor=staff["complaints"],
         now=RECEIVED + timedelta(days=20))
    fire(case, "reopen", {"text": "Mon voisin M. Alami a vu que rien n'a été fait"}, applicant=True,
         now=RECEIVED + timedelta(days=25))
    fire(case, "answer", {"text": "Les travaux ont commencé."}, actor=staff["complaints"],
         now=RECEIVED + timedelta(days=40))
    fire(case, "close", {}, actor=staff["complaints"], now=CLOSED)
    db.session.add(AccessLogEntry(user_id=staff["supervisor"].id, case_id=case.id, what="case"))
    db.session.commit()
    return case


def counts(model):
    return db.session.execute(db.select(db.func.count()).select_from(model)).scalar()


def test_the_dry_run_reports_and_changes_nothing(closed_complaint, register):
    register(received_at=RECEIVED)                               # open: never due
    report = privacy.report(CLOSED + timedelta(days=800))
    assert report.references == [closed_complaint.reference] and report.by_kind == {"complaint": 1}
    assert (report.letters, report.attachments) == (len(closed_complaint.letters), 1)
    assert report.emails >= 1
    assert closed_complaint.party.anonymised_at is None and counts(Attachment) == 1
    assert privacy.report(CLOSED + timedelta(days=700)).count == 0   # closed less than 24 months ago


def test_anonymising_erases_the_person_and_keeps_the_facts(app, closed_complaint):
    case = closed_complaint
    stored = app.config["ATTACHMENTS_DIR"] / case.attachments[0].stored_name
    kept = (case.reference, case.kind, case.state, case.channel, case.language, case.received_at,
            case.closed_at, case.complaint_kind, case.category, case.answer_text, case.reopen_count,
            [(c.period, c.started_on, c.due_on, c.status) for c in case.clocks])
    hashes = sorted(letter.sha256 for letter in case.letters)
    done = privacy.anonymise_due(CLOSED + timedelta(days=800))
    assert done.references == [case.reference] and done.skipped == []
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    party = case.party
    assert (party.first_name, party.last_name, party.id_number, party.address, party.email, party.phone) == (
        "", "", "", "", None, None)
    assert party.anonymised_at == CLOSED + timedelta(days=800)
    assert (case.subject, case.description) == ("", "")
    assert kept == (case.reference, case.kind, case.state, case.channel, case.language, case.received_at,
                    case.closed_at, case.complaint_kind, case.category, case.answer_text, case.reopen_count,
                    [(c.period, c.started_on, c.due_on, c.status) for c in case.clocks])
    assert counts(Letter) == counts(Attachment) == counts(Notification) == 0 and not stored.exists()
    assert counts(AccessLogEntry) == 1                          # who looked stays on record
    texts = " ".join(str((e.reason, e.data)) for e in case.events)
    for personal in ("Alami", "mina.ouchen@example.org", "Mina", "Ouchen", "SH202020"):
        assert personal not in texts
    record = case.events[-1]
    assert record.kind == "personal_data" and record.data["action"] == "anonymised"
    assert sorted(letter["sha256"] for letter in record.data["letters"]) == hashes
    assert privacy.anonymise_due(CLOSED + timedelta(days=900)).count == 0   # once only


def test_an_anonymised_case_still_renders_on_the_staff_page(app, closed_complaint):
    from tests.app.views.staff_support import signed_in

    privacy.anonymise_due(CLOSED + timedelta(days=800))
    page = signed_in(app, "supervisor").get(f"/staff/cases/{closed_complaint.reference}?lang=fr")
    assert page.status_code == 200
    assert "Anonymisé le" in page.get_data(as_text=True)


def test_the_cli_reports_first_and_acts_only_when_asked(app, closed_complaint):
    runner = app.test_cli_runner()
    now = (CLOSED + timedelta(days=800)).isoformat()
    dry = runner.invoke(args=["privacy", "anonymise", "--dry-run", "--now", now])
    assert dry.exit_code == 0 and "1 case(s) would be anonymised: complaint 1" in dry.output
    assert closed_complaint.reference in dry.output and closed_complaint.party.anonymised_at is None
    declined = runner.invoke(args=["privacy", "anonymise", "--now", now], input="n\n")
    assert declined.exit_code != 0
    db.session.expire_all()
    assert db.session.get(Case, closed_complaint.id).party.anonymised_at is None
    done = runner.invoke(args=["privacy", "anonymise", "--yes", "--now", now])
    assert done.exit_code == 0 and "1 case(s) anonymised" in done.output
    db.session.expire_all()
    assert db.session.get(Case, closed_complaint.id).party.anonymised_at is not None


def test_the_scheduler_runs_the_retention_job(app, monkeypatch):
    job = build_scheduler(app).get_job(RETENTION_JOB_ID)
    assert job.trigger.interval == timedelta(hours=24) and (job.coalesce, job.max_instances) == (True, 1)
    monkeypatch.setitem(app.config, "ANONYMISE_INTERVAL_HOURS", 0)
    assert build_scheduler(app).get_job(RETENTION_JOB_ID) is None


def test_the_scheduled_pass_anonymises(app, closed_complaint, monkeypatch):
    from app.scheduler import run_retention

    monkeypatch.setitem(app.config, "PERSONAL_DATA_RETENTION_MONTHS", 0)
    report = run_retention(app)
    assert report.references == [closed_complaint.reference]
    assert db.session.execute(db.select(CaseEvent).filter_by(kind="personal_data")).scalars().first() is not None
