"""No e-mail is sent inside a web request: pages and the API queue, the scheduler's delivery job sends.

The mail transport is replaced by one that records each call and whether a request was
being served at that moment; the failures the delivery records are shown on the case page.
"""
from datetime import datetime

import pytest
from flask import has_request_context
from flask_babel import refresh

from app.extensions import db
from app.models.notification import Notification
from app.services import mailer, outbox
from tests.app.views.api_support import act, submit, tokens  # noqa: F401
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401
from tests.app.views.test_portal_support import REQUEST_FORM, shown_once


@pytest.fixture
def transport(monkeypatch):
    """Every call of the mail transport: True when it happened inside a web request."""
    calls = []
    monkeypatch.setattr(mailer.Transport, "send", lambda self, message: calls.append(has_request_context()))
    return calls


def queued() -> list[Notification]:
    return db.session.execute(db.select(Notification).order_by(Notification.id)).scalars().all()


def test_submissions_and_actions_queue_and_the_delivery_job_sends(ctx, client, tokens, staff, transport):
    shown_once(client.post("/requests/new", data=REQUEST_FORM))                 # portal form
    reference = submit(client).json["reference"]                                 # API
    assert act(client, tokens["supervisor"], reference, "assign", {"officer": "officer"}).status_code == 200
    answer = {"outcome": "granted", "text": "Voici le procès-verbal demandé."}
    staff_client = signed_in(ctx, "officer")
    page = staff_client.post(f"/staff/cases/{reference}/actions/answer",
                             data={f"answer-{k}": v for k, v in answer.items()})
    assert page.status_code == 302
    assert transport == []                                       # nothing sent by any request
    # Two confirmation notices (the addresses are not confirmed yet: the receipts and the
    # answer wait for the confirmation, app.services.email_confirmation).
    assert {n.status for n in queued()} == {"pending"} and len(queued()) == 2
    assert {n.dedup_key.split(":")[0] for n in queued()} == {"confirm"}
    assert outbox.deliver_pending() == 2                          # what the scheduler does
    assert transport == [False, False]


def test_delivery_refuses_to_run_inside_a_request(ctx, client, transport):
    submit(client)
    with ctx.test_request_context("/"):
        assert outbox.deliver_pending() == 0
    assert transport == [] and queued()[0].status == "pending"


def test_the_case_page_shows_each_e_mail_and_why_one_failed(ctx, client, tokens, staff):
    reference = submit(client).json["reference"]
    failed = queued()[0]
    failed.status, failed.attempts, failed.failure = "failed", 8, "refused"
    failed.last_error = "SMTPRecipientsRefused: {'salma.b@example.org': (550, b'5.1.1 no such mailbox')}"
    db.session.add(Notification(case_id=failed.case_id, dedup_key="test:retry", recipient="x@example.org",
                                subject="retry", body="b", attempts=2, failure="deferred",
                                next_attempt_at=datetime(2026, 1, 5, 10, 0), last_error="451 try later"))
    db.session.commit()
    page = signed_in(ctx, "supervisor").get(f"/staff/cases/{reference}").get_data(as_text=True)
    assert "الرسائل الإلكترونية" in page and "لم تُسلَّم" in page and "رفض خادم البريد هذا العنوان." in page
    assert "550" in page and "salma.b@example.org" in page
    assert "طلب خادم البريد إعادة المحاولة لاحقا." in page and "2026-01-05 11:00" in page   # Casablanca time
    refresh()       # the test's app context outlives its requests: forget the Arabic chosen first
    fr = signed_in(ctx, "supervisor")
    fr.get("/staff/?lang=fr")
    refresh()
    page = fr.get(f"/staff/cases/{reference}").get_data(as_text=True)
    assert "Courriels" in page and "Non remis" in page and "Le serveur de messagerie a refusé l'adresse." in page
