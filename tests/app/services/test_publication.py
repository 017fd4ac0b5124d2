"""The disclosure log (art. 10): the scheduler publishes after the delay and not before, withheld answers
never publish, officers publish at once, and what is published carries no trace of the applicant."""
import json
from datetime import datetime, timedelta

import pytest

from app.extensions import db
from app.models import CaseEvent, Disclosure
from app.services import disclosure_log, disclosures, publication, redaction_boxes
from app.services.applicant_traces import traces
from app.services.attachments import attachments_dir
from app.services.cases import Conflict, PayloadInvalid
from app.services.publication import PublicationRefused
from tests.app.disclosure_support import (ANSWERED, DUE, LATIN_REQUEST, granted, pdf_naming_the_applicant,
                                          pdf_saying, pdf_text, png_image, uploads)
from tests.app.deliver_support import CSV
from workflows.machine import TransitionRefused


def entry(case) -> Disclosure:
    db.session.expire_all()
    return disclosures.entry_of(case)


def test_the_scheduler_publishes_after_twenty_working_days_and_not_before(granted, staff):
    case = granted(("budget.png", png_image()))
    assert disclosures.planned_due(case).isoformat() == "2025-12-03"   # 6 and 18 Nov are holidays
    first = publication.publish_due(DUE - timedelta(days=1))
    assert first.created == [case.reference] and first.published == []
    assert entry(case).status == "scheduled" and entry(case).due_on.isoformat() == "2025-12-03"
    assert disclosure_log.search().total == 0
    done = publication.publish_due(DUE)
    assert done.published == [case.reference] and done.created == []
    published = entry(case)
    assert published.status == "published" and published.published_by_id is None
    assert published.outcome == "granted" and published.answered_on.isoformat() == "2025-11-03"
    assert published.title is None and published.summary is None   # nothing of the request until reviewed
    assert [f.treatment for f in published.files] == ["redact"] and published.files[0].stored_name
    again = publication.publish_due(DUE + timedelta(days=3))
    assert (again.created, again.published, again.held) == ([], [], [])   # idempotent
    events = [e.data["action"] for e in db.session.scalars(db.select(CaseEvent).filter_by(kind="publication"))]
    assert events == ["published"]


def test_refused_answers_are_never_published(granted, staff):
    case = granted(outcome="refused")
    assert not disclosures.eligible(case)
    assert publication.publish_due(DUE + timedelta(days=40)).created == []
    with pytest.raises(PayloadInvalid):
        publication.publish(case, staff["officer"], now=ANSWERED)


def test_a_withheld_answer_never_publishes_and_a_published_one_comes_down(granted, staff):
    case = granted(("budget.png", png_image()))
    with pytest.raises(PayloadInvalid) as no_reason:
        publication.withhold(case, "  ", staff["officer"], now=ANSWERED)
    assert "reason" in no_reason.value.errors
    publication.withhold(case, "Étude interne, publiée par ailleurs.", staff["officer"], now=ANSWERED)
    assert entry(case).status == "withheld" and entry(case).withheld_reason.startswith("Étude")
    assert publication.publish_due(DUE + timedelta(days=60)).published == []
    assert entry(case).status == "withheld"
    # The officer changes their mind: published at once, then taken down again (its file removed).
    publication.publish(case, staff["supervisor"], now=ANSWERED + timedelta(days=1))
    stored = attachments_dir() / entry(case).files[0].stored_name
    assert stored.is_file() and disclosure_log.search().total == 1
    publication.withhold(case, "Une donnée personnelle a été vue.", staff["officer"], now=ANSWERED + timedelta(days=2))
    assert not stored.exists() and entry(case).files[0].stored_name is None
    with pytest.raises(LookupError):
        disclosure_log.published_entry(case.reference)
    with pytest.raises(TransitionRefused):
        publication.withhold(case, "encore", staff["officer"], now=ANSWERED + timedelta(days=3))


def test_an_officer_publishes_at_once_with_a_reviewed_summary(granted, staff):
    case = granted(("pv.png", png_image()), outcome="partly_granted")
    publication.publish(case, staff["officer"], now=ANSWERED, title="Procès-verbal d'octobre 2023",
                        summary="Le procès-verbal de la session ordinaire d'octobre 2023.")
    published = disclosure_log.published_entry(case.reference)
    assert published.published_by_id == staff["officer"].id and published.summary_reviewed_by_id == staff["officer"].id
    assert published.outcome == "partly_granted" and published.grounds == ["exception_art7"]
    assert disclosure_log.search("proces verbal").entries == [published]        # accents folded
    assert disclosure_log.search("جزئية").entries == [published]               # the outcome's Arabic name
    assert disclosure_log.search("octobre budget").total == 0
    with pytest.raises(TransitionRefused):
        publication.publish(case, staff["officer"], now=ANSWERED)


def test_who_may_publish(granted, staff):
    case = granted()
    for name in ("viewer", "head", "complaints"):
        with pytest.raises(PermissionError):
            publication.publish(case, staff[name], now=ANSWERED)
    assert disclosures.may_manage(staff["officer"], case) and disclosures.may_manage(staff["admin"], case)


def test_a_summary_naming_the_applicant_is_refused(granted, staff):
    case = granted()
    for text, kind in (("Demande de سلمى البناني", "name"), ("CNIE SH 123456", "id_number"),
                       ("joindre au 06 61 23 45 67", "phone"), ("salma.b@EXAMPLE.org", "email")):
        with pytest.raises(PayloadInvalid) as refused:
            disclosures.save_summary(case, "Titre", text, staff["officer"], now=ANSWERED)
        assert refused.value.errors["summary"] == disclosures.NAMES_THE_APPLICANT
        assert traces(text, case.party) == [kind]
    disclosures.save_summary(case, "PV", "Le procès-verbal demandé.", staff["officer"], now=ANSWERED)
    assert entry(case).summary == "Le procès-verbal demandé."


def test_office_files_wait_for_an_officer_and_may_be_excluded(granted, staff):
    case = granted(("budget.csv", CSV), ("photo.png", png_image()))
    csv_file, image = entry_files = disclosures.ensure_entry(case, ANSWERED).files
    db.session.commit()
    assert [f.treatment for f in entry_files] == ["unreviewed", "redact"]
    publication.publish(case, staff["officer"], now=ANSWERED)
    assert [bool(f.stored_name) for f in entry(case).files] == [False, True]
    publication.withhold(case, "à revoir", staff["officer"], now=ANSWERED)
    disclosures.set_treatment(case, csv_file.id, "as_is", "", staff["officer"], now=ANSWERED)
    with pytest.raises(PayloadInvalid):
        disclosures.set_treatment(case, image.id, "excluded", "", staff["officer"], now=ANSWERED)
    with pytest.raises(PayloadInvalid):
        disclosures.set_treatment(case, csv_file.id, "redact", "", staff["officer"], now=ANSWERED)
    disclosures.set_treatment(case, image.id, "excluded", "photo d'un tiers", staff["officer"], now=ANSWERED)
    publication.publish(case, staff["officer"], now=ANSWERED)
    files = entry(case).files
    assert [bool(f.stored_name) for f in files] == [True, False]
    assert (attachments_dir() / files[0].stored_name).read_bytes() == CSV


def test_the_scheduler_holds_an_answer_whose_file_names_the_applicant(granted, staff):
    case = granted(("pv.pdf", pdf_naming_the_applicant()), data=LATIN_REQUEST)
    done = publication.publish_due(DUE)
    assert done.held == [case.reference] and entry(case).status == "held"
    assert json.loads(entry(case).hold_reason)["1"]["traces"] == ["name", "id_number", "email", "phone"]
    assert publication.publish_due(DUE + timedelta(days=1)).held == []     # held: not tried again every pass
    with pytest.raises(PublicationRefused) as refused:
        publication.publish(case, staff["officer"], now=DUE)
    assert list(refused.value.problems) == [1]
    item = entry(case).files[0]
    found = redaction_boxes.add_text_boxes(case, item.id, redaction_boxes.applicant_needles(case.party),
                                           "personal_data", staff["officer"], now=DUE)
    assert found >= 4 and entry(case).status == "scheduled"   # a change sends it back to the queue
    assert publication.publish_due(DUE + timedelta(days=1)).published == [case.reference]
    text = pdf_text((attachments_dir() / entry(case).files[0].stored_name).read_bytes())
    assert "Bennani" not in text and "SH123456" not in text and "Budget des routes" in text


def test_a_published_entry_cannot_be_changed_until_taken_down(granted, staff):
    case = granted(("pv.png", png_image()))
    publication.publish(case, staff["officer"], now=ANSWERED)
    item = entry(case).files[0]
    with pytest.raises(Conflict):
        redaction_boxes.add_box(case, item.id, 1, (1, 1, 20, 20), "personal_data", staff["officer"], now=ANSWERED)
    with pytest.raises(Conflict):
        disclosures.save_summary(case, "x", "y", staff["officer"], now=ANSWERED)


def test_publish_since_leaves_earlier_answers_to_the_officers(granted, staff, app, monkeypatch):
    case = granted()
    monkeypatch.setitem(app.config, "DISCLOSURE_PUBLISH_SINCE", "2025-12-01")
    assert publication.publish_due(DUE).created == []
    monkeypatch.setitem(app.config, "DISCLOSURE_PUBLISH_SINCE", "2025-11-01")
    assert publication.publish_due(DUE).published == [case.reference]


def test_the_delay_is_a_setting_counted_from_the_answer_letter(granted, staff, app, monkeypatch):
    monkeypatch.setitem(app.config, "DISCLOSURE_DELAY_WORKING_DAYS", 2)
    case = granted()
    assert disclosures.planned_due(case).isoformat() == "2025-11-05"
    assert publication.publish_due(datetime(2025, 11, 4, 20)).published == []
    assert publication.publish_due(datetime(2025, 11, 5, 8)).published == [case.reference]


def test_the_annual_report_counts_the_publications_of_the_year(granted, staff):
    from app.services import proactive_register
    from app.services.reports import annual

    case = granted(("pv.png", png_image()))
    publication.publish_due(DUE)
    new_year = proactive_register.add_document("Budget 2026", "", "budget", uploads(("b.pdf", pdf_saying("Budget"))),
                                               staff["officer"], now=datetime(2025, 12, 31, 23, 30))
    assert new_year.reference.startswith("PUB-2026-")          # 1 Jan 2026, 00:30 in Casablanca
    proactive_register.add_document("Programme", "", "programmes", uploads(("p.pdf", pdf_saying("Programme"))),
                                    staff["officer"], now=datetime(2025, 6, 2, 10))
    assert disclosure_log.counts(2025) == {"register": 1, "answer": 1}
    assert disclosure_log.counts(2026) == {"register": 1, "answer": 0}
    report = annual.build("information", 2025, "fr", now=DUE, charts=False)
    values = {(r.indicator, r.key): r.value for section in report.sections for r in section.rows}
    assert values[(annual.PROACTIVE, "")] == 2 and values[(annual.PROACTIVE, "register")] == 1
    assert case.reference in [e.reference for e in disclosure_log.search(source="answer").entries]


def test_the_scheduler_process_runs_the_publication_pass(app, granted, staff, monkeypatch):
    from app.scheduler import PUBLICATION_JOB_ID, build_scheduler, run_publication

    job = build_scheduler(app).get_job(PUBLICATION_JOB_ID)
    assert job.trigger.interval == timedelta(minutes=app.config["DISCLOSURE_PUBLISH_INTERVAL_MINUTES"])
    assert job.coalesce and job.max_instances == 1
    case = granted(("pv.png", png_image()))
    monkeypatch.setattr("app.services.publication.utc_now", lambda: DUE)
    done = run_publication(app)
    assert done.published == [case.reference]
    monkeypatch.setattr("app.services.publication.publish_due", lambda: 1 / 0)
    assert run_publication(app) is None          # a failure is logged, never raised to the scheduler
