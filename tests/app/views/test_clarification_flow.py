"""The whole exchange through the pages, time frozen: asked by staff, answered with a document, refused as unclear.

Received Mon 2025-10-27 (answer due Wed 2025-11-26, LAW.md §5); clarification asked Tue 28 Oct; the
applicant replies on Fri 7 Nov. Under ``restart_on_reply`` the answer is due 20 working days after the
reply: Mon 2025-12-08 (18 Nov, Independence Day, skipped). Under the default policy it stays due on 26 Nov.
"""
import copy
import io
import re
import subprocess
from datetime import date, datetime

import flask_babel
import pytest
from flask import request_started

from app.extensions import db
from app.models import Attachment
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401
from tests.conftest import REQUEST

RECEIVED = datetime(2025, 10, 27, 9, 0)
ASKED = datetime(2025, 10, 28, 9, 0)
REPLIED = datetime(2025, 11, 7, 10, 0)
REFUSED = datetime(2025, 11, 20, 9, 0)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def fresh_locale(app):
    """Each request chooses its language again (the ``ctx`` fixture keeps one app context for the test)."""
    def forget(sender, **extra):
        flask_babel.refresh()
    request_started.connect(forget, app)
    yield
    request_started.disconnect(forget, app)


def freeze(monkeypatch, moment: datetime) -> None:
    """Every service reads ``moment`` as the current instant (naive UTC)."""
    for module in ("app.services.calendar", "app.services.cases", "app.services.messages"):
        monkeypatch.setattr(f"{module}.utc_now", lambda: moment)


def pdf_words(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", out.stdout.decode()).split())


@pytest.mark.real_pdf
@pytest.mark.parametrize("policy, due, shown", [
    ("keep_running", date(2025, 11, 26), "mercredi 26 novembre 2025"),
    ("restart_on_reply", date(2025, 12, 8), "lundi 8 décembre 2025"),
])
def test_clarification_asked_answered_with_a_document_then_refused_as_unclear(
        app, register, staff, monkeypatch, policy, due, shown):
    monkeypatch.setitem(app.config, "CLARIFICATION_CLOCK_POLICY", policy)
    data = copy.deepcopy(REQUEST)
    data["language"] = "fr"
    registered = register(data=data, received_at=RECEIVED)
    case, reference = registered.case, registered.case.reference
    officer = signed_in(app, "officer")
    signed_in(app, "supervisor").post(f"/staff/cases/{reference}/actions/assign",
                                      data={"assign-officer": "officer"})

    freeze(monkeypatch, ASKED)
    asked = officer.post(f"/staff/cases/{reference}/messages",
                         data={"body": "Précisez l'année de la session visée.", "clarification": "y"})
    assert asked.status_code == 302

    freeze(monkeypatch, REPLIED)
    browser = app.test_client()
    browser.post("/status", data={"reference": reference, "access_code": registered.access_code})
    status = browser.get(f"/status/{reference}?lang=fr").get_data(as_text=True)
    assert "Précisez l&#39;année de la session visée." in status and "Demande de précisions" in status
    sent = browser.post(f"/status/{reference}/messages", content_type="multipart/form-data",
                        data={"body": "La session d'octobre 2023.", "attachments": [(io.BytesIO(PDF), "ordre.pdf")]})
    assert sent.status_code == 302
    clock = case.clock("answer")
    assert (clock.due_on, clock.status) == (due, "running")
    status = browser.get(f"/status/{reference}?lang=fr").get_data(as_text=True)
    assert shown in status
    restarted = "Votre réponse du vendredi 7 novembre 2025 a fait recommencer le délai de réponse"
    assert (restarted in status) is (policy == "restart_on_reply")
    [file] = db.session.execute(db.select(Attachment).where(Attachment.message_id.is_not(None))).scalars().all()
    assert file.original_name == "ordre.pdf"

    freeze(monkeypatch, REFUSED)
    refused = officer.post(f"/staff/cases/{reference}/actions/answer", data={
        "answer-outcome": "refused", "answer-grounds": "unclear_request",
        "answer-text": "La demande ne permet toujours pas d'identifier le document."})
    assert refused.status_code == 302 and case.state == "answered"
    letter = [item for item in case.letters if item.kind == "answer"][-1]
    words = pdf_words(letter.pdf)
    assert "mardi 28 octobre 2025" in words and "vendredi 7 novembre 2025" in words
    assert "préciser votre demande" in words
